"""The 12345 inbound API over the whole middleware stack (docs/hotline-api.md), and the
order's steps through GraphQL: a county token of an account that may receive (督查人员 —
温岭 002 三(二): the centre's 督查科 takes the hotline's transfers); the same Idempotency-Key
twice is one order; every refusal a typed error, never a 500."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from onewindow.platform.accounts.roles import Role
from onewindow.platform.accounts.services import issue_api_token
from onewindow.platform.core import clock
from onewindow.tenants.audit.models import AuditEvent
from onewindow.tenants.hall.models import Department
from onewindow.tenants.hotline.models import HotlineOrder
from tests.factories import bulk, member_of
from tests.graphql.helpers import county_path, gql, nodes
from tests.graphql.test_list_query_counts import same_at_10_and_100

pytestmark = pytest.mark.django_db
URL = "/c/410222/api/12345/orders"
BODY = {
    "hotlineNumber": "KF20260302000777",
    "kind": "help",
    "title": "企业开办咨询无人答复",
    "content": "来电人称企业开办窗口电话无人接听。",
    "applicant": {"name": "李先生", "phone": "13903781234"},
    "dispatchedAt": "2026-03-02T09:40:00+08:00",
    "department": "scjg",
}


@pytest.fixture
def tongxu_token(tongxu):  # type: ignore[no-untyped-def]
    user = member_of(tongxu, Role.SUPERVISOR, username="hotline12345")
    return issue_api_token(user, tongxu, "12345 平台").secret


def post(
    client: Client, body: Any, *, token: str | None, key: str | None = "key-1", raw: bytes | None = None
) -> Any:
    headers: dict[str, str] = {}
    if token:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    if key is not None:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    before = getattr(connection, "tenant", None)
    response = client.post(
        URL, data=raw if raw is not None else json.dumps(body), content_type="application/json", **headers
    )
    if before is not None:
        connection.set_tenant(before)
    return response


def test_one_key_is_one_order_over_http(client: Client, tongxu: Any, tongxu_token: str) -> None:
    with clock.frozen_at("2026-03-02 10:00"):
        first = post(client, BODY, token=tongxu_token)
        again = post(client, BODY, token=tongxu_token)
    assert (first.status_code, first["Idempotent-Replayed"]) == (201, "false")
    assert (again.status_code, again["Idempotent-Replayed"]) == (200, "true")
    order = first.json()["order"]
    assert again.json()["order"] == order
    assert order["status"] == "received" and order["step"] == "sign" and order["department"] == "scjg"
    assert order["stepDueOn"] == "2026-03-03"  # example data: 签收 within 1 working day
    assert order["applicantPhone"] == "139****1234"  # masked in the answer
    assert first["Location"] == f"/c/410222/manage/hotline/{order['number']}/"
    connection.set_tenant(tongxu)
    assert HotlineOrder.objects.count() == 1

    other = post(client, {**BODY, "title": "改了标题"}, token=tongxu_token)
    assert (
        other.status_code == 409
        and other.json()["errors"][0]["extensions"]["code"] == "IDEMPOTENCY_KEY_REUSED"
    )
    dup = post(client, BODY, token=tongxu_token, key="key-2")
    assert (
        dup.status_code == 409 and dup.json()["errors"][0]["extensions"]["code"] == "DUPLICATE_HOTLINE_NUMBER"
    )


def test_refusals_are_typed(client: Client, tongxu: Any, tongxu_token: str, wushen: Any) -> None:
    def code(response: Any) -> tuple[int, str]:
        return response.status_code, response.json()["errors"][0]["extensions"]["code"]

    assert code(post(client, BODY, token=None)) == (401, "UNAUTHENTICATED")
    assert code(post(client, BODY, token="ow_nope_nope")) == (401, "INVALID_TOKEN")
    clerk = member_of(tongxu, Role.INTAKE_CLERK)
    assert code(post(client, BODY, token=issue_api_token(clerk, tongxu, "x").secret)) == (
        403,
        "PERMISSION_DENIED",
    )
    elsewhere = member_of(wushen, Role.SUPERVISOR)
    assert code(post(client, BODY, token=issue_api_token(elsewhere, wushen, "x").secret)) == (
        403,
        "TOKEN_SCOPE_MISMATCH",
    )
    assert code(post(client, BODY, token=tongxu_token, key=None)) == (400, "IDEMPOTENCY_KEY_REQUIRED")
    assert code(post(client, None, token=tongxu_token, raw=b"{not json")) == (400, "INVALID_JSON")
    assert code(post(client, ["a"], token=tongxu_token)) == (400, "INVALID_BODY")
    bad = post(client, {**BODY, "kind": "gossip", "department": "nope"}, token=tongxu_token)
    assert bad.status_code == 422
    assert {e["extensions"]["field"]: e["extensions"]["code"] for e in bad.json()["errors"]} == {
        "kind": "INVALID_CHOICE",
        "department": "NOT_FOUND",
    }
    assert client.get(URL, HTTP_AUTHORIZATION=f"Bearer {tongxu_token}").status_code == 405
    connection.set_tenant(tongxu)
    assert HotlineOrder.objects.count() == 0


def test_the_steps_through_graphql(client: Client, tongxu: Any, tongxu_token: str) -> None:
    with clock.frozen_at("2026-03-02 10:00"):
        number = post(client, BODY, token=tongxu_token).json()["order"]["number"]
        step = "mutation($n: String!, $v: Int!) { signHotlineOrder(number: $n, version: $v) { errors { code } order { status stepDueOn version } } }"
        _, data = gql(client, step, {"n": number, "v": 1}, path=county_path("410222"), token=tongxu_token)
    signed = data["data"]["signHotlineOrder"]
    # example data: 办理 within 5 working days of Mon 3-02: 3-03 … 3-06, 3-09
    assert signed == {"errors": [], "order": {"status": "IN_HAND", "stepDueOn": "2026-03-09", "version": 2}}
    stale = gql(client, step.replace("signHotlineOrder", "signHotlineOrder"), {"n": number, "v": 1},
                path=county_path("410222"), token=tongxu_token)[1]  # fmt: skip
    assert stale["data"]["signHotlineOrder"]["errors"] == [{"code": "CONCURRENT_EDIT"}]
    listing = "{ hotlineOrders(first: 10) { totalCount edges { node { number step overdue departmentName timeline { action } } } } }"
    with clock.frozen_at("2026-03-10 10:00"):
        _, data = gql(client, listing, path=county_path("410222"), token=tongxu_token)
    (node,) = nodes(data["data"]["hotlineOrders"])
    assert (node["number"], node["step"], node["overdue"], node["departmentName"]) == (
        number,
        "HANDLE",
        True,
        "县市场监督管理局",
    )
    assert [e["action"] for e in node["timeline"]] == ["hotline.received", "hotline.signed"]


def test_the_list_costs_the_same_sql_at_10_and_100(client: Client, tongxu: Any) -> None:
    connection.set_tenant(tongxu)
    client.force_login(member_of(tongxu, Role.SUPERVISOR))
    department = Department.objects.live().get(code="rsj")
    orders = bulk(
        HotlineOrder,
        100,
        number=lambda i: f"RX-{i:04d}",
        hotline_number=lambda i: f"KF-{i:04d}",
        idempotency_key=lambda i: f"bulk-{i}",
        request_hash="x",
        kind="help",
        title="批量工单",
        content="内容",
        dispatched_at=clock.now(),
        received_at=clock.now(),
        received_by="hotline12345",
        department=department,
        step="sign",
        step_due_on=dt.date(2026, 3, 3),
    )
    AuditEvent.objects.bulk_create(
        AuditEvent(
            occurred_at=clock.now(),
            action="hotline.received",
            subject_type="HotlineOrder",
            subject_id=str(o.pk),
        )
        for o in orders
    )
    same_at_10_and_100(
        client,
        "hotlineOrders",
        "number applicantPhone overdue flagged departmentCode departmentName fallbackNumbers timeline { action }",
        path=county_path("410222"),
    )
