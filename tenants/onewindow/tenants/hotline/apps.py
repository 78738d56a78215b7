from django.apps import AppConfig


class HotlineConfig(AppConfig):
    name = "onewindow.tenants.hotline"
    label = "hotline"
    verbose_name = "12345 热线工单"

    def ready(self) -> None:
        # imported here: registering reads models, which exist only once apps are loaded
        from onewindow.tenants.hotline.subjects import register

        register()
