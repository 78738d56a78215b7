"""A few weeks of realistic cases for a newcomer's hall (``onewindow up``).

It drives several domains (cases, reviews, the pack), so it sits above them all, not in one.

Everything goes through the real services with the clock set to each past working day, so the
demo is also a walk through every common path: accepted and issued, one-time notices then
resubmission, refusals, 容缺, pauses, overdue cases, reviews good and bad.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from stdnum.cn import ric, uscc

from onewindow.platform.accounts.roles import Role
from onewindow.platform.core import clock, identifiers
from onewindow.platform.core.errors import BusinessError
from onewindow.tenants.cases import services
from onewindow.tenants.cases.models import Case, CaseStatus, MaterialState
from onewindow.tenants.catalog.models import ServiceItem
from onewindow.tenants.hall.models import StaffMember, Window, WindowKind
from onewindow.tenants.policy.services import save_entry
from onewindow.tenants.reviews.services import submit_review
from onewindow.tenants.workcalendar.calendar import WorkingCalendar

_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
_GIVEN = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀英",
    "霞",
    "平",
]
_COMPANIES = [
    "商贸有限公司",
    "科技有限公司",
    "建筑工程有限公司",
    "农牧业专业合作社",
    "餐饮管理有限公司",
    "物流有限公司",
]


def _applicant(rng: random.Random, county_code: str, i: int) -> services.ApplicantInput:
    """A made-up applicant whose numbers pass the checks (GB 11643 / GB 32100), one person per
    ID number (``i`` picks the date of birth and the sequence, so no two people share one)."""
    if rng.random() < 0.5:
        name = rng.choice(_SURNAMES) + rng.choice(_GIVEN)
        region = county_code if _is_region(county_code) else "150626"
        born = dt.date(2001, 1, 1) + dt.timedelta(days=i % 7000)
        body = f"{region}{born:%Y%m%d}{(i // 7000) % 1000:03d}"
        phone = f"13{rng.choice('5789')}{rng.randint(0, 99999999):08d}"
        return services.ApplicantInput("person", name, body + ric.calc_check_digit(body + "0"), phone)
    name = f"某某{rng.choice(_COMPANIES)}{i}"
    body = f"91{county_code}MA{i:07d}"[:17]
    return services.ApplicantInput(
        "enterprise", name, body + uscc.calc_check_digit(body), f"139{rng.randint(0, 99999999):08d}"
    )


def _is_region(code: str) -> bool:
    try:
        body = f"{code}20050101001"
        identifiers.id_number("person", body + ric.calc_check_digit(body + "0"), field="")
    except BusinessError:
        return False
    return True


def _approvers() -> dict[str, str]:
    """One demo approver per department with items (added to the roster through the pack)."""
    out: dict[str, str] = {}
    for dept in {i.department for i in ServiceItem.objects.live().select_related("department")}:
        username = f"demo-{dept.code}"
        if not StaffMember.objects.live().filter(username=username).exists():
            save_entry(
                "staff",
                {
                    "code": f"DEMO-{dept.code}",
                    "name": f"{dept.short_name or dept.name}审批员（演示）",
                    "roles": [Role.APPROVER],
                    "department": dept.code,
                    "username": username,
                },
                actor="demo",
            )
        out[dept.code] = username
    return out


@transaction.atomic
def seed_demo_cases(
    county_code: str, *, days: int = 21, per_day: int = 6, today: dt.date | None = None
) -> int:
    """Fill the active county with ``days`` calendar days of cases, unless it has cases already.

    One transaction: all or none (a half-seeded county would never be filled), and the receipt
    SMS and reminders of a few hundred cases leave one delivery task, not one each."""
    if Case.objects.exists():
        return 0
    items = list(ServiceItem.objects.live().prefetch_related("materials"))
    front = list(Window.objects.live().filter(kind__in=[WindowKind.UNIVERSAL, WindowKind.DOMAIN]))
    issuance = Window.objects.live().filter(kind=WindowKind.ISSUANCE).first()
    if not items or not front or issuance is None:
        return 0
    approvers = _approvers()
    rng = random.Random(county_code)
    calendar = WorkingCalendar.for_active_county()
    today = today or clock.today()
    made = 0
    day = today - dt.timedelta(days=days)
    while day <= today:
        if not calendar.is_working_day(day):
            day += dt.timedelta(days=1)
            continue
        for k in range(per_day):
            made += 1
            moment = dt.datetime.combine(day, dt.time(9, 0), tzinfo=clock.COUNTY_TZ) + dt.timedelta(
                minutes=35 * k
            )
            item = rng.choice(items)
            needed = [m.code for m in item.materials.all() if not m.exempt]
            missing = [c for c in needed if rng.random() < 0.12]
            with clock.frozen_at(moment):
                case = services.receive_case(
                    applicant=_applicant(rng, county_code, made),
                    item=item.code,
                    channel="window",
                    window=rng.choice(front).code,
                    provided=[c for c in needed if c not in missing],
                    actor="demo-clerk",
                )
                problems = [m for m in case.materials.all() if m.state == MaterialState.MISSING]
                if problems and rng.random() < 0.2:
                    services.refuse_case(
                        case.number,
                        version=case.version,
                        reason="申请事项不属于本机关职权范围（演示）",
                        actor="demo-clerk",
                    )
                    continue
                if problems:
                    services.issue_correction_notice(
                        case.number,
                        version=case.version,
                        entries=[{"code": m.code, "fix": f"请补交{m.name}"} for m in problems],
                        actor="demo-clerk",
                    )
                    if day >= today - dt.timedelta(days=2):
                        continue  # recent notices still wait for the applicant
                    case.refresh_from_db()
                    services.resubmit_materials(
                        case.number,
                        version=case.version,
                        provided=[m.code for m in problems],
                        actor="demo-clerk",
                    )
                    case.refresh_from_db()
                case = services.accept_case(case.number, version=case.version, actor="demo-clerk")
            if case.status == CaseStatus.ACCEPTED:
                assert case.due_on is not None
                late = rng.random() >= 0.85  # some departments miss their promise
                decide_on = case.due_on + dt.timedelta(days=3) if late else case.due_on
                if decide_on > today or rng.random() < 0.05:
                    continue  # still in the back office (some of them overdue)
                with clock.frozen_at(dt.datetime.combine(decide_on, dt.time(15, 0), tzinfo=clock.COUNTY_TZ)):
                    try:
                        case = services.decide_case(
                            case.number,
                            version=case.version,
                            approve=rng.random() < 0.93,
                            reason="" if rng.random() < 0.93 else "不符合法定条件（演示）",
                            actor=approvers[case.department.code],
                            roles=[Role.APPROVER],
                        )
                    except BusinessError:
                        case = services.decide_case(
                            case.number,
                            version=case.version,
                            approve=False,
                            reason="不符合法定条件（演示）",
                            actor=approvers[case.department.code],
                            roles=[Role.APPROVER],
                        )
            issue_on = (case.decided_at or moment).astimezone(clock.COUNTY_TZ).date()
            if issue_on > today:
                continue
            with clock.frozen_at(dt.datetime.combine(issue_on, dt.time(16, 30), tzinfo=clock.COUNTY_TZ)):
                express = rng.random() < 0.25
                case = services.issue_result(
                    case.number,
                    version=case.version,
                    window=issuance.code,
                    delivery="express" if express else rng.choice(["pickup", "pickup", "self_print"]),
                    tracking_number=f"EMS{made:09d}" if express else "",
                    actor="demo-clerk",
                )
                if rng.random() < 0.7:
                    level = rng.choices([5, 4, 3, 2, 1], weights=[70, 20, 6, 3, 1])[0]
                    submit_review(
                        case.number, level=level, channel=rng.choice(["device", "qr", "sms"]), actor=None
                    )
        day += dt.timedelta(days=1)
    return made
