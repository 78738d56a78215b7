from django.apps import AppConfig


class HallConfig(AppConfig):
    name = "onewindow.tenants.hall"
    label = "hall"
    verbose_name = "大厅"
