from django.db import migrations

from onewindow.platform.core.audit import append_only_sql

forward, reverse = append_only_sql("audit_event")


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunSQL(forward, reverse)]
