from django.apps import AppConfig


class BffConfig(AppConfig):
    name = "onewindow.bff"
    label = "bff"
    verbose_name = "网页端"
