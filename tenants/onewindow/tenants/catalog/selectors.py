"""Catalog reads: drift from the provincial catalog, a bundle's combined materials, who answers."""

from __future__ import annotations

from dataclasses import dataclass, field

from onewindow.platform.catalog.models import UNIFIED_ELEMENTS, ProvincialItem
from onewindow.tenants.catalog.models import Bundle, CatalogChangeRequest, ServiceItem
from onewindow.tenants.escalation.subjects import Units


@dataclass(frozen=True)
class Drift:
    """A claimed item whose unified element differs from the provincial catalog (通许 deducts
    points when the guide differs online and offline)."""

    item_code: str
    item_name: str
    field: str
    county_value: str
    provincial_value: str


def catalog_drift(province: str) -> list[Drift]:
    claimed = list(ServiceItem.objects.live().exclude(provincial_code="").order_by("position", "code"))
    provincial = {
        p.code: p
        for p in ProvincialItem.objects.filter(
            province=province, code__in=[i.provincial_code for i in claimed]
        )
    }
    out: list[Drift] = []
    for item in claimed:
        source = provincial.get(item.provincial_code)
        if source is None:
            out.append(Drift(item.code, item.name, "provincial_code", item.provincial_code, ""))
            continue
        for name in UNIFIED_ELEMENTS:
            ours, theirs = str(getattr(item, name)), str(getattr(source, name))
            if ours != theirs:
                out.append(Drift(item.code, item.name, name, ours, theirs))
    return out


@dataclass
class CombinedMaterial:
    name: str
    items: list[str] = field(default_factory=list)
    tolerance_allowed: bool = True
    exempt: bool = True


def combined_materials(bundle: Bundle) -> list[CombinedMaterial]:
    """One list for the whole 一件事: a document several items ask for is asked for once. It
    may be missing (容缺) only if every item allows that, and is exempt only if it is for all."""
    by_name: dict[str, CombinedMaterial] = {}
    for item in bundle.items.all():
        for material in item.materials.all():
            entry = by_name.setdefault(material.name, CombinedMaterial(material.name))
            entry.items.append(item.code)
            entry.tolerance_allowed &= material.tolerance_allowed
            entry.exempt &= bool(material.exempt)
    return list(by_name.values())


def department_of_item(code: str) -> str | None:
    return ServiceItem.objects.filter(code=code).values_list("department__code", flat=True).first()


def change_request_units(request_id: str) -> Units:
    """The department answering for a catalog change request, for its reminders."""
    code = (
        CatalogChangeRequest.objects.filter(pk=request_id).values_list("department__code", flat=True).first()
    )
    return Units(departments=(code,) if code else ())
