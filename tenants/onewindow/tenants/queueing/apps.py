from django.apps import AppConfig


class QueueingConfig(AppConfig):
    """取号叫号 and 预约. Named ``queueing``: ``queue`` is a stdlib module and Celery's word."""

    name = "onewindow.tenants.queueing"
    label = "queueing"
    verbose_name = "取号叫号与预约"
