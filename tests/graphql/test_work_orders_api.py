"""差评 work orders through the county API, and the reviewer's follow-up through the receipt link."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from onewindow.platform.accounts.roles import Role
from onewindow.tenants.cases.links import case_token
from onewindow.tenants.cases.services import refuse_case
from onewindow.tenants.reviews.services import submit_review
from tests.factories import member_of
from tests.graphql.helpers import county_path, gql, nodes
from tests.tenants.cases_helpers import receive

pytestmark = pytest.mark.django_db
PATH = county_path("150626")


def bad_case(wushen):  # type: ignore[no-untyped-def]
    connection.set_tenant(wushen)
    case = receive()
    case = refuse_case(case.number, version=case.version, reason="测试", actor="clerk")
    submit_review(case.number, level=1, channel="qr", actor=None)
    return case


def test_the_loop_through_the_api(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    case = bad_case(wushen)
    client.force_login(member_of(wushen, Role.APPROVER))
    _, body = gql(
        client,
        "{ workOrders(first: 100, status: OPEN) { edges { node { number version departmentCode reviewLevel caseNumber } } } workOrderCallbackRate }",
        path=PATH,
    )
    (order,) = nodes(body["data"]["workOrders"])
    assert (order["departmentCode"], order["reviewLevel"], order["caseNumber"]) == ("scjg", 1, case.number)
    assert body["data"]["workOrderCallbackRate"] == 0.0
    _, body = gql(
        client,
        'mutation($n: String!, $v: Int!) { recordCallback(number: $n, version: $v, note: "已电话回访", verified: true) { order { status version } errors { code } } }',
        {"n": order["number"], "v": order["version"]},
        path=PATH,
    )
    order = {**order, **body["data"]["recordCallback"]["order"]}
    _, body = gql(
        client,
        'mutation($n: String!, $v: Int!) { classifyWorkOrder(number: $n, version: $v, classification: "fix_now") { order { status version } errors { code } } }',
        {"n": order["number"], "v": order["version"]},
        path=PATH,
    )
    order = {**order, **body["data"]["classifyWorkOrder"]["order"]}
    assert order["status"] == "RECTIFYING"
    _, body = gql(
        client,
        'mutation($n: String!, $v: Int!) { reportRectification(number: $n, version: $v, report: "已当场更正") { order { status } errors { code } } }',
        {"n": order["number"], "v": order["version"]},
        path=PATH,
    )
    assert body["data"]["reportRectification"]["order"]["status"] == "RECTIFIED"
    client.logout()
    connection.set_tenant(wushen)
    token = case_token(case)
    _, body = gql(
        client,
        "mutation($t: String!) { submitFollowUpRating(token: $t, level: 4) { archived errors { code } } }",
        {"t": token},
        path=PATH,
    )
    assert body["data"]["submitFollowUpRating"] == {"archived": True, "errors": []}


def test_guides_do_not_handle_work_orders(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member_of(wushen, Role.GUIDE))
    _, body = gql(client, "{ workOrders(first: 100) { edges { node { number } } } }", path=PATH)
    assert body["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"


def test_the_list_costs_the_same_however_long(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    bad_case(wushen)
    client.force_login(member_of(wushen, Role.SUPERVISOR))

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            _, body = gql(
                client,
                "{ workOrders(first: 100) { edges { node { number departmentCode reviewLevel caseNumber } } } }",
                path=PATH,
            )
        assert "errors" not in body
        return len(ctx.captured_queries)

    one = count()
    for _ in range(5):
        bad_case(wushen)
    assert count() == one
