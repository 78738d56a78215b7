"""Validate, export, diff and apply a county's policy pack.

The database and the document always agree: ``export_pack()`` reads the live configuration
into a pack, slice by slice; ``apply_pack()`` makes the database equal to a pack (each changed
slice upserts by code and retires what is no longer listed, in registry order) in one
transaction, records a ``PolicyVersion`` with its diff and author, and an audit event.
Applying what ``export_pack()`` returned changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from onewindow.platform.core import clock
from onewindow.platform.core.errors import ErrorDetail, ValidationErrors
from onewindow.platform.core.tenancy import db
from onewindow.tenants.audit.services import record_event
from onewindow.tenants.policy.diff import diff_packs
from onewindow.tenants.policy.document import dump_pack, pack_from_data, parse_pack
from onewindow.tenants.policy.models import PolicyVersion
from onewindow.tenants.policy.registry import slice_named, slices
from onewindow.tenants.policy.schema import SCHEMA_ID, PolicyPack
from onewindow.tenants.policy.validation import check_pack, context, normalise, warn_pack


@dataclass(frozen=True)
class ApplyResult:
    version: PolicyVersion | None  # None: the pack changed nothing
    diff: list[dict[str, Any]]


class EntryErrors(ValidationErrors):
    """A pack edited through one entry was refused; ``entry`` is that entry's YAML path
    (``windows[3]``), so a caller can tell the edited entry's problems from the others'."""

    def __init__(self, errors: ValidationErrors, entry: str) -> None:
        super().__init__(errors.details)
        self.entry = entry


def _county() -> Any:
    county = getattr(db, "tenant", None)
    if county is None or county.schema_name == "public":
        raise RuntimeError("policy services need an active county")
    return county


# --- export ------------------------------------------------------------------------------------


def export_data() -> dict[str, Any]:
    county = _county()
    data: dict[str, Any] = {
        "schema": SCHEMA_ID,
        "county": {"code": county.code, "name": county.name, "province": county.province},
    }
    data.update((s.name, s.export()) for s in slices())
    return data


def export_pack() -> PolicyPack:
    """The active county's configuration as a pack."""
    return pack_from_data(export_data())


def export_yaml() -> str:
    return dump_pack(export_pack())


# --- validate ----------------------------------------------------------------------------------


def validate_pack(pack: PolicyPack, *, province: str | None = None) -> PolicyPack:
    """Check references and rules; return the pack in canonical form (what export would give)."""
    ctx = context(pack, province if province is not None else pack.county.province)
    problems = check_pack(ctx)
    if problems:
        raise ValidationErrors(problems)
    return normalise(ctx)


def pack_warnings(pack: PolicyPack, *, province: str | None = None) -> list[ErrorDetail]:
    """The pack's warnings (allowed, below a rule the county should meet), each with its path."""
    return warn_pack(context(pack, province if province is not None else pack.county.province))


def validate_text(text: str, *, province: str | None = None) -> PolicyPack:
    return validate_pack(parse_pack(text), province=province)


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
    changed = {c["path"].split(".")[0] for c in changes}
    ctx = context(target, county.province)
    for s in slices():  # a slice left unchanged is read, not written, when a later one refers to it
        if s.name in changed:
            ctx.written[s.name] = s.apply(getattr(target, s.name), ctx)
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


# --- one entry at a time (the API's create / edit / retire) ------------------------------------


def edited_pack(section: str, entry: dict[str, Any], *, create: bool = False) -> tuple[PolicyPack, str]:
    """The active county's pack with one entry (by its key) created or edited, not applied, and
    that entry's path (``rule_sets[2]``). Raises :class:`EntryErrors` when the edit does not
    make a valid document.

    An edit is partial: fields ``entry`` leaves out keep their value, a field given as ``None``
    goes back to its default. A new entry must give every required field."""
    the_slice = slice_named(section)
    key = the_slice.key
    data = export_data()
    entries = list(data[section])
    index = next((i for i, e in enumerate(entries) if str(e[key]) == str(entry.get(key))), len(entries))
    path = f"{section}[{index}]"
    if create and index < len(entries):  # a 新建 form must not quietly edit what exists
        raise EntryErrors(
            ValidationErrors(
                [ErrorDetail("DUPLICATE_CODE", f"编码 {entry.get(key)} 已存在", f"{path}.{key}")]
            ),
            path,
        )
    if index == len(entries):
        missing = [
            ErrorDetail("REQUIRED", "新建时须填写此项", f"{path}.{name}")
            for name, info in the_slice.spec.model_fields.items()
            if info.is_required() and entry.get(name) is None
        ]
        if missing:
            raise EntryErrors(ValidationErrors(missing), path)
        entries.append({})
    merged = {**entries[index], **entry}
    entries[index] = {name: value for name, value in merged.items() if value is not None}
    data[section] = entries
    try:
        return pack_from_data(data), path
    except ValidationErrors as exc:
        raise EntryErrors(exc, path) from None


def save_entry(
    section: str, entry: dict[str, Any], *, actor: object | None, create: bool = False
) -> ApplyResult:
    """Create or edit one entry of the active county's pack (see :func:`edited_pack`), then
    apply the pack: the same validation, the same version history, and the next export shows
    the edit."""
    pack, path = edited_pack(section, entry, create=create)
    try:
        return apply_pack(pack, actor=actor, source=f"api:{section}")
    except ValidationErrors as exc:
        raise EntryErrors(exc, path) from None


def retire_entry(section: str, code: str, *, actor: object | None) -> ApplyResult:
    """Retire one entry: it leaves every list and the pack; its history stays. Refused while
    other entries still refer to it (the error names them)."""
    data = export_data()
    if not any(e.get("code") == code for e in data[section]):
        raise ValidationErrors([ErrorDetail("NOT_FOUND", f"{code} 不存在或已停用", "code")])
    data[section] = [e for e in data[section] if e.get("code") != code]
    return apply_pack(pack_from_data(data), actor=actor, source=f"api:{section}")


def save_settings(section: str, values: dict[str, Any], *, actor: object | None) -> ApplyResult:
    """Change some fields of a settings section (``reviews``, ``fallback`` …), then apply the
    pack: fields ``values`` leaves out keep their value, ``None`` goes back to the default."""
    the_slice = slice_named(section)
    if the_slice.many:
        raise ValidationErrors([ErrorDetail("NOT_SETTINGS", f"{section} 不是设置项", "section")])
    data = export_data()
    merged = {**(data.get(section) or {}), **values}
    data[section] = {name: value for name, value in merged.items() if value is not None}
    try:
        return apply_pack(pack_from_data(data), actor=actor, source=f"api:{section}")
    except ValidationErrors as exc:
        raise EntryErrors(exc, section) from None


__all__ = [
    "ApplyResult",
    "EntryErrors",
    "apply_pack",
    "apply_text",
    "diff_against_county",
    "diff_packs",
    "edited_pack",
    "export_data",
    "export_pack",
    "export_yaml",
    "pack_warnings",
    "retire_entry",
    "save_entry",
    "save_settings",
    "validate_pack",
    "validate_text",
]
