from __future__ import annotations

from onewindow.platform.core.audit import AuditEventBase


class PlatformAuditEvent(AuditEventBase):
    """平台审计事件 — append-only (a database trigger refuses UPDATE and DELETE)."""

    class Meta(AuditEventBase.Meta):
        db_table = "platform_audit_event"
        verbose_name = "平台审计事件"
