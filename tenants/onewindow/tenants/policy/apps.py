from django.apps import AppConfig


class PolicyConfig(AppConfig):
    name = "onewindow.tenants.policy"
    label = "policy"
    verbose_name = "政策包"
