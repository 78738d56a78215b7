"""``Review`` and ``ReviewSettings`` now belong to the ``reviews`` app, which kept their tables:
they leave this app's state only, and no table is dropped."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0005_reviewsettings_callback_days_and_more"),
        ("reviews", "0001_initial"),
        ("workorders", "0003_review_moved_to_reviews"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Review"),
                migrations.DeleteModel(name="ReviewSettings"),
            ],
            database_operations=[],
        ),
    ]
