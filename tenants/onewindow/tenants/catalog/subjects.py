"""A catalog change request as a subject of the county's deadline chains (7 working days)."""

from __future__ import annotations

from onewindow.tenants.catalog.selectors import change_request_units
from onewindow.tenants.escalation.subjects import register_subject


def register() -> None:
    register_subject("CatalogChangeRequest", kind="catalog_change", units=change_request_units)
