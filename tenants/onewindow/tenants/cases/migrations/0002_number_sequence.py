from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    # Case numbers come from a sequence of the county's own schema: unique per county, no race.
    operations = [migrations.RunSQL("CREATE SEQUENCE case_number_seq", "DROP SEQUENCE case_number_seq")]
