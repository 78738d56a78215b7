from django.apps import AppConfig
from django.db.models.signals import post_migrate


class BenchmarksConfig(AppConfig):
    name = "onewindow.platform.benchmarks"
    label = "benchmarks"
    verbose_name = "跨县对标"

    def ready(self) -> None:
        # The metric catalog ships with the code: every migrate brings the table in line with
        # it (a changed definition becomes a new version; nothing is ever deleted).
        post_migrate.connect(_sync_catalog, sender=self)


def _sync_catalog(sender: object, using: str = "default", **_: object) -> None:
    from onewindow.platform.core.tenancy import active_schema

    if active_schema() != "public":  # django-tenants migrates each schema: only once
        return
    from onewindow.platform.benchmarks.catalog import sync_metric_catalog

    sync_metric_catalog()
