from django.apps import AppConfig


class FallbackConfig(AppConfig):
    name = "onewindow.tenants.fallback"
    label = "fallback"
    verbose_name = "办不成事"

    def ready(self) -> None:
        # imported here: registering reads models, which exist only once apps are loaded
        from onewindow.tenants.fallback.subjects import register

        register()
