from django.apps import AppConfig


class ProvincialCatalogConfig(AppConfig):
    name = "onewindow.platform.catalog"
    label = "provincial_catalog"
    verbose_name = "省级事项目录"
