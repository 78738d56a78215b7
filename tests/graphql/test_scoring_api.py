"""Assessment through the county API: incidents, closing with posting, ranking, objections."""

from __future__ import annotations

import pytest
from django.test import Client

from onewindow.platform.accounts.roles import Role
from onewindow.platform.core import clock
from tests.factories import member_of
from tests.graphql.helpers import county_path, gql, nodes

pytestmark = pytest.mark.django_db
PATH = county_path("150626")


def ok(client: Client, query: str, variables: dict | None = None) -> dict:  # type: ignore[type-arg]
    _, body = gql(client, query, variables, path=PATH)
    assert "errors" not in body, body
    payload = next(iter(body["data"].values()))
    if isinstance(payload, dict) and "errors" in payload:
        assert payload["errors"] == [], payload
    return payload  # type: ignore[no-any-return]


def test_a_quarter_through_the_api(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member_of(wushen, Role.SUPERVISOR))
    with clock.frozen_at("2026-04-01 09:00"):
        period = ok(
            client,
            'mutation { openPeriod(ruleSet: "qiye-zhuanqu", day: "2026-03-15") { result { id version startsOn } errors { code } } }',
        )["result"]
        assert (period["version"], period["startsOn"]) == (1, "2026-01-01")
        incident = ok(
            client,
            'mutation { recordIncident(ruleSet: "qiye-zhuanqu", rule: "R3", subject: "swj", occurredOn: "2026-03-10", note: "私自接件", evidence: ["photo-0310.jpg"]) { result { id } errors { field code } } }',
        )["result"]
        _, body = gql(
            client,
            'mutation { recordIncident(ruleSet: "qiye-zhuanqu", rule: "R99", subject: "swj", occurredOn: "2026-03-10") { result { id } errors { field code } } }',
            path=PATH,
        )
        assert body["data"]["recordIncident"]["errors"] == [{"field": "rule", "code": "UNKNOWN_RULE"}]
        # 附件3 第8项: 人员管理 needs each department's staff assessment — shown, and closing refuses
        facts = "query($p: ID!) { assessmentPeriod(id: $p) { postingMinDays missingInput incomplete { subject categories } } }"
        shown = ok(client, facts, {"p": period["id"]})
        assert shown["postingMinDays"] == 3 and shown["missingInput"] == "refuse"
        assert shown["incomplete"] == [
            {"subject": s, "categories": ["rygl"]} for s in ("rsj", "scjg", "swj", "ybj", "zjj", "zwfw")
        ]
        close = "mutation($p: ID!, $d: Int) { closePeriod(period: $p, postDays: $d) { result { status } errors { field code message } } }"
        _, body = gql(client, close, {"p": period["id"], "d": 3}, path=PATH)
        (error,) = body["data"]["closePeriod"]["errors"]
        assert (error["field"], error["code"]) == ("period", "INPUT_MISSING") and "旗公安局" not in error[
            "message"
        ]
        assert "国家税务总局乌审旗税务局：人员管理" in error["message"]
        for code in ("zwfw", "scjg", "zjj", "rsj", "ybj", "swj"):
            ok(
                client,
                'mutation($s: String!) { recordIncident(ruleSet: "qiye-zhuanqu", rule: "rygl", subject: $s, occurredOn: "2026-03-31", count: 100) { result { id } errors { code } } }',
                {"s": code},
            )
        assert ok(client, facts, {"p": period["id"]})["incomplete"] == []
        # 附件3 四(二): 公示不少于3个工作日
        _, body = gql(client, close, {"p": period["id"], "d": 1}, path=PATH)
        assert [(e["field"], e["code"]) for e in body["data"]["closePeriod"]["errors"]] == [
            ("postDays", "POSTING_TOO_SHORT")
        ]
        closed = ok(
            client,
            "mutation($p: ID!) { closePeriod(period: $p, postDays: 3) { result { status postedUntil } errors { code } } }",
            {"p": period["id"]},
        )["result"]
        assert closed == {"status": "POSTED", "postedUntil": "2026-04-07"}
        ranking = ok(
            client,
            "query($p: ID!) { ranking(period: $p) { subject total rank categories } }",
            {"p": period["id"]},
        )
        assert ranking[-1] == {
            "subject": "swj",
            "total": "95.00",
            "rank": 6,
            "categories": {"gzsx": "35.00", "zfjs": "10.00", "rygl": "40.00", "xtph": "10.00"},
        }
        behind = nodes(
            ok(
                client,
                'query($p: ID!) { incidents(first: 100, period: $p, subject: "swj") { edges { node { rule note evidence } } } }',
                {"p": period["id"]},
            )
        )
        assert behind == [
            {"rule": "R3", "note": "私自接件", "evidence": ["photo-0310.jpg"]},
            {"rule": "rygl", "note": "", "evidence": []},
        ]
    with clock.frozen_at("2026-04-02 10:00"):
        client.force_login(member_of(wushen, Role.APPROVER))
        objection = ok(
            client,
            'mutation($p: ID!) { fileObjection(period: $p, subject: "swj", text: "非本局人员所为") { result { id } errors { code } } }',
            {"p": period["id"]},
        )["result"]
        client.force_login(member_of(wushen, Role.SUPERVISOR))
        ok(
            client,
            'mutation($o: ID!, $i: ID!) { decideObjection(objection: $o, upheld: true, decision: "核实成立", withdraw: [$i]) { result { upheld } errors { code } } }',
            {"o": objection["id"], "i": incident["id"]},
        )
        ranking = ok(
            client, "query($p: ID!) { ranking(period: $p) { subject total rank } }", {"p": period["id"]}
        )
        assert {r["total"] for r in ranking} == {"100.00"} and {r["rank"] for r in ranking} == {1}
    with clock.frozen_at("2026-04-08 10:00"):
        assert ok(
            client,
            "mutation($p: ID!) { finalizePeriod(period: $p) { result { status } errors { code } } }",
            {"p": period["id"]},
        )["result"] == {"status": "FINAL"}
        scores = ok(
            client, 'query { annualScores(ruleSet: "qiye-zhuanqu", year: 2026) { subject score periods } }'
        )
        assert {s["score"] for s in scores} == {"100.00"}


def test_guides_do_not_record_incidents(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member_of(wushen, Role.GUIDE))
    _, body = gql(
        client,
        'mutation { recordIncident(ruleSet: "qiye-zhuanqu", rule: "R3", subject: "swj", occurredOn: "2026-03-10") { errors { code } } }',
        path=PATH,
    )
    assert body["data"]["recordIncident"]["errors"] == [{"code": "PERMISSION_DENIED"}]


def test_the_weekly_table_downloads_as_excel(client: Client, tongxu) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt
    import io

    from django.db import connection
    from openpyxl import load_workbook

    from onewindow.tenants.scoring.services import close_period, open_period, record_incident

    connection.set_tenant(tongxu)
    period = open_period("chuangkou-zhou", dt.date(2026, 3, 4), actor="hjg")
    record_incident(
        "chuangkou-zhou", rule="4.10", subject="rsj", occurred_on=dt.date(2026, 3, 4), actor="hjg"
    )
    close_period(period.pk, actor="hjg")
    client.force_login(member_of(tongxu, Role.SUPERVISOR))
    response = client.get(f"/c/410222/assessments/{period.pk}.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "通许县政务服务窗口单位周考核 2026年第10周（03月02日—03月08日）通报"
    assert [c.value for c in sheet[3]][:3] == [
        "名次",
        "考核对象",
        "政务服务各项工作流程、营商环境评价推进情况（20分）",
    ]
    last = [c.value for c in sheet[sheet.max_row]]
    assert last[:2] == [4, "县人力资源和社会保障局"] and last[-2] == 98.0
