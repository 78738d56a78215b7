from django.apps import AppConfig


class MetricsConfig(AppConfig):
    name = "onewindow.tenants.metrics"
    label = "metrics"
    verbose_name = "对标指标（本县）"
