"""Events of the catalog domain that other domains consume."""

from __future__ import annotations

from onewindow.tenants.events import EventData, declare


class CatalogChangeReported(EventData):
    """``reported_late``: past the 3 working days from the rule's publication (004 第十二条)."""

    item: str | None
    apply_due: str
    reported_late: bool


CATALOG_CHANGE_REPORTED = declare(
    "catalog_change.reported",
    CatalogChangeReported,
    "A department reported a catalog change (scoring deducts a late report).",
)
