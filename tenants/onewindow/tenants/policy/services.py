"""Validate, export, diff and apply a county's policy pack.

The database and the document always agree: ``export_pack()`` reads the live configuration
into a pack; ``apply_pack()`` makes the database equal to a pack (upsert by code, retire what
is no longer listed) in one transaction, records a ``PolicyVersion`` with its diff and author,
and an audit event. Applying what ``export_pack()`` returned changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from onewindow.platform.catalog.models import UNIFIED_ELEMENTS, NationalBundle, ProvincialItem
from onewindow.platform.core import clock
from onewindow.platform.core.errors import ErrorDetail, ValidationErrors
from onewindow.platform.core.tenancy import db
from onewindow.tenants.audit.services import record_event
from onewindow.tenants.catalog.models import Bundle, ItemMaterial, ServiceItem
from onewindow.tenants.escalation.models import Chain
from onewindow.tenants.escalation.services import latest_levels, write_chains
from onewindow.tenants.fallback.models import FallbackSettings
from onewindow.tenants.hall.models import (
    Department,
    ServiceTeam,
    Site,
    StaffMember,
    TeamMember,
    Window,
    Zone,
)
from onewindow.tenants.policy.document import dump_pack, pack_from_data, parse_pack
from onewindow.tenants.policy.models import PolicyVersion
from onewindow.tenants.policy.rules import check_pack
from onewindow.tenants.policy.schema import DEFAULT_TIERS, SECTIONS, PolicyPack
from onewindow.tenants.reviews.models import ReviewSettings
from onewindow.tenants.scoring.models import RuleSet
from onewindow.tenants.scoring.services import latest_definition, write_rule_sets
from onewindow.tenants.workcalendar.models import CalendarOverride

# Lists whose order the database does not keep (many-to-many): canonical order is sorted.
_UNORDERED = {"windows": ("departments",), "bundles": ("co_departments", "items")}


@dataclass(frozen=True)
class ApplyResult:
    version: PolicyVersion | None  # None: the pack changed nothing
    diff: list[dict[str, Any]]


def _county() -> Any:
    county = getattr(db, "tenant", None)
    if county is None or county.schema_name == "public":
        raise RuntimeError("policy services need an active county")
    return county


def _provincial(province: str) -> dict[str, ProvincialItem]:
    return {p.code: p for p in ProvincialItem.objects.filter(province=province)}


# --- export ------------------------------------------------------------------------------------


def export_data() -> dict[str, Any]:
    county = _county()
    data: dict[str, Any] = {
        "schema": "onewindow.policy/v1",
        "county": {"code": county.code, "name": county.name, "province": county.province},
    }
    data["departments"] = [
        {"code": d.code, "name": d.name, "short_name": d.short_name} for d in Department.objects.live()
    ]
    data["sites"] = [
        {"code": s.code, "name": s.name, "level": s.level, "parent": s.parent.code if s.parent else None}
        for s in Site.objects.live().select_related("parent")
    ]
    data["zones"] = [
        {"code": z.code, "site": z.site.code, "name": z.name, "kind": z.kind}
        for z in Zone.objects.live().select_related("site")
    ]
    data["windows"] = [
        {
            "code": w.code,
            "name": w.name,
            "kind": w.kind,
            "zone": w.zone.code,
            "value_domain": w.value_domain or None,
            "lead_department": w.lead_department.code if w.lead_department else None,
            "departments": sorted(d.code for d in w.departments.all()),
            "categories": list(w.categories),
        }
        for w in Window.objects.live()
        .select_related("zone", "lead_department")
        .prefetch_related("departments")
    ]
    data["staff"] = [
        {
            "code": s.code,
            "name": s.name,
            "roles": list(s.roles),
            "grade": s.grade or None,
            "department": s.department.code if s.department else None,
            "posted_since": s.posted_since.isoformat() if s.posted_since else None,
            "window": s.window.code if s.window else None,
            "username": s.username,
            "title": s.title,
        }
        for s in StaffMember.objects.live().select_related("department", "window")
    ]
    data["teams"] = [
        {
            "code": t.code,
            "name": t.name,
            "shape": t.shape,
            "service_domain": t.service_domain,
            "lead_department": t.lead_department.code if t.lead_department else None,
            "duties": t.duties,
            "members": [
                {"role": m.role, "name": m.name, "title": m.title, "staff": m.staff.code if m.staff else None}
                for m in t.members.all()
            ],
        }
        for t in ServiceTeam.objects.live()
        .select_related("lead_department")
        .prefetch_related("members__staff")
    ]
    data["items"] = [
        {
            "code": i.code,
            "provincial_code": i.provincial_code or None,
            **{f: getattr(i, f) for f in UNIFIED_ELEMENTS},
            "department": i.department.code,
            "kind": i.kind,
            "statutory_limit_days": i.statutory_limit_days,
            "promised_limit_days": i.promised_limit_days,
            "online_depth": i.online_depth,
            "visits_required": i.visits_required,
            "assistance_eligible": i.assistance_eligible,
            "self_service": i.self_service,
            "guide": i.guide,
            "materials": [
                {
                    "code": m.code,
                    "name": m.name,
                    "format": m.format,
                    "copies": m.copies,
                    "source": m.source,
                    "tolerance_allowed": m.tolerance_allowed,
                    "exempt": m.exempt or None,
                }
                for m in i.materials.all()
            ],
            "review_points": list(i.review_points),
            "faq": list(i.faq),
        }
        for i in ServiceItem.objects.live().select_related("department").prefetch_related("materials")
    ]
    data["bundles"] = [
        {
            "code": b.code,
            "name": b.name,
            "national_code": b.national_code or None,
            "lead_department": b.lead_department.code,
            "co_departments": sorted(d.code for d in b.co_departments.all()),
            "items": sorted(i.code for i in b.items.all()),
            "promised_limit_days": b.promised_limit_days,
        }
        for b in Bundle.objects.live()
        .select_related("lead_department")
        .prefetch_related("co_departments", "items")
    ]
    data["chains"] = [
        {"code": c.code, "name": c.name, "subject": c.subject, "levels": latest_levels(c)}
        for c in Chain.objects.live().prefetch_related("versions")
    ]
    data["rule_sets"] = [
        latest_definition(r)
        or {"code": r.code, "name": r.name, "subject": r.subject, "period": r.period, "categories": []}
        for r in RuleSet.objects.live()
    ]
    settings = ReviewSettings.objects.first()
    data["reviews"] = {
        "default_rating_after_days": settings.default_rating_after_days if settings else None,
        "default_level": settings.default_level if settings else 4,
        "callback_days": settings.callback_days if settings else 1,
        "rectification_days": settings.rectification_days if settings else 15,
    }
    fallback = FallbackSettings.objects.first()
    data["fallback"] = (
        {"tiers": list(fallback.tiers), "discipline_referral": fallback.discipline_referral}
        if fallback
        else {"tiers": [t.model_dump() for t in DEFAULT_TIERS], "discipline_referral": False}
    )
    data["calendar_overrides"] = [
        {"date": o.date.isoformat(), "kind": o.kind, "reason": o.reason}
        for o in CalendarOverride.objects.all()
    ]
    return data


def export_pack() -> PolicyPack:
    """The active county's configuration as a pack."""
    return pack_from_data(export_data())


def export_yaml() -> str:
    return dump_pack(export_pack())


# --- validate and normalise --------------------------------------------------------------------


def validate_pack(pack: PolicyPack, *, province: str | None = None) -> PolicyPack:
    """Check references and rules; return the pack in canonical form (what export would give)."""
    provincial = _provincial(province if province is not None else pack.county.province)
    problems = check_pack(pack, provincial, NationalBundle.objects.values_list("code", flat=True))
    if problems:
        raise ValidationErrors(problems)
    return normalise(pack, provincial)


def normalise(pack: PolicyPack, provincial: dict[str, ProvincialItem]) -> PolicyPack:
    data = pack.model_dump(mode="json", by_alias=True)
    for section, fields in _UNORDERED.items():
        for entry in data[section]:
            for field in fields:
                entry[field] = sorted(set(entry[field]))
    for item in data["items"]:
        source = provincial.get(item.get("provincial_code") or "")
        if source is not None:
            for field in UNIFIED_ELEMENTS:
                if not item.get(field):  # a claim inherits what it does not localise
                    item[field] = getattr(source, field)
    return pack_from_data(data)


def validate_text(text: str, *, province: str | None = None) -> PolicyPack:
    return validate_pack(parse_pack(text), province=province)


# --- diff --------------------------------------------------------------------------------------


def _key(section: str, entry: dict[str, Any]) -> str:
    return str(entry["date"] if section == "calendar_overrides" else entry["code"])


def diff_packs(old: PolicyPack, new: PolicyPack) -> list[dict[str, Any]]:
    """What applying ``new`` over ``old`` changes, entry by entry (keys are stable codes)."""
    before = old.model_dump(mode="json", by_alias=True)
    after = new.model_dump(mode="json", by_alias=True)
    changes: list[dict[str, Any]] = []
    for section in SECTIONS:
        a = {_key(section, e): e for e in before[section]}
        b = {_key(section, e): e for e in after[section]}
        for key, entry in b.items():
            if key not in a:
                changes.append({"path": f"{section}.{key}", "change": "added", "after": entry})
            elif entry != a[key]:
                fields = sorted(f for f in entry if entry[f] != a[key].get(f))
                changes.append(
                    {
                        "path": f"{section}.{key}",
                        "change": "changed",
                        "fields": fields,
                        "before": {f: a[key].get(f) for f in fields},
                        "after": {f: entry[f] for f in fields},
                    }
                )
        for key, entry in a.items():
            if key not in b:
                changes.append({"path": f"{section}.{key}", "change": "retired", "before": entry})
        common = [k for k in b if k in a]
        if common != [k for k in a if k in b]:
            changes.append({"path": section, "change": "reordered", "after": list(b)})
    for setting in ("reviews", "fallback"):  # single-object sections
        if before[setting] != after[setting]:
            fields = sorted(f for f in after[setting] if after[setting][f] != before[setting].get(f))
            changes.append(
                {
                    "path": setting,
                    "change": "changed",
                    "fields": fields,
                    "before": {f: before[setting].get(f) for f in fields},
                    "after": {f: after[setting][f] for f in fields},
                }
            )
    return changes


def diff_against_county(pack: PolicyPack) -> list[dict[str, Any]]:
    county = _county()
    return diff_packs(export_pack(), validate_pack(_rebased(pack, county), province=county.province))


# --- apply -------------------------------------------------------------------------------------


def _rebased(pack: PolicyPack, county: Any) -> PolicyPack:
    """A preset written for one county, applied to another: the target's identity wins."""
    data = pack.model_dump(mode="json", by_alias=True)
    data["county"] = {"code": county.code, "name": county.name, "province": county.province}
    return pack_from_data(data)


@transaction.atomic
def apply_pack(
    pack: PolicyPack, *, actor: object | None, source: str = "", rebase: bool = False
) -> ApplyResult:
    """Make the active county's configuration equal to ``pack``, all or nothing."""
    county = _county()
    if rebase:
        pack = _rebased(pack, county)
    elif pack.county.code != county.code:
        raise ValidationErrors(
            [
                ErrorDetail(
                    "COUNTY_MISMATCH", f"此政策包属于 {pack.county.code}，不是 {county.code}", "county.code"
                )
            ]
        )
    target = validate_pack(pack, province=county.province)
    changes = diff_packs(export_pack(), target)
    if not changes:
        return ApplyResult(None, [])
    changed_sections = {c["path"].split(".")[0] for c in changes}
    _write(target, changed_sections)
    last = PolicyVersion.objects.order_by("-number").values_list("number", flat=True).first() or 0
    label = actor if isinstance(actor, str) else getattr(actor, "username", "system")
    version = PolicyVersion.objects.create(
        number=last + 1,
        applied_at=clock.now(),
        author=str(label),
        source=source,
        document=dump_pack(target),
        diff=changes,
    )
    record_event(
        "policy.applied",
        version,
        actor=actor,
        data={"version": version.number, "source": source, "changes": len(changes)},
    )
    return ApplyResult(version, changes)


def apply_text(text: str, *, actor: object | None, source: str = "", rebase: bool = False) -> ApplyResult:
    return apply_pack(parse_pack(text), actor=actor, source=source, rebase=rebase)


def _sync(model: Any, entries: list[Any], build: Any) -> dict[str, Any]:
    """Upsert ``entries`` (by code, keeping list order) with ``build(entry) -> fields``; retire
    the live rows the list no longer has. Returns code → row for the live ones."""
    now = clock.now()
    existing = {row.code: row for row in model.objects.all()}
    rows: dict[str, Any] = {}
    for position, entry in enumerate(entries):
        fields = {**build(entry), "position": position, "retired_at": None}
        row = existing.get(entry.code)
        if row is None:
            row = model.objects.create(code=entry.code, **fields)
        else:
            for name, value in fields.items():
                setattr(row, name, value)
            row.save()
        rows[entry.code] = row
    model.objects.live().exclude(code__in=list(rows)).update(retired_at=now)
    return rows


def _replace_children(
    model: Any, parent_field: str, parents: dict[str, Any], specs: dict[str, list[Any]], build: Any
) -> None:
    """Replace the ordered children (team members, item materials) of every listed parent."""
    model.objects.filter(**{f"{parent_field}__in": list(parents.values())}).delete()
    model.objects.bulk_create(
        [
            model(**{parent_field: parents[code]}, position=position, **build(child))
            for code, children in specs.items()
            for position, child in enumerate(children)
        ]
    )


def _write(pack: PolicyPack, sections: set[str]) -> None:
    depts = _sync(Department, pack.departments, lambda d: {"name": d.name, "short_name": d.short_name})
    sites = {s.code: s for s in Site.objects.all()}
    if "sites" in sections:
        sites = _sync(Site, pack.sites, lambda s: {"name": s.name, "level": s.level, "parent": None})
        for spec in pack.sites:  # parents after every site exists
            if spec.parent:
                Site.objects.filter(code=spec.code).update(parent=sites[spec.parent])
    zones = _sync(Zone, pack.zones, lambda z: {"site": sites[z.site], "name": z.name, "kind": z.kind})
    windows = _sync(
        Window,
        pack.windows,
        lambda w: {
            "name": w.name,
            "kind": w.kind,
            "zone": zones[w.zone],
            "value_domain": w.value_domain or "",
            "lead_department": depts.get(w.lead_department) if w.lead_department else None,
            "categories": list(w.categories),
        },
    )
    for window in pack.windows:
        windows[window.code].departments.set([depts[c] for c in window.departments])
    staff = _sync(
        StaffMember,
        pack.staff,
        lambda s: {
            "name": s.name,
            "roles": list(s.roles),
            "grade": s.grade or "",
            "department": depts.get(s.department) if s.department else None,
            "posted_since": s.posted_since,
            "window": windows.get(s.window) if s.window else None,
            "username": s.username,
            "title": s.title,
        },
    )
    teams = _sync(
        ServiceTeam,
        pack.teams,
        lambda t: {
            "name": t.name,
            "shape": t.shape,
            "service_domain": t.service_domain,
            "lead_department": depts.get(t.lead_department) if t.lead_department else None,
            "duties": t.duties,
        },
    )
    if "teams" in sections:
        _replace_children(
            TeamMember,
            "team",
            teams,
            {t.code: t.members for t in pack.teams},
            lambda m: {
                "role": m.role,
                "name": m.name,
                "title": m.title,
                "staff": staff.get(m.staff) if m.staff else None,
            },
        )
    items = _sync(
        ServiceItem,
        pack.items,
        lambda i: {
            "provincial_code": i.provincial_code or "",
            **{f: getattr(i, f) for f in UNIFIED_ELEMENTS},
            "department": depts[i.department],
            "kind": i.kind,
            "statutory_limit_days": i.statutory_limit_days,
            "promised_limit_days": i.promised_limit_days,
            "online_depth": i.online_depth,
            "visits_required": i.visits_required,
            "assistance_eligible": i.assistance_eligible,
            "self_service": i.self_service,
            "guide": i.guide.model_dump(exclude_defaults=True),
            "review_points": list(i.review_points),
            "faq": [f.model_dump() for f in i.faq],
        },
    )
    if "items" in sections:
        _replace_children(
            ItemMaterial,
            "item",
            items,
            {i.code: i.materials for i in pack.items},
            lambda m: {
                "code": m.code,
                "name": m.name,
                "format": m.format,
                "copies": m.copies,
                "source": m.source,
                "tolerance_allowed": m.tolerance_allowed,
                "exempt": m.exempt or "",
            },
        )
    bundles = _sync(
        Bundle,
        pack.bundles,
        lambda b: {
            "name": b.name,
            "national_code": b.national_code or "",
            "lead_department": depts[b.lead_department],
            "promised_limit_days": b.promised_limit_days,
        },
    )
    for bundle in pack.bundles:
        bundles[bundle.code].co_departments.set([depts[c] for c in bundle.co_departments])
        bundles[bundle.code].items.set([items[c] for c in bundle.items])
    chains = _sync(Chain, pack.chains, lambda c: {"name": c.name, "subject": c.subject})
    if "chains" in sections:
        write_chains(pack.chains, chains)
    rule_sets = _sync(
        RuleSet, pack.rule_sets, lambda r: {"name": r.name, "subject": r.subject, "period": r.period}
    )
    if "rule_sets" in sections:
        write_rule_sets(pack.rule_sets, rule_sets)
    if "reviews" in sections:
        ReviewSettings.objects.update_or_create(
            pk=1,
            defaults={
                "default_rating_after_days": pack.reviews.default_rating_after_days,
                "default_level": pack.reviews.default_level,
                "callback_days": pack.reviews.callback_days,
                "rectification_days": pack.reviews.rectification_days,
            },
        )
    if "fallback" in sections:
        FallbackSettings.objects.update_or_create(
            pk=1,
            defaults={
                "tiers": [t.model_dump() for t in pack.fallback.tiers],
                "discipline_referral": pack.fallback.discipline_referral,
            },
        )
    if "calendar_overrides" in sections:
        wanted = {o.date: o for o in pack.calendar_overrides}
        CalendarOverride.objects.exclude(date__in=list(wanted)).delete()
        for day, o in wanted.items():
            CalendarOverride.objects.update_or_create(date=day, defaults={"kind": o.kind, "reason": o.reason})


__all__ = [
    "ApplyResult",
    "apply_pack",
    "apply_text",
    "diff_against_county",
    "diff_packs",
    "export_pack",
    "export_yaml",
    "validate_pack",
    "validate_text",
]


# --- one entry at a time (the API's create / edit / retire) ------------------------------------


def _entry_errors(exc: ValidationErrors, section: str, index: int) -> ValidationErrors:
    """Errors about the edited entry are reported against the mutation's input."""
    prefix = f"{section}[{index}]"
    return ValidationErrors(
        ErrorDetail(
            d.code,
            d.message,
            "input" + d.field[len(prefix) :] if d.field and d.field.startswith(prefix) else d.field,
        )
        for d in exc.details
    )


def save_entry(section: str, entry: dict[str, Any], *, actor: object | None) -> ApplyResult:
    """Create or edit one entry (by ``code``) of the active county's pack, then apply the pack:
    the same validation, the same version history, and the next export shows the edit."""
    data = export_data()
    entries = [e for e in data[section]]
    index = next((i for i, e in enumerate(entries) if e.get("code") == entry.get("code")), len(entries))
    entries[index : index + 1] = [entry]
    data[section] = entries
    try:
        return apply_pack(pack_from_data(data), actor=actor, source=f"api:{section}")
    except ValidationErrors as exc:
        raise _entry_errors(exc, section, index) from None


def retire_entry(section: str, code: str, *, actor: object | None) -> ApplyResult:
    """Retire one entry: it leaves every list and the pack; its history stays. Refused while
    other entries still refer to it (the error names them)."""
    data = export_data()
    if not any(e.get("code") == code for e in data[section]):
        raise ValidationErrors([ErrorDetail("NOT_FOUND", f"{code} 不存在或已停用", "code")])
    data[section] = [e for e in data[section] if e.get("code") != code]
    return apply_pack(pack_from_data(data), actor=actor, source=f"api:{section}")
