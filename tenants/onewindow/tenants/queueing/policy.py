"""取号叫号's slices of the policy pack: the queues, and the calling rules — who serves which
queue in which order, opening hours with 延时/错时/周末 intervals, priority (绿色通道, 预约) with
the fairness limit, the 过号 rule and the booking rules. Every problem names its YAML path."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from onewindow.platform.core.errors import ErrorDetail
from onewindow.tenants.policy.base import Code, PackContext, Settings, Slice, Strict, Text, columns, unknown
from onewindow.tenants.queueing.models import Queue, QueueSettings

Prefix = Annotated[str, StringConstraints(pattern=r"^[A-Z]{1,2}$")]
IntervalText = Annotated[str, StringConstraints(pattern=r"^\d{2}:\d{2}-\d{2}:\d{2}$")]
Weekday = Annotated[int, Field(ge=1, le=7)]  # 1 = Monday … 7 = Sunday

# 004 第十五条 "绿色通道"; 003 二(一)4 "老弱病残孕": the groups a county may choose
PRIORITY_GROUPS = {"elderly": "老年人", "disabled": "残疾人", "pregnant": "孕妇", "military": "军人"}
PriorityGroup = Literal["elderly", "disabled", "pregnant", "military"]
MAX_INTERVALS = 4  # a day's opening: up to four intervals (lunch break between them)


def parse_interval(text: str) -> tuple[dt.time, dt.time]:
    """'09:00-12:00' → (09:00, 12:00); ValueError when a time is not one or the end is not after."""
    start, end = (dt.time.fromisoformat(part) for part in text.split("-"))
    if end <= start:
        raise ValueError(text)
    return start, end


class QueueSpec(Strict):
    code: Code
    name: Text
    prefix: Prefix
    categories: list[Text] = []  # item categories the queue takes (as windows' categories)
    zones: list[Code] = []  # 功能分区 whose business it takes
    service_minutes: int = Field(default=10, ge=1, le=240)  # expected service time, before measured
    slot_capacity: int = Field(default=0, ge=0, le=100)  # 预约 per slot; 0: the queue takes no bookings
    extended_only: bool = False  # open only in the extra intervals that name it


class ServingSpec(Strict):
    """A window and the queues it calls, in order of preference (a universal window serves several)."""

    window: Code
    queues: list[Code] = Field(min_length=1)


class HoursSpec(Strict):
    days: list[Weekday] = Field(min_length=1)
    intervals: list[IntervalText] = Field(min_length=1, max_length=MAX_INTERVALS)


class ExtraHoursSpec(Strict):
    """延时服务 (evening), 错时 or 周末 service: extra intervals on chosen days, for some queues."""

    days: list[Weekday] = Field(min_length=1)
    intervals: list[IntervalText] = Field(min_length=1, max_length=MAX_INTERVALS)
    queues: list[Code] = []  # empty: every queue
    note: str = ""


class RuleSpec(Strict):
    """How a priority ticket is called: ``first`` (before normal tickets) or ``interleave``
    (one after every ``every`` normal tickets)."""

    mode: Literal["first", "interleave"] = "first"
    every: int | None = Field(default=None, ge=1, le=20)

    @model_validator(mode="after")
    def _every(self) -> RuleSpec:
        if (self.mode == "interleave") != (self.every is not None):
            raise ValueError("every is required for interleave and only for it")
        return self


class PrioritySpec(Strict):
    groups: list[PriorityGroup] = []  # 绿色通道 groups the county admits
    green: RuleSpec = RuleSpec(mode="first")
    appointment: RuleSpec = RuleSpec(mode="interleave", every=2)
    # fairness: a normal ticket that has waited this long is called before any priority ticket
    fairness_minutes: int = Field(default=30, ge=5, le=480)


class NoShowSpec(Strict):
    """过号: called ``calls`` times with no answer → parked; a returning applicant goes back
    after ``return_after`` waiting tickets, at most ``returns_allowed`` times; appointment
    no-shows counted per person, booking refused after ``block_after`` in ``block_days`` days."""

    calls: int = Field(default=3, ge=1, le=10)
    return_after: int = Field(default=3, ge=0, le=50)
    returns_allowed: int = Field(default=1, ge=0, le=5)
    block_after: int | None = Field(default=None, ge=1, le=20)
    block_days: int = Field(default=30, ge=1, le=365)


class AppointmentRulesSpec(Strict):
    slot_minutes: int = Field(default=30, ge=10, le=240)
    book_days_ahead: int = Field(default=7, ge=1, le=60)
    check_in_before_minutes: int = Field(default=30, ge=0, le=120)
    check_in_after_minutes: int = Field(default=15, ge=0, le=120)
    remind_day_before: bool = True


class QueueSettingsSpec(Strict):
    serving: list[ServingSpec] = []
    hours: list[HoursSpec] = [HoursSpec(days=[1, 2, 3, 4, 5], intervals=["09:00-12:00", "13:30-17:30"])]
    extra_hours: list[ExtraHoursSpec] = []
    holidays_closed: bool = True  # the county calendar's holidays close the hall
    priority: PrioritySpec = PrioritySpec()
    no_show: NoShowSpec = NoShowSpec()
    appointments: AppointmentRulesSpec = AppointmentRulesSpec()
    target_wait_minutes: int = Field(default=20, ge=1, le=480)  # the county's target wait


# --- checks beyond the shape -------------------------------------------------------------------


def _queues(queues: list[QueueSpec], ctx: PackContext) -> Iterator[ErrorDetail]:
    zones = ctx.codes("zones")
    seen: dict[str, str] = {}
    for i, queue in enumerate(queues):
        for j, zone in enumerate(queue.zones):
            yield from unknown(zone, zones, f"queues[{i}].zones[{j}]", "分区")
        if queue.prefix in seen:
            yield ErrorDetail(
                "DUPLICATE_CODE",
                f"号票前缀 {queue.prefix} 已由队列 {seen[queue.prefix]} 使用",
                f"queues[{i}].prefix",
            )
        seen.setdefault(queue.prefix, queue.code)


def _intervals(texts: list[str], path: str) -> Iterator[ErrorDetail]:
    parsed: list[tuple[dt.time, dt.time]] = []
    for k, text in enumerate(texts):
        try:
            parsed.append(parse_interval(text))
        except ValueError:
            yield ErrorDetail(
                "INVALID_VALUE", f"时段 {text} 无效：应为 HH:MM-HH:MM 且结束晚于开始", f"{path}[{k}]"
            )
    parsed.sort()
    for (_a, end), (start, _b) in itertools.pairwise(parsed):
        if start < end:
            yield ErrorDetail("INTERVALS_OVERLAP", "同一天的时段不能重叠", path)
            break


def _settings(specs: list[QueueSettingsSpec], ctx: PackContext) -> Iterator[ErrorDetail]:
    queues, windows = ctx.codes("queues"), ctx.codes("windows")
    for spec in specs:
        served: set[str] = set()
        for i, entry in enumerate(spec.serving):
            yield from unknown(entry.window, windows, f"queueing.serving[{i}].window", "窗口")
            if entry.window in served:
                yield ErrorDetail(
                    "DUPLICATE_CODE", f"窗口 {entry.window} 重复", f"queueing.serving[{i}].window"
                )
            served.add(entry.window)
            for j, code in enumerate(entry.queues):
                yield from unknown(code, queues, f"queueing.serving[{i}].queues[{j}]", "队列")
            if len(set(entry.queues)) != len(entry.queues):
                yield ErrorDetail("DUPLICATE_CODE", "同一队列列了两次", f"queueing.serving[{i}].queues")
        days_seen: dict[int, int] = {}
        for i, hours in enumerate(spec.hours):
            yield from _intervals(hours.intervals, f"queueing.hours[{i}].intervals")
            for day in hours.days:
                if day in days_seen:
                    yield ErrorDetail(
                        "DUPLICATE_CODE",
                        f"星期{day} 已在 hours[{days_seen[day]}] 中",
                        f"queueing.hours[{i}].days",
                    )
                days_seen.setdefault(day, i)
        for i, extra in enumerate(spec.extra_hours):
            yield from _intervals(extra.intervals, f"queueing.extra_hours[{i}].intervals")
            for j, code in enumerate(extra.queues):
                yield from unknown(code, queues, f"queueing.extra_hours[{i}].queues[{j}]", "队列")
            regular = [iv for h in spec.hours if set(h.days) & set(extra.days) for iv in h.intervals]
            if any(e.code == "INTERVALS_OVERLAP" for e in _intervals([*regular, *extra.intervals], "")):
                yield ErrorDetail(
                    "INTERVALS_OVERLAP",
                    "延时/周末时段与当天的正常时段重叠",
                    f"queueing.extra_hours[{i}].intervals",
                )
        unserved = sorted(queues - {q for entry in spec.serving for q in entry.queues})
        if spec.serving and unserved:
            yield ErrorDetail("UNSERVED_QUEUE", f"队列 {unserved[0]} 没有窗口叫号", "queueing.serving")


QUEUES = Slice(
    "queues",
    QueueSpec,
    Queue,
    columns("name", "prefix", "categories", "zones", "service_minutes", "slot_capacity", "extended_only"),
    check=_queues,
)
QUEUEING = Settings(
    "queueing",
    QueueSettingsSpec,
    QueueSettings,
    columns(
        "serving",
        "hours",
        "extra_hours",
        "holidays_closed",
        "priority",
        "no_show",
        "appointments",
        "target_wait_minutes",
    ),
    check=_settings,
)

__all__ = [
    "PRIORITY_GROUPS",
    "QUEUEING",
    "QUEUES",
    "ExtraHoursSpec",
    "HoursSpec",
    "NoShowSpec",
    "PrioritySpec",
    "QueueSettingsSpec",
    "QueueSpec",
    "RuleSpec",
    "ServingSpec",
    "parse_interval",
]
