"""``CatalogChangeRequest`` now belongs to the ``catalogchanges`` app, which kept its table: it
leaves this app's state only, and no table is dropped."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("catalog", "0001_initial"),
        ("catalogchanges", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="CatalogChangeRequest")],
            database_operations=[],
        ),
    ]
