from django.apps import AppConfig


class AssistanceConfig(AppConfig):
    name = "onewindow.tenants.assistance"
    label = "assistance"
    verbose_name = "帮办代办"

    def ready(self) -> None:
        # imported here: registering reads models, which exist only once apps are loaded
        from onewindow.tenants.assistance.subjects import register

        register()
