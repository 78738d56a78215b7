from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "onewindow.tenants.outbox"
    label = "outbox"
    verbose_name = "通知发件箱"
