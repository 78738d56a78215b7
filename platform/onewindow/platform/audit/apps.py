from django.apps import AppConfig


class PlatformAuditConfig(AppConfig):
    name = "onewindow.platform.audit"
    label = "platform_audit"
    verbose_name = "平台审计"
