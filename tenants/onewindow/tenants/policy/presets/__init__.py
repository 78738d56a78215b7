"""The three seed presets (乌审旗, 温岭市, 通许县). Onboarding a new county may start from any."""

from __future__ import annotations

from pathlib import Path

from onewindow.platform.core.errors import BusinessError

_HERE = Path(__file__).parent
PRESETS = ("wushen", "wenling", "tongxu")
# the seed counties and the preset each comes up with
SEED_PRESETS = {"150626": "wushen", "331081": "wenling", "410222": "tongxu"}


def preset_text(name: str) -> str:
    """A seed preset's YAML, or a province-neutral template's (``policy/templates``)."""
    from onewindow.tenants.policy.templates import TEMPLATES, template_text

    if name in TEMPLATES:
        return template_text(name)
    if name not in PRESETS:
        choices = "、".join((*PRESETS, *TEMPLATES))
        raise BusinessError(
            "UNKNOWN_PRESET", f"没有名为 {name} 的预设或模板（可选：{choices}）", field="preset"
        )
    return (_HERE / f"{name}.yaml").read_text(encoding="utf-8")
