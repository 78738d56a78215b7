"""Export a county to one file: its policy pack, its data, and a manifest (zip).

Masked by default: every personal field (身份证号, phone numbers, a notification's recipient)
and every 身份证号 or phone number inside any text is masked the way staff without the right
see it (150***********0002). ``unmasked=True`` writes them in clear. Every export is a
platform audit event (``county.exported``) saying which it was and who asked."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder

from onewindow.platform.audit.services import record_platform_event
from onewindow.platform.core import clock
from onewindow.platform.core.errors import NotFound
from onewindow.platform.core.identifiers import mask
from onewindow.platform.core.pii import mask_text
from onewindow.platform.core.tenancy import dangerously_in_county
from onewindow.platform.counties.models import County
from onewindow.tenants.policy.models import PolicyVersion
from onewindow.tenants.policy.services import export_yaml

PERSONAL_FIELDS = frozenset({"id_number", "phone", "applicant_phone", "complainant_phone", "recipient"})


def _masked(value: Any) -> Any:
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, dict):
        return {
            k: mask(v) if k in PERSONAL_FIELDS and isinstance(v, str) and v else _masked(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_masked(v) for v in value]
    return value


def export_county(
    code: str,
    out: Path,
    *,
    unmasked: bool = False,
    actor: object = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    county = County.objects.counties().filter(code=code).first()
    if county is None:
        raise NotFound(f"县 {code}", field="code")
    with dangerously_in_county(county):
        pack = export_yaml()
        models = [
            model
            for config in apps.get_app_configs()
            if config.name in settings.TENANT_APPS and config.label != "contenttypes"
            for model in config.get_models()
        ]

        def rows_of(model: Any) -> Iterator[Any]:
            # a line per table on the way (a county's export can take a while)
            if progress is not None:
                progress(f"导出 {model._meta.label}（{model._default_manager.count()} 行）")
            yield from model._default_manager.order_by("pk").iterator()

        rows = (row for model in models for row in rows_of(model))
        data = io.StringIO()
        if unmasked:
            serializers.serialize("json", rows, stream=data, ensure_ascii=False)
        else:
            objects = serializers.serialize("python", rows)
            for obj in objects:
                obj["fields"] = _masked(obj["fields"])
            json.dump(objects, data, cls=DjangoJSONEncoder, ensure_ascii=False)
        latest = PolicyVersion.objects.order_by("-number").values_list("number", flat=True).first()
    manifest: dict[str, Any] = {
        "county": {
            "code": county.code,
            "name": county.name,
            "province": county.province,
            "status": county.status,
        },
        "exported_at": clock.now().isoformat(),
        "policy_version": latest,
        "models": sorted(m._meta.label for m in models),
        "format": "onewindow.county-export/v1",
        "personal_data": "clear" if unmasked else "masked",
    }
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        archive.writestr("pack.yaml", pack)
        archive.writestr("data.json", data.getvalue())
    record_platform_event(
        "county.exported",
        county,
        actor=actor,
        data={
            "county": code,
            "policy_version": latest,
            "personal_data": manifest["personal_data"],
            "exported_at": manifest["exported_at"],
        },
    )
    return manifest
