from __future__ import annotations

from django.db import models

from onewindow.platform.core.audit import AuditEventBase


class AuditEvent(AuditEventBase):
    """审计事件 (one per county schema) — append-only: PostgreSQL refuses UPDATE and DELETE.

    A subject's timeline (a case's, later) is a query over these rows.
    """

    class Meta(AuditEventBase.Meta):
        db_table = "audit_event"
        verbose_name = "审计事件"
        indexes = [models.Index(fields=["subject_type", "subject_id", "occurred_at"])]
