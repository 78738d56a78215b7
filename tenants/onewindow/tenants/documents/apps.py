from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "onewindow.tenants.documents"
    label = "documents"
    verbose_name = "文书"
