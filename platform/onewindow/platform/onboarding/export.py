"""Export a county to one file: its policy pack, its data, and a manifest (zip)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core import serializers

from onewindow.platform.core import clock
from onewindow.platform.core.errors import NotFound
from onewindow.platform.core.tenancy import dangerously_in_county
from onewindow.platform.counties.models import County
from onewindow.tenants.policy.models import PolicyVersion
from onewindow.tenants.policy.services import export_yaml


def export_county(code: str, out: Path) -> dict[str, Any]:
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
        data = io.StringIO()
        serializers.serialize(
            "json",
            (row for model in models for row in model._default_manager.order_by("pk").iterator()),
            stream=data,
            ensure_ascii=False,
        )
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
    }
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        archive.writestr("pack.yaml", pack)
        archive.writestr("data.json", data.getvalue())
    return manifest
