"""The work order's review is now ``reviews.Review`` — the same table, so state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("reviews", "0001_initial"),
        ("workorders", "0002_assistancecomplaint"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="workorder",
                    name="review",
                    field=models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name="work_order", to="reviews.review"),
                ),
            ],
            database_operations=[],
        ),
    ]
