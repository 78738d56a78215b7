"""Province-neutral starting templates, one per seed model: the hall's shape, the chains, the
queues and the model's rule sets — no people, no county names, no items (a new county claims its
own from its province's catalog). A template's ``rule_sets`` are its model preset's, loaded with
it, so a correction to a seed's rule set reaches the template too. Onboarding lists what the
operator and the county admin must still fill in (``platform/onboarding/todo.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from onewindow.tenants.policy.presets import preset_text

_HERE = Path(__file__).parent


@dataclass(frozen=True)
class Template:
    name: str
    label: str
    model: str  # the seed preset it follows
    note: str
    todo: tuple[tuple[str, str], ...] = ()  # (YAML path, what to do) beyond the generic checks


TEMPLATES = {
    t.name: t
    for t in (
        Template(
            "fenlingyu",
            "分领域综合窗口",
            "tongxu",
            "分领域综合窗口、一件事一次办窗口、有诉即办与办不成事监督窗口、窗口单位周考核（据 004 模式）",
            (
                ("departments", "核对进驻部门名称（模板为通用名称，按本县机构全称填写）"),
                ("fallback.tiers", "办不成事各级负责单位与时限为示例数据：按本县文件填写"),
                (
                    "catalog_changes",
                    "事项目录调整时限未设（不计时）。本县文件如有规定——范本 004 第十二条为 3 / 7 个工作日——"
                    "请在县级设置中填写",
                ),
            ),
        ),
        Template(
            "zengzhi",
            "增值服务窗口",
            "wenling",
            "四个功能分区、八个增值服务窗口及牵头部门、1+1+1+X 服务团队、办不成事闭环（据 002 模式）",
            (
                ("departments", "核对进驻部门名称（模板为通用名称，按本县机构全称填写）"),
                (
                    "teams",
                    "按 002 三(一) 为每个服务领域组建 1+1+1+X 团队：牵头部门、分管领导、"
                    "首席服务专员、服务专员",
                ),
                ("rule_sets", "考核细则为草案（范本所依据的考核文件不在种子文档中）：按本县考核文件修订"),
                ("fallback.tiers", "办不成事各级负责单位与时限为示例数据：按本县文件填写"),
                (
                    "hall.direct_issuance",
                    "即办件是否可由作出决定的窗口直接出件（范本 002 三(二) 允许）："
                    "本县如允许，在县级设置中勾选",
                ),
            ),
        ),
        Template(
            "wuchabie",
            "无差别综合窗口",
            "wushen",
            "县、乡镇、村三级，服务企业专区无差别综合窗口（≥80%）、三级提醒、帮办代办网络、"
            "进驻部门考核（据 000/001/003 模式）",
            (
                ("departments", "核对进驻部门名称（模板为通用名称，按本县机构全称填写）"),
                ("sites", "模板只有一个乡镇、一个村（社区）作为示例：按本县实际增加并改名"),
                ("teams", "按 000 附件1 组建管理协调小组后，可把三级提醒的第三级改由小组接收"),
                (
                    "assistance.complaint_within_days",
                    "帮办代办投诉时限未设（不计时）。本县文件如有规定——范本 003 附件2 第六条为 3 个工作日——"
                    "请在政策包中填写",
                ),
            ),
        ),
    )
}


def template_data(name: str) -> dict[str, Any]:
    """The template as pack data, its model preset's rule sets loaded with it."""
    template = TEMPLATES[name]
    data = yaml.safe_load((_HERE / f"{name}.yaml").read_text(encoding="utf-8"))
    data["rule_sets"] = yaml.safe_load(preset_text(template.model)).get("rule_sets", [])
    return data


def template_text(name: str) -> str:
    return yaml.safe_dump(template_data(name), allow_unicode=True, sort_keys=False)


__all__ = ["TEMPLATES", "Template", "template_data", "template_text"]
