from django.db import migrations

# the function, then the trigger where the database allows one (on Citus only with
# citus.enable_unsafe_triggers); one statement each, as Citus needs
from onewindow.platform.core.audit import append_only_operations


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = append_only_operations("audit_event")
