from django.apps import AppConfig


class WorkOrdersConfig(AppConfig):
    name = "onewindow.tenants.workorders"
    label = "workorders"
    verbose_name = "差评整改工单"
