"""Events of the catalog-change domain that other domains consume."""

from __future__ import annotations

from onewindow.tenants.events import EventData, declare


class CatalogChangeReported(EventData):
    """``reported_late``: past the county's limit from the rule's publication (通许 004 第十二条:
    3 working days); never, when the county's pack sets no limit (``apply_due`` is then None)."""

    item: str | None
    apply_due: str | None
    reported_late: bool


CATALOG_CHANGE_REPORTED = declare(
    "catalog_change.reported",
    CatalogChangeReported,
    "A department reported a catalog change (scoring deducts a late report).",
)
