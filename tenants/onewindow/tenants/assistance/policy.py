"""帮办代办's slices of the policy pack: per site its agents (with the kinds 003 二(三)3 names),
its 帮办代办事项清单 (委托受理 / 授权办理) and 代办员责任清单; and the county's numbers —
staffing minimums per level (≥2 per 便民服务中心, ≥1 per 便民服务站), the working days each
step may take, the complaint limit (乌审旗 003 附件2 第六条 3: 3 working days — only a county
whose rules set one carries it; left out, complaints have no clock). Every problem names its YAML
path; a site below its minimum is a warning (the pack applies; the compliance page lists it)."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from onewindow.platform.core.errors import ErrorDetail
from onewindow.tenants.assistance.models import (
    AgentKind,
    AssistanceSettings,
    AssistanceSite,
    AssistMode,
    SiteAgent,
    SiteItem,
)
from onewindow.tenants.hall.models import SiteLevel
from onewindow.tenants.policy.base import (
    Children,
    Code,
    PackContext,
    Ref,
    Settings,
    Slice,
    Strict,
    Text,
    choice,
    columns,
    unknown,
)

LEVEL_NAMES = dict(SiteLevel.choices)


class AgentSpec(Strict):
    staff: Code  # a roster entry with the ``agent`` role
    kind: choice(AgentKind)  # type: ignore[valid-type]


class SiteItemSpec(Strict):
    item: Code
    mode: choice(AssistMode)  # type: ignore[valid-type]


class AssistanceSiteSpec(Strict):
    code: Code
    site: Code
    agents: list[AgentSpec] = []
    items: list[SiteItemSpec] = []  # 帮办代办事项清单
    responsibilities: list[Text] = []  # 代办员责任清单


class LevelCounts(Strict):
    county: int = Field(default=1, ge=0, le=50)
    township: int = Field(default=2, ge=0, le=50)  # 003 二(三)3: 便民服务中心至少2名代办员
    village: int = Field(default=1, ge=0, le=50)  # 003 二(三)3: 便民服务站至少1名代办员


class HandoverDays(Strict):
    """Working days a site has, from taking (or receiving) a request, to hand it up a level."""

    village: int = Field(default=1, ge=0, le=30)
    township: int = Field(default=1, ge=0, le=30)


class AssistanceSettingsSpec(Strict):
    min_agents: LevelCounts = LevelCounts()
    handover_within_days: HandoverDays = HandoverDays()
    deliver_within_days: int = Field(default=2, ge=0, le=30)  # result back to the applicant
    complaint_within_days: int | None = Field(default=None, ge=1, le=30)  # 乌审旗 003 附件2 第六条 3
    satisfied_from: int = Field(default=4, ge=1, le=5)  # 好差评: 满意 = 4 and 5


def _sites(entries: list[AssistanceSiteSpec], ctx: PackContext) -> Iterator[ErrorDetail]:
    sites, items = ctx.codes("sites"), ctx.codes("items")
    staff = {s.code: s for s in ctx.pack.staff}
    seen: dict[str, int] = {}
    for i, entry in enumerate(entries):
        path = f"assistance_sites[{i}]"
        yield from unknown(entry.site, sites, f"{path}.site", "场所")
        if entry.site in seen:
            yield ErrorDetail(
                "DUPLICATE_CODE",
                f"场所 {entry.site} 已在 assistance_sites[{seen[entry.site]}]",
                f"{path}.site",
            )
        seen.setdefault(entry.site, i)
        agents: set[str] = set()
        for j, agent in enumerate(entry.agents):
            member = staff.get(agent.staff)
            if member is None:
                yield from unknown(agent.staff, set(staff), f"{path}.agents[{j}].staff", "工作人员")
            elif "agent" not in member.roles:
                yield ErrorDetail(
                    "NOT_AN_AGENT",
                    f"{member.name}（{agent.staff}）没有帮办代办员角色",
                    f"{path}.agents[{j}].staff",
                )
            if agent.staff in agents:
                yield ErrorDetail("DUPLICATE_CODE", f"代办员 {agent.staff} 重复", f"{path}.agents[{j}].staff")
            agents.add(agent.staff)
        listed: set[str] = set()
        for j, item in enumerate(entry.items):
            yield from unknown(item.item, items, f"{path}.items[{j}].item", "事项")
            if item.item in listed:
                yield ErrorDetail("DUPLICATE_CODE", f"事项 {item.item} 重复", f"{path}.items[{j}].item")
            listed.add(item.item)


def _staffing(entries: list[AssistanceSiteSpec], ctx: PackContext) -> Iterator[ErrorDetail]:
    """003 二(三)3: every site meets its level's minimum (and every site has an entry)."""
    minimum = ctx.pack.assistance.min_agents
    listed = {entry.site: (i, entry) for i, entry in enumerate(entries)}
    for site in ctx.pack.sites:
        need = getattr(minimum, site.level)
        found = listed.get(site.code)
        have = len(found[1].agents) if found else 0
        if have >= need:
            continue
        path = f"assistance_sites[{found[0]}].agents" if found else "assistance_sites"
        yield ErrorDetail(
            "AGENTS_BELOW_MINIMUM",
            f"{site.name}（{LEVEL_NAMES.get(site.level, site.level)}）"
            f"只有 {have} 名代办员，至少应有 {need} 名",
            path,
        )


ASSISTANCE_SITES = Slice(
    "assistance_sites",
    AssistanceSiteSpec,
    AssistanceSite,
    columns(
        "responsibilities",
        site=Ref("sites"),
        agents=Children(SiteAgent, "network", columns("kind", staff=Ref("staff"))),
        items=Children(SiteItem, "network", columns("mode", item=Ref("items"))),
    ),
    check=_sites,
    warn=_staffing,
)
ASSISTANCE = Settings(
    "assistance",
    AssistanceSettingsSpec,
    AssistanceSettings,
    columns(
        "min_agents", "handover_within_days", "deliver_within_days", "complaint_within_days", "satisfied_from"
    ),
)

__all__ = [
    "ASSISTANCE",
    "ASSISTANCE_SITES",
    "AgentSpec",
    "AssistanceSettingsSpec",
    "AssistanceSiteSpec",
    "HandoverDays",
    "LevelCounts",
    "SiteItemSpec",
]
