from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "onewindow.tenants.audit"
    label = "audit"
    verbose_name = "审计"
