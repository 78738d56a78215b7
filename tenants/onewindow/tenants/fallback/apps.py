from django.apps import AppConfig


class FallbackConfig(AppConfig):
    name = "onewindow.tenants.fallback"
    label = "fallback"
    verbose_name = "办不成事"
