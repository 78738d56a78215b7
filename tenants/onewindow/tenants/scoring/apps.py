from django.apps import AppConfig


class ScoringConfig(AppConfig):
    name = "onewindow.tenants.scoring"
    label = "scoring"
    verbose_name = "考核"
