from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "onewindow.tenants.cases"
    label = "cases"
    verbose_name = "办件"

    def ready(self) -> None:
        # imported here: registering reads models, which exist only once apps are loaded
        from onewindow.tenants.cases.subjects import register

        register()
