from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "onewindow.tenants.consultations"
    label = "consultations"
    verbose_name = "首问负责"
