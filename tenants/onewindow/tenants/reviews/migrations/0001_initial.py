"""好差评 moves from ``cases`` to its own app: Django's state only; the tables stay as they are
(``cases_review``, ``cases_reviewsettings``), so a county migrates without copying a row."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("cases", "0005_reviewsettings_callback_days_and_more"),
        ("hall", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Review",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("visit_ref", models.CharField(blank=True, max_length=64, null=True, unique=True)),
                        ("level", models.PositiveSmallIntegerField()),
                        ("channel", models.CharField(choices=[("device", "评价器"), ("qr", "二维码"), ("sms", "短信"), ("web", "网站"), ("app", "移动端"), ("kiosk", "自助终端"), ("hotline", "12345"), ("paper", "纸质评价表")], max_length=16)),
                        ("tags", models.JSONField(blank=True, default=list)),
                        ("text", models.TextField(blank=True)),
                        ("is_default", models.BooleanField(default=False)),
                        ("created_at", models.DateTimeField()),
                        ("case", models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="review", to="cases.case")),
                        ("window", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="reviews", to="hall.window")),
                    ],
                    options={
                        "db_table": "cases_review",
                        "constraints": [
                            models.CheckConstraint(condition=models.Q(("level__gte", 1), ("level__lte", 5)), name="review_level_1_5"),
                            models.CheckConstraint(condition=models.Q(("case__isnull", False), ("visit_ref__isnull", False), _connector="OR"), name="review_has_subject"),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="ReviewSettings",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("default_rating_after_days", models.PositiveSmallIntegerField(blank=True, null=True)),
                        ("default_level", models.PositiveSmallIntegerField(default=4)),
                        ("callback_days", models.PositiveSmallIntegerField(default=1)),
                        ("rectification_days", models.PositiveSmallIntegerField(default=15)),
                    ],
                    options={"db_table": "cases_reviewsettings"},
                ),
            ],
            database_operations=[],
        ),
    ]
