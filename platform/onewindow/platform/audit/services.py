from __future__ import annotations

from typing import Any

from onewindow.platform.audit.models import PlatformAuditEvent
from onewindow.platform.core import clock, context
from onewindow.platform.core.audit import actor_fields


def record_platform_event(
    action: str,
    subject: Any,
    *,
    actor: object | None = None,
    data: dict[str, Any] | None = None,
) -> PlatformAuditEvent:
    """Append one platform audit event; call inside the service's transaction."""
    return PlatformAuditEvent.objects.create(
        occurred_at=clock.now(),
        action=action,
        subject_type=type(subject).__name__ if not isinstance(subject, str) else subject,
        subject_id=str(getattr(subject, "pk", "")) if not isinstance(subject, str) else "",
        data=data or {},
        request_id=context.request_id.get() if context.request_id.get() != "-" else "",
        **actor_fields(actor),
    )
