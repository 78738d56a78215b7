"""Loading the provincial standard catalog (provincial operators)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from onewindow.platform.audit.services import record_platform_event
from onewindow.platform.catalog.models import ItemType, ProvincialItem
from onewindow.platform.core.errors import ErrorDetail, ValidationErrors

EXAMPLES = Path(__file__).with_name("provincial_examples.yaml")
_FIELDS = ("name", "item_type", "competent_department", "implementing_body", "legal_basis")


@transaction.atomic
def load_provincial_catalog(province: str, entries: list[dict[str, Any]], *, actor: object | None) -> int:
    """Upsert a province's standard items by code. Returns how many were written."""
    problems: list[ErrorDetail] = []
    for i, entry in enumerate(entries):
        for field in ("code", *_FIELDS):
            if not str(entry.get(field) or "").strip():
                problems.append(ErrorDetail("REQUIRED", f"缺少 {field}", f"{province}[{i}].{field}"))
        if entry.get("item_type") not in ItemType.values:
            problems.append(ErrorDetail("INVALID_CHOICE", "事项类型无效", f"{province}[{i}].item_type"))
    if problems:
        raise ValidationErrors(problems)
    for entry in entries:
        ProvincialItem.objects.update_or_create(
            province=province, code=entry["code"], defaults={f: entry[f] for f in _FIELDS}
        )
    record_platform_event(
        "provincial_catalog.loaded",
        "ProvincialItem",
        actor=actor,
        data={"province": province, "items": len(entries)},
    )
    return len(entries)


def load_catalog_file(path: Path, *, actor: object | None) -> dict[str, int]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {
        province: load_provincial_catalog(province, entries, actor=actor) for province, entries in doc.items()
    }


def ensure_example_catalogs() -> None:
    """The example catalogs the seed presets claim from, unless a province already has items."""
    doc = yaml.safe_load(EXAMPLES.read_text(encoding="utf-8"))
    for province, entries in doc.items():
        if not ProvincialItem.objects.filter(province=province).exists():
            load_provincial_catalog(province, entries, actor="examples")


NATIONAL_EXAMPLES = Path(__file__).with_name("national_bundles_example.yaml")


@transaction.atomic
def load_national_bundles(entries: list[dict[str, Any]], *, actor: object | None) -> int:
    """Upsert the national 一件事 list by code."""
    from onewindow.platform.catalog.models import NationalBundle

    problems = [
        ErrorDetail("REQUIRED", f"缺少 {field}", f"[{i}].{field}")
        for i, entry in enumerate(entries)
        for field in ("code", "batch", "name")
        if not str(entry.get(field) or "").strip()
    ]
    if problems:
        raise ValidationErrors(problems)
    for entry in entries:
        NationalBundle.objects.update_or_create(
            code=entry["code"],
            defaults={
                "batch": entry["batch"],
                "name": entry["name"],
                "lead_department": entry.get("lead_department") or "",
                "supporting_departments": list(entry.get("supporting_departments") or []),
            },
        )
    record_platform_event(
        "national_bundles.loaded", "NationalBundle", actor=actor, data={"items": len(entries)}
    )
    return len(entries)


def ensure_example_national_bundles() -> None:
    from onewindow.platform.catalog.models import NationalBundle

    if not NationalBundle.objects.exists():
        load_national_bundles(yaml.safe_load(NATIONAL_EXAMPLES.read_text(encoding="utf-8")), actor="examples")
