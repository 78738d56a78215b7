"""Every root list, asked with its nested lists, costs the same SQL at 10 rows and at 100.

The rows are built in bulk (``tests.factories.bulk``); each test reads a full page of 10 and
a full page of 100 and compares the statement counts (``page_counts``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from onewindow.platform.accounts.models import ApiToken
from onewindow.platform.accounts.roles import Role
from onewindow.platform.core import clock
from onewindow.platform.counties.models import County
from onewindow.tenants.assistance.models import AssistanceComplaint
from onewindow.tenants.catalog.models import Bundle, ServiceItem
from onewindow.tenants.catalogchanges.models import CatalogChangeRequest
from onewindow.tenants.escalation.models import ChainVersion, Watch
from onewindow.tenants.fallback.models import Assignment, FallbackCase
from onewindow.tenants.hall.models import Department, ServiceTeam, StaffMember, Window
from onewindow.tenants.reviews.models import Review
from onewindow.tenants.scoring.models import Incident, Period, RuleSet
from onewindow.tenants.workcalendar.models import CalendarOverride
from onewindow.tenants.workorders.models import WorkOrder
from tests.factories import bulk, bulk_cases, clones, member_of
from tests.graphql.helpers import county_path, gql
from tests.graphql.test_query_counts import page_counts

pytestmark = pytest.mark.django_db

PATH = county_path("150626")
DAY = dt.date(2026, 3, 2)


def same_at_10_and_100(client: Client, field: str, selection: str, args: str = "", path: str = PATH) -> None:
    query = f"{{ {field}(first: PAGE{args}) {{ totalCount edges {{ cursor node {{ {selection} }} }} }} }}"
    ten, hundred = page_counts(client, query, path, field)
    assert ten == hundred, (field, ten, hundred)


@pytest.fixture
def supervisor(client: Client, wushen: County) -> Client:
    connection.set_tenant(wushen)
    client.force_login(member_of(wushen, Role.SUPERVISOR))
    return client


def test_service_items(supervisor: Client) -> None:
    base = ServiceItem.objects.live().first()
    assert base is not None
    copied = {
        f.attname: getattr(base, f.attname) for f in ServiceItem._meta.concrete_fields if not f.primary_key
    }
    bulk(ServiceItem, 100, **{**copied, "code": lambda i: f"BULK-{i:03d}", "name": lambda i: f"批量事项{i}"})
    same_at_10_and_100(
        supervisor, "serviceItems", "code name department { code } materials { code } faq { q }"
    )


def test_catalog_change_requests(supervisor: Client) -> None:
    department = Department.objects.live().first()
    bulk(
        CatalogChangeRequest,
        100,
        department=department,
        summary="依据调整",
        rule_published_on=DAY,
        reported_on=DAY,
        report_due=DAY,
        apply_due=lambda i: DAY + dt.timedelta(days=i),
        created_at=clock.now(),
    )
    same_at_10_and_100(
        supervisor,
        "catalogChangeRequests",
        "id summary itemCode status reportedLate department { code name }",
    )


def test_commitments(supervisor: Client) -> None:
    from onewindow.tenants.cases.models import Commitment

    cases = bulk_cases(100)
    bulk(
        Commitment,
        100,
        case=lambda i: cases[i],
        kind="tolerance",
        material_code="zs",
        content="住所使用证明",
        due_on=DAY,
        created_at=clock.now(),
        created_by="clerk",
    )
    same_at_10_and_100(
        supervisor,
        "commitments",
        "id kind state content dueOn overdue case { number itemName departmentName applicant { name } }",
    )


def test_calendar_overrides(supervisor: Client) -> None:
    bulk(CalendarOverride, 100, date=lambda i: DAY + dt.timedelta(days=i), kind="closed", reason="停电")
    same_at_10_and_100(supervisor, "calendarOverrides", "date kind reason")


def test_my_api_tokens(client: Client, wushen: County) -> None:
    user = member_of(wushen, Role.COUNTY_ADMIN)
    client.force_login(user)
    bulk(
        ApiToken,
        100,
        user=user,
        county=wushen,
        name="脚本",
        prefix=lambda i: f"bulk{i:04d}",
        key_hash="x",
        created_at=clock.now(),
    )
    same_at_10_and_100(client, "myApiTokens", "id name prefix countyCode createdAt")


def test_counties_on_the_platform(client: Client) -> None:
    client.force_login(member_of(None, Role.PROVINCIAL_OPERATOR))
    bulk(
        County,
        100,
        schema_name=lambda i: f"county_98{i:04d}",
        code=lambda i: f"98{i:04d}",
        name="测试县",
        province="测试省",
    )
    same_at_10_and_100(client, "counties", "code name province status", path="/graphql")


def _reviews(count: int) -> list[Review]:
    cases = bulk_cases(count)
    return bulk(Review, count, case=lambda i: cases[i], level=1, channel="qr", created_at=clock.now())


def test_work_orders(supervisor: Client) -> None:
    reviews = _reviews(100)
    bulk(
        WorkOrder,
        100,
        number=lambda i: f"GD-{i:04d}",
        review=lambda i: reviews[i],
        department=lambda i: reviews[i].case.department,
        opened_on=DAY,
        callback_due_on=DAY,
    )
    same_at_10_and_100(supervisor, "workOrders", "number status departmentCode reviewLevel caseNumber")


def test_assistance_complaints(supervisor: Client) -> None:
    bulk(
        AssistanceComplaint,
        100,
        number=lambda i: f"TS-{i:04d}",
        complainant_name="李四",
        agent="帮办员",
        content="态度差",
        received_on=DAY,
        due_on=DAY,
    )
    same_at_10_and_100(supervisor, "assistanceComplaints", "number agent dueOn")


def test_flagged(supervisor: Client) -> None:
    version = ChainVersion.objects.select_related("chain").first()
    assert version is not None
    bulk(
        Watch,
        100,
        version=version,
        subject_type="Case",
        subject_id=lambda i: str(i),
        subject_label=lambda i: f"办件{i}",
        started_on=DAY,
        deadline_on=DAY,
        flagged=True,
    )
    same_at_10_and_100(supervisor, "flagged", "subjectType subjectLabel chainCode levelsFired deadlineOn")


def _fallback_cases(count: int, start: int = 0, **extra: Any) -> list[FallbackCase]:
    cases = bulk(
        FallbackCase,
        count,
        number=lambda i: f"BBCS-{start + i:04d}",
        registered_at=lambda i: clock.now() - dt.timedelta(minutes=i),
        channel="window",
        summary="跨部门无人牵头",
        applicant_name="王五",
        applicant_phone="13912345678",
        **extra,
    )
    departments = list(Department.objects.live()[:2])
    through = FallbackCase.departments.through
    through.objects.bulk_create(
        through(fallbackcase_id=c.pk, department_id=d.pk) for c in cases for d in departments
    )
    bulk(
        Assignment,
        count,
        case=lambda i: cases[i],
        number=lambda i: f"JB-{start + i:04d}",
        assigned_at=clock.now(),
        department=departments[0],
        due_on=DAY,
        responsible="赵六",
        matter="牵头办理",
        leader="孙七",
    )
    return cases


def test_fallback_cases(supervisor: Client) -> None:
    _fallback_cases(100)
    same_at_10_and_100(
        supervisor, "fallbackCases", "number applicantPhone departments assignments { number departmentCode }"
    )


def test_case_library(supervisor: Client) -> None:
    _fallback_cases(100, published_at=clock.now(), library_title="跨部门无人牵头", library_text="已解决")
    same_at_10_and_100(supervisor, "caseLibrary", "number title text publishedAt")


def _rule_set() -> RuleSet:
    rule_set = RuleSet.objects.filter(versions__isnull=False).first()
    assert rule_set is not None
    return rule_set


def test_assessment_periods(supervisor: Client) -> None:
    rule_set = _rule_set()
    bulk(
        Period,
        100,
        rule_set=rule_set,
        version=rule_set.versions.first(),
        starts_on=lambda i: DAY + dt.timedelta(days=i),
        ends_on=lambda i: DAY + dt.timedelta(days=i),
    )
    same_at_10_and_100(
        supervisor,
        "assessmentPeriods",
        "id status ruleSetCode ruleSetName title version startsOn categories { code } objections { id subject }",
        f', ruleSet: "{rule_set.code}"',
    )


def test_incidents(supervisor: Client) -> None:
    rule_set = _rule_set()
    bulk(
        Period,
        1,
        rule_set=rule_set,
        version=rule_set.versions.first(),
        starts_on=DAY,
        ends_on=DAY + dt.timedelta(days=90),
    )
    bulk(
        Incident,
        100,
        rule_set=rule_set,
        rule="R1",
        subject="swj",
        occurred_on=DAY,
        recorder="tests",
        created_at=clock.now(),
    )
    _, body = gql(
        supervisor,
        f'{{ assessmentPeriods(first: 1, ruleSet: "{rule_set.code}") {{ edges {{ node {{ id }} }} }} }}',
        path=PATH,
    )
    period_id = body["data"]["assessmentPeriods"]["edges"][0]["node"]["id"]
    same_at_10_and_100(supervisor, "incidents", "id rule subject note evidence", f', period: "{period_id}"')


def test_the_weekly_report_names_overdue_cases_at_a_constant_cost(supervisor: Client) -> None:
    query = """{ fallbackWeeklyReport(weekOf: "2026-03-09") { overdueCases { number departments
      assignments { number departmentCode } } overdueAssignments { number departmentCode } } }"""

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            _, body = gql(supervisor, query, path=PATH)
        assert "errors" not in body, body
        return len(ctx.captured_queries)

    _fallback_cases(10, deadline_on=DAY, start=0)
    ten = count()
    _fallback_cases(90, deadline_on=DAY, start=10)
    assert count() == ten


CONFIGURATION_LISTS = [
    ("departments", Department, "code name", ()),
    ("windows", Window, "code name kind departments { code } categories", ("departments",)),
    ("staff", StaffMember, "code name grade windowCode postedUnderAYear", ()),
    ("serviceTeams", ServiceTeam, "code name members { name role }", ()),
    (
        "bundles",
        Bundle,
        "code name coDepartments { code } items { code materials { code } }",
        ("co_departments", "items"),
    ),
]


@pytest.mark.parametrize(("field", "model", "selection", "m2m"), CONFIGURATION_LISTS)
def test_configuration_lists_cost_the_same_with_10_or_100_more_entries(
    supervisor: Client, field: str, model: Any, selection: str, m2m: tuple[str, ...]
) -> None:
    """Plain lists (a county's configuration, read whole) with their nested lists."""
    query = f"{{ {field} {{ {selection} }} }}"

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            _, body = gql(supervisor, query, path=PATH)
        assert "errors" not in body, body
        return len(ctx.captured_queries)

    base = model.objects.live().first()
    clones(base, 10, m2m=m2m)
    ten = count()
    clones(base, 90, start=10, m2m=m2m)
    assert count() == ten


def test_assistance_requests(client: Client, wushen: County) -> None:
    from onewindow.tenants.assistance.services import hand_over, take_request

    connection.set_tenant(wushen)
    client.force_login(member_of(wushen, Role.AGENT))
    for i in range(100):
        request = take_request(
            site="galutu-v1", agent="S014", applicant_name=f"申请人{i}", items=["MS-YL"],
            materials=["居民身份证"], consent=True, actor="tests",
        )  # fmt: skip
        if i % 2:
            hand_over(request.number, materials=["居民身份证"], actor="tests")
    same_at_10_and_100(
        client,
        "assistanceRequests",
        "number agentName siteName currentSiteName itemNames materials steps { kindLabel siteName } "
        "handovers { toSite materials } pendingHandover { fromSite }",
    )


def test_my_notifications_and_dead_letters(client: Client, wushen: County) -> None:
    from onewindow.tenants.outbox.models import OutboxMessage

    connection.set_tenant(wushen)
    manager = member_of(wushen, Role.CENTRE_MANAGER)
    client.force_login(manager)
    now = clock.now()
    for status, channel, recipient in (
        ("sent", "inapp", manager.username),
        ("failed", "aliyun_sms", "13912345678"),
    ):
        bulk(
            OutboxMessage,
            100,
            channel=channel,
            recipient=recipient,
            subject="提醒",
            body=lambda i: f"第 {i} 条",
            status=status,
            created_at=now,
        )
    same_at_10_and_100(client, "myNotifications", "id subject body read createdAt")
    same_at_10_and_100(client, "deadLetters", "id channel recipient lastError attempts")
