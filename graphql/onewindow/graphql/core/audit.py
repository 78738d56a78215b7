"""Audit of what a request showed: full reads of personal data, once per request."""

from __future__ import annotations

from django.db import transaction

from onewindow.graphql.core.context import ApiContext
from onewindow.tenants.audit.services import record_event


def record_pii_reads(ctx: ApiContext) -> None:
    """One ``pii.read`` event per field shown in full, naming every applicant it was shown for
    (``data.ids``): a list of 100 cases costs one short transaction, not one per row."""
    if not ctx.pii_reads:
        return
    with transaction.atomic():
        for field, ids in sorted(ctx.pii_reads.items()):
            record_event("pii.read", "Applicant", actor=ctx.user, data={"field": field, "ids": sorted(ids)})
    ctx.pii_reads.clear()
