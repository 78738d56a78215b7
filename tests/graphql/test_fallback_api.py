"""办不成事 through the county API: the loop, 销号 refused while dissatisfied, the 交办单 PDF,
the case library, masked phones and a constant-cost list."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from onewindow.platform.accounts.roles import Role
from tests.factories import member_of
from tests.graphql.helpers import county_path, gql, nodes
from tests.pdf_helpers import pdf_text

pytestmark = pytest.mark.django_db
PATH = county_path("331081")

REGISTER = """mutation { registerFallback(channel: "fallback_window", summary: "跨部门事项无人牵头",
  applicantName: "李女士", applicantPhone: "13912345678", departments: ["scjg", "rsj"], window: "DB01") {
  case { number version status departments applicantPhone } errors { field code } } }"""


def step(client: Client, query: str, variables: dict) -> dict:  # type: ignore[type-arg]
    _, body = gql(client, query, variables, path=PATH)
    payload = next(iter(body["data"].values()))
    assert payload["errors"] == [], payload
    return payload  # type: ignore[no-any-return]


def test_the_loop_and_the_assignment_sheet(client: Client, wenling) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member_of(wenling, Role.INTAKE_CLERK))
    case = step(client, REGISTER, {})["case"]
    assert sorted(case["departments"]) == ["rsj", "scjg"]
    assert case["applicantPhone"] == "13912345678"
    client.force_login(member_of(wenling, Role.CENTRE_MANAGER))
    n = case["number"]
    case = step(
        client,
        'mutation($n: String!, $v: Int!) { classifyFallback(number: $n, version: $v, tier: "hard") { case { version owner deadlineOn } errors { code } } }',
        {"n": n, "v": case["version"]},
    )["case"]
    assert case["owner"] == "市委改革办"
    sheet = step(
        client,
        'mutation($n: String!, $v: Int!) { assignFallback(number: $n, version: $v, department: "scjg", dueOn: "2099-01-05", responsible: "王建", matter: "明确牵头部门", leader: "分管副市长") { assignment { number } errors { code } } }',
        {"n": n, "v": case["version"]},
    )["assignment"]
    client.force_login(member_of(wenling, Role.INTAKE_CLERK))
    pdf = client.get(f"/c/331081/assignments/{sheet['number']}.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    text = pdf_text(pdf.content)
    assert "交办单" in text and "明确牵头部门" in text and "分管副市长" in text
    client.force_login(member_of(wenling, Role.CENTRE_MANAGER))
    _, body = gql(client, "{ fallbackCases(first: 100) { edges { node { number version } } } }", path=PATH)
    version = nodes(body["data"]["fallbackCases"])[0]["version"]
    case = step(
        client,
        'mutation($n: String!, $v: Int!) { resolveFallback(number: $n, version: $v, result: "已协调明确") { case { version status } errors { code } } }',
        {"n": n, "v": version},
    )["case"]
    _, body = gql(
        client,
        "mutation($n: String!) { closeFallback(number: $n) { case { status } errors { code } } }",
        {"n": n},
        path=PATH,
    )
    assert body["data"]["closeFallback"]["errors"] == [{"code": "APPLICANT_NOT_SATISFIED"}]
    case = step(
        client,
        "mutation($n: String!, $v: Int!) { recordApplicantOpinion(number: $n, version: $v, satisfied: true) { case { status } errors { code } } }",
        {"n": n, "v": case["version"]},
    )["case"]
    assert case["status"] == "CLOSED"
    step(
        client,
        'mutation($n: String!) { publishFallbackCase(number: $n, title: "跨部门无人牵头", text: "李女士反映……已解决") { case { number } errors { code } } }',
        {"n": n},
    )
    _, body = gql(
        client, '{ caseLibrary(first: 100, search: "牵头") { edges { node { title text } } } }', path=PATH
    )
    assert nodes(body["data"]["caseLibrary"]) == [{"title": "跨部门无人牵头", "text": "申请人反映……已解决"}]


def test_phones_are_masked_for_roles_without_pii(client: Client, wenling) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member_of(wenling, Role.INTAKE_CLERK))
    step(client, REGISTER, {})
    client.force_login(member_of(wenling, Role.GUIDE))
    _, body = gql(client, "{ fallbackCases(first: 100) { edges { node { applicantPhone } } } }", path=PATH)
    assert nodes(body["data"]["fallbackCases"]) == [{"applicantPhone": "139****5678"}]


def test_the_list_costs_the_same_however_long(client: Client, wenling) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member_of(wenling, Role.INTAKE_CLERK))
    step(client, REGISTER, {})
    query = "{ fallbackCases(first: 100) { edges { node { number departments assignments { number departmentCode } } } } }"

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            gql(client, query, path=PATH)
        return len(ctx.captured_queries)

    one = count()
    for _ in range(4):
        step(client, REGISTER, {})
    assert count() == one


def test_the_weekly_report_names_the_overdue(client: Client, wenling) -> None:  # type: ignore[no-untyped-def]
    from onewindow.platform.core import clock
    from onewindow.tenants.fallback.services import assign, classify_fallback, register_fallback

    connection.set_tenant(wenling)
    with clock.frozen_at("2026-03-02 10:00"):
        case = register_fallback(
            channel="hotline",
            hotline_ref="12345-1",
            summary="证照遗留问题",
            applicant_name="吴先生",
            actor="hotline",
        )
        case = classify_fallback(case.number, version=case.version, tier="general", actor="centre")
        assign(
            case.number,
            version=case.version,
            department="scjg",
            due_on=dt.date(2026, 3, 6),
            responsible="王建",
            matter="核实历史登记",
            leader="分管副市长",
            actor="centre",
        )
    client.force_login(member_of(wenling, Role.SUPERVISOR))
    _, body = gql(
        client,
        '{ fallbackWeeklyReport(weekOf: "2026-03-11") { weekStart registered overdueCases { number owner } overdueAssignments { number departmentCode responsible } } }',
        path=PATH,
    )
    report = body["data"]["fallbackWeeklyReport"]
    assert report["weekStart"] == "2026-03-09" and report["registered"] == 0
    assert report["overdueCases"] == [{"number": case.number, "owner": "市行政服务中心"}]
    assert report["overdueAssignments"][0]["departmentCode"] == "scjg"


def test_assistance_complaints_through_the_api(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    path = county_path("150626")
    client.force_login(member_of(wushen, Role.INTAKE_CLERK))
    _, body = gql(
        client,
        'mutation { fileAssistanceComplaint(complainantName: "刘女士", agent: "王小翠", content: "代办进度无人告知") { complaint { number dueOn } errors { code } } }',
        path=path,
    )
    number = body["data"]["fileAssistanceComplaint"]["complaint"]["number"]
    client.force_login(member_of(wushen, Role.CENTRE_MANAGER))
    _, body = gql(
        client,
        'mutation($n: String!) { answerAssistanceComplaint(number: $n, finding: "属实，已整改", substantiated: true) { complaint { substantiated repliedAt } errors { code } } }',
        {"n": number},
        path=path,
    )
    assert body["data"]["answerAssistanceComplaint"]["complaint"]["substantiated"] is True
    _, body = gql(
        client,
        "{ assistanceComplaints(first: 100, openOnly: true) { edges { node { number } } } }",
        path=path,
    )
    assert nodes(body["data"]["assistanceComplaints"]) == []
