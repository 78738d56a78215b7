"""Catalog change requests move from ``catalog`` to their own app: the request's table stays as
it is (``catalog_catalogchangerequest``, state only); the county's limits get a table."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("catalog", "0001_initial"),
        ("hall", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="CatalogChangeRequest",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("summary", models.TextField()),
                        ("rule_published_on", models.DateField(verbose_name="依据公布日")),
                        ("reported_on", models.DateField(verbose_name="部门告知日")),
                        ("report_due", models.DateField()),
                        ("apply_due", models.DateField()),
                        ("applied_on", models.DateField(blank=True, null=True)),
                        ("created_at", models.DateTimeField()),
                        ("department", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="hall.department")),
                        ("item", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="catalog.serviceitem")),
                    ],
                    options={
                        "db_table": "catalog_catalogchangerequest",
                        "verbose_name": "事项目录调整",
                        "ordering": ["-reported_on", "id"],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.CreateModel(
            name="CatalogChangeSettings",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("report_within_days", models.PositiveSmallIntegerField(default=3)),
                ("apply_within_days", models.PositiveSmallIntegerField(default=7)),
            ],
        ),
    ]
