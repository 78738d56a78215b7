import logging

from django.apps import AppConfig

log = logging.getLogger("onewindow.startup")


class WebConfig(AppConfig):
    name = "onewindow.platform.project.web"
    label = "web"
    verbose_name = "页面"

    def ready(self) -> None:
        from django.conf import settings

        from onewindow.platform.project import security  # noqa: F401  (the lockout's audit event)

        db = settings.DATABASES["default"]
        log.info(
            "database: %s (%s/%s); broker: %s",
            "embedded PostgreSQL" if settings.DATABASE_IS_EMBEDDED else "PostgreSQL",
            db.get("HOST") or "localhost",
            db["NAME"],
            "embedded file broker"
            if settings.BROKER_IS_EMBEDDED
            else settings.CELERY_BROKER_URL.split("@")[-1],
        )
