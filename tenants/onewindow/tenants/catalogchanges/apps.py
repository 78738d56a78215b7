from django.apps import AppConfig


class CatalogChangesConfig(AppConfig):
    name = "onewindow.tenants.catalogchanges"
    label = "catalogchanges"
    verbose_name = "事项目录调整"

    def ready(self) -> None:
        # imported here: registering reads models, which exist only once apps are loaded
        from onewindow.tenants.catalogchanges.subjects import register

        register()
