"""The catalog's slices of the policy pack: service items (claims and local ones) and bundles.

Claims are checked against the province's standard catalog and bundles against the national
一件事 list: platform (public-schema) data this slice reads itself, once per check."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import Field

from onewindow.platform.catalog.models import UNIFIED_ELEMENTS, ItemType, NationalBundle, ProvincialItem
from onewindow.platform.core.errors import ErrorDetail
from onewindow.tenants.catalog.models import (
    Bundle,
    ExemptReason,
    ItemKind,
    ItemMaterial,
    MaterialFormat,
    MaterialSource,
    ServiceItem,
)
from onewindow.tenants.policy.base import (
    Blank,
    Children,
    Code,
    Many,
    PackContext,
    Ref,
    Slice,
    Strict,
    Text,
    choice,
    columns,
    unknown,
)


class MaterialSpec(Strict):
    code: Code
    name: Text
    format: choice(MaterialFormat) = MaterialFormat.EITHER.value  # type: ignore[valid-type]
    copies: int = Field(default=1, ge=0, le=99)
    source: choice(MaterialSource) = MaterialSource.APPLICANT.value  # type: ignore[valid-type]
    tolerance_allowed: bool = False
    exempt: choice(ExemptReason) | None = None  # type: ignore[valid-type]


class FaqSpec(Strict):
    q: Text
    a: Text


class GuideSpec(Strict):
    """办事指南 fields of 004 第十条 beyond the unified elements."""

    conditions: str = ""
    sample_text: str = ""
    common_errors: str = ""
    fees: str = ""
    process: str = ""
    result_name: str = ""
    result_sample: str = ""
    consultation: str = ""


class ItemSpec(Strict):
    code: Code
    provincial_code: str | None = None
    # A claim (provincial_code set) inherits the unified elements it leaves out.
    name: str = ""
    item_type: choice(ItemType) | None = None  # type: ignore[valid-type]
    competent_department: str = ""
    implementing_body: str = ""
    legal_basis: str = ""
    department: Code
    kind: choice(ItemKind)  # type: ignore[valid-type]
    statutory_limit_days: int | None = Field(default=None, ge=0, le=3650)
    promised_limit_days: int | None = Field(default=None, ge=0, le=3650)
    online_depth: int = Field(default=1, ge=1, le=4)
    visits_required: int = Field(default=1, ge=0, le=20)
    assistance_eligible: bool = True
    self_service: bool = False
    guide: GuideSpec = GuideSpec()
    materials: list[MaterialSpec] = []
    review_points: list[Text] = []
    faq: list[FaqSpec] = []


class BundleSpec(Strict):
    code: Code
    name: Text
    national_code: str | None = None
    lead_department: Code
    co_departments: list[Code] = []
    items: list[Code]
    promised_limit_days: int = Field(ge=0, le=3650)


def provincial(ctx: PackContext) -> dict[str, ProvincialItem]:
    """The province's standard catalog, by code."""
    return ctx.cached(
        "provincial", lambda: {p.code: p for p in ProvincialItem.objects.filter(province=ctx.province)}
    )


# --- rules beyond the shape ------------------------------------------------------------------------


def _items(items: list[ItemSpec], ctx: PackContext) -> Iterator[ErrorDetail]:
    departments, known = ctx.codes("departments"), provincial(ctx)
    for i, item in enumerate(items):
        path = f"items[{i}]"
        yield from unknown(item.department, departments, f"{path}.department", "部门")
        if not item.provincial_code:
            for field in ("name", "item_type"):
                if not getattr(item, field):
                    yield ErrorDetail(
                        "REQUIRED", "本地事项须填写此项（认领事项可继承省级目录）", f"{path}.{field}"
                    )
        if item.provincial_code and item.provincial_code not in known:
            yield ErrorDetail(
                "UNKNOWN_PROVINCIAL_ITEM", f"省级目录中没有 {item.provincial_code}", f"{path}.provincial_code"
            )
        yield from check_item_rules(item, path)


def check_item_rules(item: ItemSpec, path: str) -> Iterator[ErrorDetail]:
    """DOMAIN §8: 即办件 ⇔ no promised limit; promised ≤ statutory; Ⅳ ⇒ zero visits …"""
    kind, statutory, promised = item.kind, item.statutory_limit_days, item.promised_limit_days
    if kind == "immediate" and promised not in (None, 0):
        yield ErrorDetail(
            "IMMEDIATE_HAS_LIMIT", "即办件没有承诺时限（当场办结）", f"{path}.promised_limit_days"
        )
    if kind == "promised" and not promised:
        yield ErrorDetail(
            "PROMISED_LIMIT_REQUIRED", "承诺件须有承诺时限（工作日）", f"{path}.promised_limit_days"
        )
    if promised and statutory is not None and promised > statutory:
        yield ErrorDetail(
            "PROMISED_EXCEEDS_STATUTORY",
            f"承诺时限 {promised} 个工作日超过法定时限 {statutory} 个工作日",
            f"{path}.promised_limit_days",
        )
    depth, visits = item.online_depth, item.visits_required
    if depth == 4 and visits != 0:
        yield ErrorDetail(
            "FULLY_ONLINE_HAS_VISITS", "Ⅳ级（全程网办）事项到现场次数须为 0", f"{path}.visits_required"
        )
    if depth < 4 and visits == 0 and not item.self_service:
        yield ErrorDetail(
            "ZERO_VISITS_NEEDS_ONLINE", "零跑动事项须为Ⅳ级全程网办或可自助办理", f"{path}.visits_required"
        )
    seen: set[str] = set()
    for j, m in enumerate(item.materials):
        if m.code in seen:
            yield ErrorDetail("DUPLICATE_CODE", f"材料 {m.code} 重复", f"{path}.materials[{j}].code")
        seen.add(m.code)
        if m.exempt == "government_issued" and m.source != "government":
            yield ErrorDetail(
                "EXEMPT_SOURCE",
                "“政府部门核发”免提交的材料来源须为 government",
                f"{path}.materials[{j}].source",
            )


def _bundles(bundles: list[BundleSpec], ctx: PackContext) -> Iterator[ErrorDetail]:
    departments, items = ctx.codes("departments"), ctx.codes("items")
    national = ctx.cached(
        "national_bundles", lambda: set(NationalBundle.objects.values_list("code", flat=True))
    )
    for i, bundle in enumerate(bundles):
        yield from unknown(bundle.lead_department, departments, f"bundles[{i}].lead_department", "部门")
        for j, dept in enumerate(bundle.co_departments):
            yield from unknown(dept, departments, f"bundles[{i}].co_departments[{j}]", "部门")
        for j, code in enumerate(bundle.items):
            yield from unknown(code, items, f"bundles[{i}].items[{j}]", "事项")
        if bundle.national_code and bundle.national_code not in national:
            yield ErrorDetail(
                "UNKNOWN_NATIONAL_BUNDLE",
                f"国家一件事清单中没有 {bundle.national_code}",
                f"bundles[{i}].national_code",
            )
        if len(bundle.items) < 2:
            yield ErrorDetail("BUNDLE_TOO_SMALL", "一件事至少包含两个事项", f"bundles[{i}].items")


# --- the slices ------------------------------------------------------------------------------------


class _Items(Slice):
    def normalise(self, entry: dict[str, Any], ctx: PackContext) -> None:
        super().normalise(entry, ctx)
        source = provincial(ctx).get(entry.get("provincial_code") or "")
        if source is not None:
            for field in UNIFIED_ELEMENTS:
                if not entry.get(field):  # a claim inherits what it does not localise
                    entry[field] = getattr(source, field)


_MATERIAL = columns("code", "name", "format", "copies", "source", "tolerance_allowed", exempt=Blank())

ITEMS = _Items(
    "items",
    ItemSpec,
    ServiceItem,
    columns(
        *UNIFIED_ELEMENTS,
        "kind",
        "statutory_limit_days",
        "promised_limit_days",
        "online_depth",
        "visits_required",
        "assistance_eligible",
        "self_service",
        "guide",
        "review_points",
        "faq",
        provincial_code=Blank(),
        department=Ref("departments"),
        materials=Children(ItemMaterial, "item", _MATERIAL),
    ),
    check=_items,
)
BUNDLES = Slice(
    "bundles",
    BundleSpec,
    Bundle,
    columns(
        "name",
        "promised_limit_days",
        national_code=Blank(),
        lead_department=Ref("departments"),
        co_departments=Many("departments"),
        items=Many("items"),
    ),
    unordered=("co_departments", "items"),
    check=_bundles,
)

__all__ = [
    "BUNDLES",
    "ITEMS",
    "BundleSpec",
    "FaqSpec",
    "GuideSpec",
    "ItemSpec",
    "MaterialSpec",
    "check_item_rules",
    "provincial",
]
