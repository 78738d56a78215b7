"""Escalation's slice of the policy pack: the reminder and escalation chains (版本化: a chain
whose levels change gets a new version; running watches keep the one they started with)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from django.conf import settings
from pydantic import Field

from onewindow.platform.accounts.roles import Role
from onewindow.platform.core.errors import ErrorDetail
from onewindow.tenants.escalation.models import Chain, SubjectKind
from onewindow.tenants.escalation.services import latest_levels, write_chains
from onewindow.tenants.policy.base import (
    Code,
    Column,
    PackContext,
    Slice,
    Strict,
    Text,
    choice,
    columns,
    unknown,
)


class TriggerSpec(Strict):
    """When a level fires: ``offset`` working days or hours from the subject's deadline (negative:
    before it), or — ``unit: share`` — ``offset`` percent of the allowed time after the start."""

    relative_to: Literal["deadline", "start", "event"] = "deadline"
    offset: int = Field(default=0, ge=-60, le=100)
    unit: Literal["working_days", "hours", "share"] = "working_days"
    # relative_to: event — the level fires when this happens to the subject, e.g. the applicant
    # says they are dissatisfied with a 办不成事 result
    event: Literal["dissatisfied"] | None = None


class TargetSpec(Strict):
    kind: Literal[
        "role",
        "department_head",
        "team",
        "person",
        "centre",
        "reform_office",
        "county_government",
        "discipline_commission",
    ]
    value: str = ""  # a role code, a team code or a staff code, as the kind needs


class LevelSpec(Strict):
    name: Text
    trigger: TriggerSpec
    target: TargetSpec
    actions: list[Literal["notify", "flag", "handover", "require_response", "score"]] = ["notify"]
    channels: list[Code] = ["console"]
    response_within_days: int | None = Field(default=None, ge=1, le=60)


class ChainSpec(Strict):
    code: Code
    name: Text
    subject: choice(SubjectKind)  # type: ignore[valid-type]
    levels: list[LevelSpec] = Field(min_length=1, max_length=10)


def _chains(chains: list[ChainSpec], ctx: PackContext) -> Iterator[ErrorDetail]:
    teams, staff = ctx.codes("teams"), ctx.codes("staff")
    for i, chain in enumerate(chains):
        for j, level in enumerate(chain.levels):
            path = f"chains[{i}].levels[{j}]"
            kind, value = level.target.kind, level.target.value
            if kind == "role" and value not in Role.values:
                yield ErrorDetail("UNKNOWN_REFERENCE", f"角色 {value} 不存在", f"{path}.target.value")
            if kind == "team":
                yield from unknown(value, teams, f"{path}.target.value", "团队")
            if kind == "person":
                yield from unknown(value, staff, f"{path}.target.value", "工作人员")
            for k, name in enumerate(level.channels):
                if name not in ("sms", "wechat") and name not in settings.NOTIFICATION_CHANNELS:
                    yield ErrorDetail("UNKNOWN_CHANNEL", f"未配置通知渠道 {name}", f"{path}.channels[{k}]")
            if not level.actions:  # a level that does nothing would fire and be forgotten
                yield ErrorDetail("REQUIRED", "每一级至少要有一项动作（如通知）", f"{path}.actions")
            if "require_response" in level.actions and level.response_within_days is None:
                yield ErrorDetail("REQUIRED", "要求回复须给出回复期限", f"{path}.response_within_days")
            if (level.trigger.relative_to == "event") != (level.trigger.event is not None):
                yield ErrorDetail("INVALID_VALUE", "按事件触发须且只须写明事件", f"{path}.trigger.event")
            if level.trigger.unit == "share" and level.trigger.relative_to != "start":
                yield ErrorDetail(
                    "INVALID_VALUE", "按比例触发须相对于开始时间", f"{path}.trigger.relative_to"
                )
        moments = [
            (lv.trigger.relative_to, lv.trigger.unit, lv.trigger.offset)
            for lv in chain.levels
            if lv.trigger.relative_to != "event"
        ]
        for j in range(1, len(moments)):
            if moments[j][:2] == moments[j - 1][:2] and moments[j][2] < moments[j - 1][2]:
                yield ErrorDetail(
                    "LEVELS_OUT_OF_ORDER", "后一级不能早于前一级触发", f"chains[{i}].levels[{j}].trigger"
                )


class _Levels(Column):
    """A chain's levels live in its versions: read the latest, append one when they change."""

    in_row = False

    def read(self, row: Any, name: str) -> Any:
        return latest_levels(row)

    def link(self, name: str, rows: dict[str, Any], entries: list[Any], ctx: PackContext) -> None:
        write_chains(entries, rows)


CHAINS = Slice("chains", ChainSpec, Chain, columns("name", "subject", levels=_Levels()), check=_chains)

__all__ = ["CHAINS", "ChainSpec", "LevelSpec", "TargetSpec", "TriggerSpec"]
