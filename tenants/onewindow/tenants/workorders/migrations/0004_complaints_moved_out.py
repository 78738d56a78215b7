"""``AssistanceComplaint`` now belongs to the ``assistance`` app, which kept its table: it
leaves this app's state only, and no table is dropped."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("workorders", "0003_review_moved_to_reviews"),
        ("assistance", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="AssistanceComplaint")],
            database_operations=[],
        ),
    ]
