"""Reading and writing the pack document: YAML text ⇄ ``PolicyPack``, errors with YAML paths."""

from __future__ import annotations

from typing import Any

import yaml
from pydantic import ValidationError

from onewindow.platform.core.errors import ErrorDetail, ValidationErrors
from onewindow.tenants.policy.base import yaml_path
from onewindow.tenants.policy.schema import SCHEMA_ID, PolicyPack

# libyaml's safe loader when PyYAML has it: a preset parses in 20 ms instead of 200 (onboarding)
_SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_pack(text: str) -> PolicyPack:
    """Parse and validate the document's shape; errors name the YAML path."""
    try:
        data = yaml.load(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行" if mark else ""
        raise ValidationErrors([ErrorDetail("YAML_INVALID", f"YAML 格式错误 {where}: {exc}", "")]) from None
    if not isinstance(data, dict):
        raise ValidationErrors([ErrorDetail("YAML_INVALID", "政策包必须是一个 YAML 映射", "")])
    return pack_from_data(data)


def pack_from_data(data: dict[str, Any]) -> PolicyPack:
    try:
        return PolicyPack.model_validate(data)
    except ValidationError as exc:
        raise ValidationErrors(
            [
                ErrorDetail(_code(err["type"]), err["msg"], yaml_path(tuple(err["loc"])))
                for err in exc.errors(include_url=False)
            ]
        ) from None


def _code(pydantic_type: str) -> str:
    return {
        "missing": "REQUIRED",
        "extra_forbidden": "UNKNOWN_FIELD",
        "literal_error": "INVALID_CHOICE",
        "string_pattern_mismatch": "INVALID_CODE",
        "string_too_short": "REQUIRED",
        "value_error": "INVALID_VALUE",
    }.get(pydantic_type, "INVALID_VALUE")


def pack_data(pack: PolicyPack) -> dict[str, Any]:
    """The canonical data of a pack: defaults omitted, so a document stays short and stable."""
    data: dict[str, Any] = pack.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    data["schema"] = SCHEMA_ID
    ordered = {"schema": data.pop("schema"), "county": data.pop("county")}
    ordered.update(data)
    return ordered


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_pack(pack: PolicyPack) -> str:
    """Deterministic YAML: same pack, same bytes."""
    return yaml.dump(
        pack_data(pack),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )
