"""Sentry, when ``SENTRY_DSN`` is set. Personal data never leaves the machine."""

from __future__ import annotations

import os
import re
from typing import Any

from django.views.debug import SafeExceptionReporterFilter

from onewindow.platform.core.pii import redact_all

# Keys whose values Sentry's EventScrubber drops, besides its defaults (password, token …):
# our personal fields and the settings that carry credentials.
DENYLIST_EXTRA = [
    "id_number",
    "idnumber",
    "phone",
    "applicant_phone",
    "complainant_phone",
    "phone_tail",
    "phonetail",
    "recipient",
    "database_url",
    "migrate_database_url",
    "celery_broker_url",
    "sentry_dsn",
    "dsn",
]


class ReporterFilter(SafeExceptionReporterFilter):
    """Django's debug page and error mails: URLs and DSNs (which carry passwords) hidden too."""

    hidden_settings = re.compile(
        "API|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|DATABASE|_URL$|DSN|BROKER", flags=re.I
    )


def event_scrubber() -> Any:
    from sentry_sdk.scrubber import DEFAULT_DENYLIST, DEFAULT_PII_DENYLIST, EventScrubber

    return EventScrubber(
        denylist=[*DEFAULT_DENYLIST, *DENYLIST_EXTRA],
        pii_denylist=DEFAULT_PII_DENYLIST,
        recursive=True,
    )


def _scrub(value: Any) -> Any:
    # after the EventScrubber (keys), the values: 身份证号 and phones inside any text
    return redact_all(value)


def before_send(event: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
    request = event.get("request")
    if isinstance(request, dict):
        request.pop("data", None)
        request.pop("cookies", None)
        headers = request.get("headers") or {}
        for name in list(headers):
            if name.lower() in {"authorization", "cookie", "x-csrftoken"}:
                headers[name] = "[Filtered]"
    scrubbed: dict[str, Any] = _scrub(event)
    return scrubbed


def init_sentry(dsn: str) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration
    from sentry_sdk.integrations.graphene import GrapheneIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        integrations=[DjangoIntegration(), CeleryIntegration(), GrapheneIntegration()],
        send_default_pii=False,
        event_scrubber=event_scrubber(),
        before_send=before_send,  # type: ignore[arg-type]
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )
