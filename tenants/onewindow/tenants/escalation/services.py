"""The escalation runner: start, pause, resume and resolve watches; scan what is due.

A level's moment is computed from the subject's start and deadline on the county calendar:
working-day offsets fire at 09:00 of that day, hour offsets from the deadline day's 17:30
close, ``share`` offsets at 09:00 of the day that share of the allowed working days has
passed. A batch of due watches is handled in one transaction: the ``Firing`` rows (unique per
watch and level) and the levels' actions commit together, so a retried, restarted or
overlapping scan fires nothing twice, and a crash fires nothing half.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction

from onewindow.platform.core import clock
from onewindow.platform.core.versioning import append_version
from onewindow.tenants.escalation.events import REMINDER_FIRED, ReminderFired
from onewindow.tenants.escalation.models import Chain, Watch
from onewindow.tenants.escalation.subjects import Units, watched_subject
from onewindow.tenants.escalation.targets import resolve_target
from onewindow.tenants.events import SubjectRef, emit, emit_many
from onewindow.tenants.outbox.notify import channel_name as settings_for_channel
from onewindow.tenants.outbox.recipients import Person
from onewindow.tenants.outbox.services import enqueue_notification, enqueue_notifications
from onewindow.tenants.workcalendar.calendar import WorkingCalendar

OPEN_AT = dt.time(9, 0)  # reminders go out when the hall opens …
CLOSE_AT = dt.time(17, 30)  # … and a deadline day ends when it closes
LATE_AFTER = dt.timedelta(minutes=15)  # a firing this long after its moment is marked late (catch-up)

log = logging.getLogger(__name__)


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=clock.COUNTY_TZ)


def level_moment(level: dict[str, Any], watch: Watch, calendar: WorkingCalendar) -> dt.datetime | None:
    trigger = level["trigger"]
    if trigger.get("relative_to") == "event":
        return None  # fired by fire_event(), never by the clock
    unit, offset = trigger.get("unit", "working_days"), int(trigger.get("offset", 0))
    if trigger.get("relative_to", "deadline") == "start":
        if unit == "share":
            if watch.deadline_on is None:
                return None
            allowed = max(calendar.working_days_between(watch.started_on, watch.deadline_on), 0)
            return _at(
                calendar.add_working_days(watch.started_on, math.ceil(allowed * offset / 100)), OPEN_AT
            )
        if unit == "hours":
            return _at(watch.started_on, OPEN_AT) + dt.timedelta(hours=offset)
        return _at(calendar.shift_working_days(watch.started_on, offset), OPEN_AT)
    if watch.deadline_on is None:
        return None
    if unit == "hours":
        return _at(watch.deadline_on, CLOSE_AT) + dt.timedelta(hours=offset)
    return _at(calendar.shift_working_days(watch.deadline_on, offset), OPEN_AT)


def _is_event(level: dict[str, Any]) -> bool:
    return bool(level["trigger"].get("relative_to") == "event")


def _schedule(watch: Watch, calendar: WorkingCalendar | None = None) -> None:
    levels = watch.version.levels
    while watch.next_level < len(levels) and _is_event(levels[watch.next_level]):
        watch.next_level += 1  # event levels are not on the clock
    if watch.resolved_at is not None or watch.next_level >= len(levels):
        watch.next_due_at = None
        return
    watch.next_due_at = level_moment(
        levels[watch.next_level], watch, calendar or WorkingCalendar.for_active_county()
    )


# --- configuration (called by the policy pack's apply) ------------------------------------------


def write_chains(specs: Iterable[Any], rows: dict[str, Chain]) -> None:
    """A chain whose levels changed gets a new version; running watches keep theirs."""
    for spec in specs:
        levels = [level.model_dump(mode="json") for level in spec.levels]
        append_version(rows[spec.code].versions, "levels", levels)


def latest_levels(chain: Chain) -> list[dict[str, Any]]:
    latest = chain.versions.order_by("-number").first()
    return list(latest.levels) if latest else []


# --- watching subjects (called by the subjects' own services, in their transaction) -------------


def start_watches(
    subject_kind: str,
    subject_type: str,
    subject_id: Any,
    label: str,
    *,
    started_on: dt.date,
    deadline_on: dt.date | None,
) -> list[Watch]:
    calendar = WorkingCalendar.for_active_county()
    watches = []
    for chain in Chain.objects.live().filter(subject=subject_kind):
        version = chain.versions.order_by("-number").first()
        if version is None:
            continue
        watch = Watch(
            version=version,
            subject_type=subject_type,
            subject_id=str(subject_id),
            subject_label=label,
            started_on=started_on,
            deadline_on=deadline_on,
        )
        _schedule(watch, calendar)
        watch.save()
        watches.append(watch)
    return watches


def _watches(subject_type: str, subject_id: Any) -> Any:
    return (
        Watch.objects.select_for_update()
        .select_related("version")
        .filter(subject_type=subject_type, subject_id=str(subject_id), resolved_at__isnull=True)
    )


def pause_watches(subject_type: str, subject_id: Any) -> None:
    """A paused subject does not escalate while paused."""
    _watches(subject_type, subject_id).update(paused=True)


def move_deadline(
    subject_type: str, subject_id: Any, deadline_on: dt.date | None, *, resume: bool = False
) -> None:
    """A new deadline (resumed clock, extension): the levels still to come move with it."""
    calendar = WorkingCalendar.for_active_county()
    for watch in _watches(subject_type, subject_id):
        watch.deadline_on = deadline_on
        if resume:
            watch.paused = False
        _schedule(watch, calendar)
        watch.save(update_fields=["deadline_on", "paused", "next_due_at"])


def resolve_watches(subject_type: str, subject_id: Any) -> None:
    """A resolved subject stops its chain."""
    _watches(subject_type, subject_id).update(resolved_at=clock.now(), next_due_at=None)


# --- the scan -----------------------------------------------------------------------------------


def _claim(
    watch: Watch,
    level_index: int,
    due_at: dt.datetime,
    now: dt.datetime,
    target: str,
    response: dt.date | None,
) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO escalation_firing "
            "(watch_id, level, due_at, fired_at, late, target, response_due_on) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (watch_id, level) DO NOTHING RETURNING id",
            [watch.pk, level_index, due_at, now, now - due_at > LATE_AFTER, target, response],
        )
        return cursor.fetchone() is not None


def _target_label(target: dict[str, Any]) -> str:
    return f"{target['kind']}:{target.get('value', '')}".rstrip(":")


def _response_due(level: dict[str, Any], now: dt.datetime, calendar: WorkingCalendar) -> dt.date | None:
    actions = set(level.get("actions", ["notify"]))
    if "require_response" in actions and level.get("response_within_days"):
        today = now.astimezone(clock.COUNTY_TZ).date()
        return calendar.add_working_days(today, level["response_within_days"])
    return None


Notification = tuple[str, str, str, str]  # channel, recipient, body, subject


def _effects(
    watch: Watch,
    index: int,
    level: dict[str, Any],
    due_at: dt.datetime,
    now: dt.datetime,
    response: dt.date | None,
    people_of: dict[tuple[str, tuple[str, ...]], list[Person]] | None = None,
) -> tuple[list[Notification], ReminderFired]:
    """What a claimed firing does: its notifications, the flag on the watch, its event.
    ``people_of`` keeps the people a target resolved to across one batch's firings."""
    actions = set(level.get("actions", ["notify"]))
    target = _target_label(level["target"])
    late = now - due_at > LATE_AFTER
    subject = watched_subject(watch.subject_type)
    scores = "score" in actions
    notifies = "notify" in actions
    # only a scoring or notifying level needs who answers (one query)
    units = subject.units(watch.subject_id) if (scores or notifies) and subject is not None else Units()
    notifications: list[Notification] = []
    if notifies:
        deadline = f"，期限 {watch.deadline_on:%Y-%m-%d}" if watch.deadline_on else ""
        body = f"【{level['name']}】{watch.subject_label}{deadline}" + ("（补发）" if late else "")
        # the label resolves to people now: whoever holds the role or leads the team today
        key = (target, tuple(units.departments))
        cache = people_of if people_of is not None else {}
        if key not in cache:
            cache[key] = resolve_target(target, units.departments)
        people = cache[key]
        if people:
            body += f"（{'、'.join(p.name for p in people)}）"
        for channel in level.get("channels", ["console"]):
            recipients = (
                [p.username for p in people if p.username]
                if channel == "inapp"
                else [p.phone for p in people if p.phone]
                if channel in ("sms", "wechat")
                else [target]  # the console line names the label; the body names the people
            )
            name = settings_for_channel(channel)
            notifications += [(name, recipient, body, level["name"]) for recipient in recipients]
    if "flag" in actions and not watch.flagged:
        watch.flagged = True  # 挂牌警示
    data = ReminderFired(
        chain=watch.version.chain.code,
        version=watch.version.number,
        level=index,
        name=level["name"],
        subject=f"{watch.subject_type}:{watch.subject_id}",
        target=target,
        late=late,
        score=scores,
        response_due_on=response.isoformat() if response else None,
        departments=list(units.departments),
        windows=list(units.windows),
        staff_members=list(units.staff),
        ref=SubjectRef(kind=subject.kind, id=watch.subject_id) if subject is not None else None,
    )
    return notifications, data


def _act(
    watch: Watch,
    index: int,
    level: dict[str, Any],
    due_at: dt.datetime,
    now: dt.datetime,
    calendar: WorkingCalendar,
) -> bool:
    response = _response_due(level, now, calendar)
    if not _claim(watch, index, due_at, now, _target_label(level["target"]), response):
        return False  # an earlier or concurrent scan fired it
    notifications, data = _effects(watch, index, level, due_at, now, response)
    for channel, recipient, body, subject in notifications:
        enqueue_notification(
            channel, recipient, body, subject=subject, event=REMINDER_FIRED.name, essential=True
        )
    emit(REMINDER_FIRED, watch, actor="system", data=data)
    return True


def _handed_up(watch: Watch, level: dict[str, Any]) -> bool:
    """The ``handover`` action: the subject's domain moves it to the next tier (a 办不成事 case
    to the next tier's owner), if it registered how."""
    subject = watched_subject(watch.subject_type)
    if "handover" not in level.get("actions", []) or subject is None or subject.hand_up is None:
        return False
    if subject.hand_up(watch.subject_id):
        watch.resolved_at = clock.now()
        return True
    return False


def fire_event(subject_type: str, subject_id: Any, event: str, *, now: dt.datetime | None = None) -> int:
    """Fire the levels triggered by ``event`` on the subject's running watches (once each)."""
    now = now or clock.now()
    calendar = WorkingCalendar.for_active_county()
    fired = 0
    for watch in _watches(subject_type, subject_id).select_related("version__chain"):
        for index, level in enumerate(watch.version.levels):
            if _is_event(level) and level["trigger"].get("event") == event:
                fired += _act(watch, index, level, now, now, calendar)
        watch.save(update_fields=["flagged"])
    return fired


def scan(now: dt.datetime | None = None, *, limit: int = 1000, batch: int = 200) -> int:
    """Fire every level that has come due in the active county; returns how many fired.

    Reads only watches whose next moment has passed (partial index on ``next_due_at``). A
    watch behind by several levels fires each once, in order, marked late. The due watches are
    handled ``batch`` at a time, each batch in one transaction with a fixed number of statements
    (lock the watches, claim the firings, the notifications, the events, the watches' next
    moments); a batch that fails is retried one watch at a time, so one bad watch holds up only
    itself."""
    now = now or clock.now()
    due_ids = list(
        Watch.objects.filter(resolved_at__isnull=True, paused=False, next_due_at__lte=now)
        .order_by("next_due_at")
        .values_list("pk", flat=True)[:limit]
    )
    if not due_ids:
        return 0  # the common case: one indexed query, nothing else
    calendar = WorkingCalendar.for_active_county()
    fired = 0
    for first in range(0, len(due_ids), batch):
        chunk = due_ids[first : first + batch]
        try:
            fired += _scan_batch(chunk, now, calendar)
        except Exception:
            if len(chunk) == 1:
                raise
            log.exception("escalation batch of %d watches failed; one at a time", len(chunk))
            fired += sum(_scan_batch([pk], now, calendar) for pk in chunk)
    return fired


def _due_levels(watch: Watch, now: dt.datetime, calendar: WorkingCalendar) -> list[tuple[int, dt.datetime]]:
    """The clock levels of ``watch`` that have come due, in order (``next_level`` moves past them)."""
    levels = watch.version.levels
    due: list[tuple[int, dt.datetime]] = []
    while watch.next_level < len(levels):
        if _is_event(levels[watch.next_level]):
            watch.next_level += 1
            continue
        due_at = level_moment(levels[watch.next_level], watch, calendar)
        if due_at is None or due_at > now:
            break
        due.append((watch.next_level, due_at))
        watch.next_level += 1
    return due


def _scan_batch(pks: list[int], now: dt.datetime, calendar: WorkingCalendar) -> int:
    with transaction.atomic():
        watches = list(
            Watch.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("version__chain")
            .filter(pk__in=pks, resolved_at__isnull=True, paused=False, next_due_at__lte=now)
            .order_by("next_due_at", "pk")
        )  # a watch another scan holds, or that changed meanwhile, is not here
        fired = 0
        plans: list[tuple[Watch, int, dict[str, Any], dt.datetime, dt.date | None]] = []
        for watch in watches:
            levels = watch.version.levels
            if any("handover" in level.get("actions", []) for level in levels[watch.next_level :]):
                fired += _fire_one(watch, now, calendar)  # may move the subject on: level by level
                continue
            for index, due_at in _due_levels(watch, now, calendar):
                plans.append(
                    (watch, index, levels[index], due_at, _response_due(levels[index], now, calendar))
                )
        claimed = _claim_all(plans, now)
        notifications: list[Notification] = []
        events: list[tuple[Watch, ReminderFired]] = []
        people_of: dict[tuple[str, tuple[str, ...]], list[Person]] = {}
        for watch, index, level, due_at, response in plans:
            if (watch.pk, index) not in claimed:
                continue  # an earlier or concurrent scan fired it
            more, data = _effects(watch, index, level, due_at, now, response, people_of)
            notifications += more
            events.append((watch, data))
        enqueue_notifications(notifications, event=REMINDER_FIRED.name)
        emit_many(REMINDER_FIRED, events, actor="system")
        for watch in watches:
            _schedule(watch, calendar)
        _save_schedules(watches)
    return fired + len(events)


def _save_schedules(watches: list[Watch]) -> None:
    """One UPDATE … FROM (VALUES …) for the batch: Django's ``bulk_update`` builds a CASE per
    field and row, which costs more in Python than the scan itself."""
    if not watches:
        return
    rows = ", ".join(["(%s, %s, %s::timestamptz, %s, %s::timestamptz)"] * len(watches))
    params: list[Any] = []
    for w in watches:
        params += [w.pk, w.next_level, w.next_due_at, w.flagged, w.resolved_at]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE escalation_watch AS w SET next_level = v.next_level, next_due_at = v.next_due_at, "
            "flagged = v.flagged, resolved_at = v.resolved_at "
            f"FROM (VALUES {rows}) AS v (id, next_level, next_due_at, flagged, resolved_at) "
            "WHERE w.id = v.id",
            params,
        )


def _claim_all(
    plans: list[tuple[Watch, int, dict[str, Any], dt.datetime, dt.date | None]], now: dt.datetime
) -> set[tuple[int, int]]:
    """Insert the firings of one batch at once; those already there (fired by an earlier or a
    concurrent scan) are not returned."""
    if not plans:
        return set()
    rows = ", ".join(["(%s, %s, %s, %s, %s, %s, %s)"] * len(plans))
    params: list[Any] = []
    for watch, index, level, due_at, response in plans:
        params += [
            watch.pk,
            index,
            due_at,
            now,
            now - due_at > LATE_AFTER,
            _target_label(level["target"]),
            response,
        ]
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO escalation_firing "
            "(watch_id, level, due_at, fired_at, late, target, response_due_on) "
            f"VALUES {rows} ON CONFLICT (watch_id, level) DO NOTHING RETURNING watch_id, level",
            params,
        )
        return {(watch_id, level) for watch_id, level in cursor.fetchall()}


def _fire_one(watch: Watch, now: dt.datetime, calendar: WorkingCalendar) -> int:
    """A watch whose chain hands the subject over: its levels one by one (a handover ends it)."""
    levels = watch.version.levels
    fired = 0
    while watch.next_level < len(levels):
        if _is_event(levels[watch.next_level]):
            watch.next_level += 1
            continue
        due_at = level_moment(levels[watch.next_level], watch, calendar)
        if due_at is None or due_at > now:
            break
        fired += _act(watch, watch.next_level, levels[watch.next_level], due_at, now, calendar)
        watch.next_level += 1
        if _handed_up(watch, levels[watch.next_level - 1]):
            break  # the subject moved to the next tier: a new watch carries on
    return fired
