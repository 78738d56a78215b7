from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "onewindow.tenants.catalog"
    label = "catalog"
    verbose_name = "事项目录"

    def ready(self) -> None:
        # imported here: registering reads models, which exist only once apps are loaded
        from onewindow.tenants.catalog.subjects import register

        register()
