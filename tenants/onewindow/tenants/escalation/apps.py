from django.apps import AppConfig


class EscalationConfig(AppConfig):
    name = "onewindow.tenants.escalation"
    label = "escalation"
    verbose_name = "督办提醒"
