"""What the operator and the new county's admin must still fill in after onboarding: read from
the pack the county was given (its template's own list, the sections a working hall needs that
are still empty, the pack's warnings) — shown on the job's page, in the API and by the CLI."""

from __future__ import annotations

from dataclasses import dataclass

from onewindow.platform.catalog.models import ProvincialItem
from onewindow.tenants.policy.presets import PRESETS
from onewindow.tenants.policy.schema import PolicyPack
from onewindow.tenants.policy.services import pack_warnings
from onewindow.tenants.policy.templates import TEMPLATES


@dataclass(frozen=True)
class Todo:
    path: str  # the pack's YAML path it concerns ("" for the county as a whole)
    message: str


def onboarding_todo(pack: PolicyPack, *, preset: str = "", admin: str = "") -> list[Todo]:
    todo: list[Todo] = []
    province = pack.county.province
    if not admin:
        todo.append(Todo("", "尚未指定县级管理员：在“人员与权限”中为该县授予县级管理员"))
    if preset in PRESETS:
        todo.append(
            Todo(
                "",
                f"政策包来自种子县预设 {preset}：其中的部门名称、工作人员和事项是该县的（示例数据），"
                "请逐项替换为本县的，或改用与省份无关的开通模板",
            )
        )
    if not pack.staff:
        todo.append(
            Todo("staff", "还没有工作人员：添加本县的窗口人员、审批人员和代办员（部门、窗口、进驻日期）")
        )
    if not pack.items:
        available = ProvincialItem.objects.filter(province=province).count()
        where = (
            f"{province}省级标准目录现有 {available} 项"
            if available
            else f"{province or '该省'}的省级标准目录尚未导入"
        )
        todo.append(Todo("items", f"还没有事项：从本省标准目录认领（{where}），或登记本地事项"))
    if not pack.bundles and any(w.kind == "bundle" for w in pack.windows):
        todo.append(Todo("bundles", "有“一件事”窗口但还没有一件事：认领事项后组合本县的一件事"))
    template = TEMPLATES.get(preset)
    if template is not None:
        todo.extend(Todo(path, message) for path, message in template.todo)
    for i, rule_set in enumerate(pack.rule_sets):
        if rule_set.draft and not (template and any(p == "rule_sets" for p, _ in template.todo)):
            todo.append(Todo(f"rule_sets[{i}]", f"考核细则“{rule_set.name}”为草案：按本县考核文件修订"))
    todo.extend(Todo(w.field or "", w.message) for w in pack_warnings(pack, province=province))
    return todo


__all__ = ["Todo", "onboarding_todo"]
