from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("counties", "0002_onboardingjob"),
    ]

    operations = [
        migrations.CreateModel(
            name="TemplateDDL",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("state", models.CharField(max_length=64, unique=True)),
                ("ddl", models.TextField()),
                ("generated_at", models.DateTimeField(auto_now_add=True)),
            ],
            options={"verbose_name": "模板建表语句"},
        ),
    ]
