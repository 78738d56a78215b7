from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "onewindow.platform.web"
    label = "web"
    verbose_name = "页面"
