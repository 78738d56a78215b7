from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies: list[tuple[str, str]] = []

    operations = [
        migrations.CreateModel(
            name="DocumentSettings",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("issuer", models.CharField(blank=True, max_length=100)),
                ("contact_phone", models.CharField(blank=True, max_length=50)),
                ("address", models.CharField(blank=True, max_length=200)),
                ("deliveries", models.JSONField(default=list)),
                ("receipt_sms", models.BooleanField(default=False)),
                ("public_address", models.CharField(blank=True, max_length=200)),
            ],
        ),
    ]
