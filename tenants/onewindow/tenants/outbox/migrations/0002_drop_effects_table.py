"""The ``effects`` app (``claim_once``) had no caller and is gone; its table leaves every county
schema. IF EXISTS: a county created after the removal never had it. Its migration records go
too, so nothing remembers an app that no longer exists. Irreversible on purpose: the table held
only claimed keys of effects nobody made."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("outbox", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            # one statement a string: Citus forwards each as a prepared statement (docs/citus.md)
            ["DROP TABLE IF EXISTS effects_effect", "DELETE FROM django_migrations WHERE app = 'effects'"],
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
