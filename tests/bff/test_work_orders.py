"""差评 work orders in pages: the list with the callback rate, then callback → classify → rectify."""

from __future__ import annotations

import pytest
from django.db import connection

from onewindow.platform.accounts.roles import Role
from tests.bff.helpers import get, logged_in, post

pytestmark = pytest.mark.django_db


def test_a_bad_review_is_called_back_classified_and_rectified(wushen) -> None:  # type: ignore[no-untyped-def]
    from onewindow.tenants.cases.services import accept_case
    from onewindow.tenants.reviews.services import submit_review
    from onewindow.tenants.workorders.models import WorkOrder
    from tests.tenants.cases_helpers import receive

    connection.set_tenant(wushen)
    case = receive()
    case = accept_case(case.number, version=case.version, actor="clerk")
    submit_review(case.number, level=1, channel="qr", actor=None)
    order = WorkOrder.objects.get()
    supervisor = logged_in(wushen, Role.SUPERVISOR)
    listing = get(supervisor, "/c/150626/manage/work-orders/").content.decode()
    assert order.number in listing and "差评回访率" in listing
    url = f"/c/150626/manage/work-orders/{order.number}/"
    assert (
        post(
            supervisor,
            f"{url}callback",
            {"version": order.version, "note": "电话回访，属实", "verified": "1"},
        ).status_code
        == 302
    )
    order.refresh_from_db()
    assert (
        post(
            supervisor,
            f"{url}classify",
            {"version": order.version, "classification": "explain", "explanation": "加强培训"},
        ).status_code
        == 302
    )
    order.refresh_from_db()
    assert (
        post(supervisor, f"{url}rectify", {"version": order.version, "report": "已组织培训"}).status_code
        == 302
    )
    order.refresh_from_db()
    assert order.status == "rectified" and order.rectification_report == "已组织培训"
    stale = post(supervisor, f"{url}rectify", {"version": 0, "report": "again"})
    assert stale.status_code == 400


def test_a_clerk_has_no_work_orders(wushen) -> None:  # type: ignore[no-untyped-def]
    clerk = logged_in(wushen, Role.INTAKE_CLERK)
    assert get(clerk, "/c/150626/manage/work-orders/").status_code == 403
