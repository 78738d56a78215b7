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
        if entry.get("item_type") and entry.get("item_type") not in ItemType.values:
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


def _document(text: str, shape: type) -> Any:
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"（第 {mark.line + 1} 行）" if mark is not None else ""
        raise ValidationErrors([ErrorDetail("INVALID_YAML", f"不是有效的 YAML{where}", "document")]) from None
    if not isinstance(doc, shape) or not doc:
        what = "以省份为键、事项列表为值" if shape is dict else "事项列表"
        raise ValidationErrors([ErrorDetail("INVALID_FORMAT", f"内容须为{what}", "document")])
    return doc


@transaction.atomic
def load_catalog_text(text: str, *, actor: object | None) -> dict[str, int]:
    """Load a catalog document (``{province: [items]}``): every province or none."""
    doc = _document(text, dict)
    problems: list[ErrorDetail] = []
    loaded: dict[str, int] = {}
    for province, entries in doc.items():
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            problems.append(ErrorDetail("INVALID_FORMAT", "事项须为列表，每项一个映射", str(province)))
            continue
        try:
            loaded[str(province)] = load_provincial_catalog(str(province), entries, actor=actor)
        except ValidationErrors as exc:
            problems.extend(exc.details)
    if problems:
        raise ValidationErrors(problems)
    return loaded


def load_catalog_file(path: Path, *, actor: object | None) -> dict[str, int]:
    return load_catalog_text(path.read_text(encoding="utf-8"), actor=actor)


def load_national_bundles_text(text: str, *, actor: object | None) -> int:
    entries = _document(text, list)
    if not all(isinstance(e, dict) for e in entries):
        raise ValidationErrors([ErrorDetail("INVALID_FORMAT", "每项须为一个映射", "document")])
    return load_national_bundles(entries, actor=actor)


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
