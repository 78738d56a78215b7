"""Reads of the 帮办代办 domain: the county's numbers, the network with its 8个统一 checklist and
staffing, the ledger (工作台账) per site and month, and the measures per agent and site."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch

from onewindow.platform.core import clock
from onewindow.tenants.assistance.models import (
    OPEN_REQUEST_STATUSES,
    AssistanceComplaint,
    AssistanceRequest,
    AssistanceSettings,
    AssistanceSite,
    Criterion,
    Handover,
    RequestStatus,
    SiteInspection,
)
from onewindow.tenants.assistance.policy import AssistanceSettingsSpec
from onewindow.tenants.cases.selectors import department_of_case
from onewindow.tenants.escalation.subjects import Units
from onewindow.tenants.hall.models import Site, SiteLevel, Window, WindowKind

LEDGER_DAYS = 90  # 有工作台账: a request recorded at the site within this many days


def assistance_settings() -> AssistanceSettingsSpec:
    row = AssistanceSettings.objects.first()
    if row is None:
        return AssistanceSettingsSpec()
    return AssistanceSettingsSpec.model_validate(
        {
            "min_agents": row.min_agents,
            "handover_within_days": row.handover_within_days,
            "deliver_within_days": row.deliver_within_days,
            "complaint_within_days": row.complaint_within_days,
            "satisfied_from": row.satisfied_from,
        }
    )


def request_units(request_id: str) -> Units:
    number = (
        AssistanceRequest.objects.filter(pk=request_id)
        .values_list("case__department__code", flat=True)
        .first()
    )
    return Units(departments=(number,) if number else ())


def complaint_units(complaint_id: str) -> Units:
    """The department of the case the complaint names, if it names one."""
    number = AssistanceComplaint.objects.filter(pk=complaint_id).values_list("case_number", flat=True).first()
    code = department_of_case(number) if number else None
    return Units(departments=(code,) if code else ())


# --- the network and its 8个统一 ------------------------------------------------------------------


@dataclass
class Check:
    criterion: str
    label: str
    met: bool
    source: str  # "data" / "inspection"
    detail: str = ""
    checked_on: dt.date | None = None


@dataclass
class SiteCompliance:
    site: Site
    network: AssistanceSite | None
    required_agents: int
    agents: list[Any] = field(default_factory=list)
    items: list[Any] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)

    @property
    def short_of_agents(self) -> int:
        return max(0, self.required_agents - len(self.agents))

    @property
    def met_count(self) -> int:
        return sum(1 for c in self.checks if c.met)


def compliance() -> list[SiteCompliance]:
    """Every live site: its agents against the minimum, and the 8个统一 — derived from the data
    (window, agents, item list, responsibility list, ledger) or the latest inspection."""
    spec = assistance_settings()
    labels = dict(Criterion.choices)
    networks = {
        n.site_id: n for n in AssistanceSite.objects.live().prefetch_related("agents__staff", "items__item")
    }
    windows = set(
        Window.objects.live()
        .filter(kind=WindowKind.ASSISTANCE, zone__retired_at__isnull=True)
        .values_list("zone__site_id", flat=True)
    )
    since = clock.now() - dt.timedelta(days=LEDGER_DAYS)
    ledgers = Counter(AssistanceRequest.objects.filter(taken_at__gte=since).values_list("site_id", flat=True))
    latest: dict[tuple[int, str], SiteInspection] = {}
    for row in SiteInspection.objects.order_by("checked_on", "id"):
        latest[(row.site_id, row.criterion)] = row
    result = []
    for site in Site.objects.live():
        network = networks.get(site.pk)
        agents = list(network.agents.all()) if network else []
        items = list(network.items.all()) if network else []
        need = getattr(spec.min_agents, site.level)
        entry = SiteCompliance(site, network, need, agents, items)
        derived: dict[str, tuple[bool, str]] = {
            Criterion.WINDOW: (
                site.pk in windows,
                "帮办代办窗口" if site.pk in windows else "未设帮办代办窗口",
            ),
            Criterion.AGENTS: (
                bool(agents) and len(agents) >= need,
                f"{len(agents)} 名代办员（至少 {need} 名）",
            ),
            Criterion.ITEM_LIST: (bool(items), f"{len(items)} 项"),
            Criterion.RESPONSIBILITIES: (
                bool(network and network.responsibilities),
                f"{len(network.responsibilities) if network else 0} 条",
            ),
            Criterion.LEDGER: (
                ledgers[site.pk] > 0,
                f"近 {LEDGER_DAYS} 天 {ledgers[site.pk]} 条记录",
            ),
        }
        for criterion in Criterion.values:
            if criterion in derived:
                met, detail = derived[criterion]
                entry.checks.append(Check(criterion, labels[criterion], met, "data", detail))
            else:
                found = latest.get((site.pk, criterion))
                entry.checks.append(
                    Check(
                        criterion,
                        labels[criterion],
                        bool(found and found.met),
                        "inspection",
                        found.evidence if found else "未检查",
                        found.checked_on if found else None,
                    )
                )
        result.append(entry)
    return result


# --- the ledger ----------------------------------------------------------------------------------


def month_bounds(year: int, month: int) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime(year, month, 1, tzinfo=clock.COUNTY_TZ)
    end = dt.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=clock.COUNTY_TZ)
    return start, end


def ledger(site: Site, year: int, month: int) -> tuple[list[AssistanceRequest], dict[str, int]]:
    """工作台账: the requests taken at ``site`` in the month, and its counts."""
    start, end = month_bounds(year, month)
    rows = list(
        AssistanceRequest.objects.filter(site=site, taken_at__gte=start, taken_at__lt=end)
        .select_related("agent", "case", "current_site")
        .prefetch_related("items", Prefetch("handovers", queryset=Handover.objects.order_by("handed_at")))
        .order_by("taken_at", "id")
    )
    satisfied = assistance_settings().satisfied_from
    counts = {
        "taken": len(rows),
        "at_home": sum(r.at_home for r in rows),
        "handed_over": sum(1 for r in rows if r.handovers.all()),
        "handed_on_time": sum(
            1 for r in rows if r.handovers.all() and all(h.on_time for h in r.handovers.all())
        ),
        "submitted": sum(1 for r in rows if r.case_id),
        "delivered": sum(1 for r in rows if r.delivered_at),
        "evaluated": sum(1 for r in rows if r.rating is not None),
        "satisfied": sum(1 for r in rows if r.rating is not None and r.rating >= satisfied),
        "open": sum(1 for r in rows if r.status in OPEN_REQUEST_STATUSES),
    }
    return rows, counts


# --- measures ------------------------------------------------------------------------------------

AGE_BUCKETS = ((0, 3, "3天内"), (4, 10, "4–10天"), (11, None, "10天以上"))


@dataclass
class Measure:
    key: str
    name: str
    requests: int = 0
    handovers: int = 0
    on_time: int = 0
    rated: int = 0
    satisfied: int = 0
    rating_sum: int = 0
    open_by_age: dict[str, int] = field(default_factory=lambda: {b[2]: 0 for b in AGE_BUCKETS})

    @property
    def on_time_rate(self) -> float | None:
        return round(self.on_time / self.handovers, 4) if self.handovers else None

    @property
    def satisfaction(self) -> float | None:
        return round(self.satisfied / self.rated, 4) if self.rated else None

    @property
    def mean_rating(self) -> float | None:
        return round(self.rating_sum / self.rated, 2) if self.rated else None


def measures() -> tuple[list[Measure], list[Measure]]:
    """Per agent and per site (where taken): requests, hand-overs on time, satisfaction, open
    requests by age in calendar days."""
    satisfied = assistance_settings().satisfied_from
    today = clock.today()
    agents: dict[str, Measure] = {}
    sites: dict[str, Measure] = {}
    handovers: dict[int, list[bool]] = defaultdict(list)
    for request_id, on_time in Handover.objects.values_list("request_id", "on_time"):
        handovers[request_id].append(bool(on_time))
    rows = AssistanceRequest.objects.values_list(
        "pk", "agent__code", "agent__name", "site__code", "site__name", "status", "taken_at", "rating"
    )
    for pk, agent_code, agent_name, site_code, site_name, status, taken_at, rating in rows:
        for bucket, key, name in ((agents, agent_code, agent_name), (sites, site_code, site_name)):
            m = bucket.setdefault(key, Measure(key, name))
            m.requests += 1
            m.handovers += len(handovers[pk])
            m.on_time += sum(handovers[pk])
            if rating is not None:
                m.rated += 1
                m.rating_sum += rating
                m.satisfied += rating >= satisfied
            if status in OPEN_REQUEST_STATUSES:
                age = (today - taken_at.astimezone(clock.COUNTY_TZ).date()).days
                for low, high, label in AGE_BUCKETS:
                    if age >= low and (high is None or age <= high):
                        m.open_by_age[label] += 1
    return sorted(agents.values(), key=lambda m: m.key), sorted(sites.values(), key=lambda m: m.key)


def agent_sites() -> dict[str, list[str]]:
    """Staff code → the codes of the sites where they are an agent."""
    found: dict[str, list[str]] = defaultdict(list)
    for network in AssistanceSite.objects.live().prefetch_related("agents__staff", "site"):
        for agent in network.agents.all():
            found[agent.staff.code].append(network.site.code)
    return dict(found)


__all__ = [
    "AGE_BUCKETS",
    "Check",
    "Measure",
    "RequestStatus",
    "SiteCompliance",
    "SiteLevel",
    "agent_sites",
    "assistance_settings",
    "complaint_units",
    "compliance",
    "ledger",
    "measures",
    "month_bounds",
    "request_units",
]
