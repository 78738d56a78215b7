from django.apps import AppConfig


class EscalationConfig(AppConfig):
    name = "onewindow.tenants.escalation"
    label = "escalation"
    verbose_name = "督办提醒"

    def ready(self) -> None:
        # the outbox resolves a rule's staff targets through us (it knows no hall model)
        from onewindow.tenants.escalation.targets import resolve_target
        from onewindow.tenants.outbox.recipients import register_resolver

        register_resolver(resolve_target)
