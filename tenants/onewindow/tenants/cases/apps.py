from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "onewindow.tenants.cases"
    label = "cases"
    verbose_name = "办件"
