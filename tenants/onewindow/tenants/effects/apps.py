from django.apps import AppConfig


class EffectsConfig(AppConfig):
    name = "onewindow.tenants.effects"
    label = "effects"
    verbose_name = "幂等记录"
