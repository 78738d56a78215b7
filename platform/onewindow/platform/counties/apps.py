from django.apps import AppConfig


class CountiesConfig(AppConfig):
    name = "onewindow.platform.counties"
    label = "counties"
    verbose_name = "县级政务服务中心"
