"""群众 pages with no login: 办事指南, status lookup by number and phone tail, the receipt page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client

from tests.bff.helpers import get

pytestmark = pytest.mark.django_db


def test_the_public_guide_lists_the_catalog_and_an_items_guide(wushen) -> None:  # type: ignore[no-untyped-def]
    anonymous = Client()
    page = get(anonymous, "/c/150626/guide/?search=gs").content.decode()
    assert "办事指南" in page and "QY-SL" in page
    item = get(anonymous, "/c/150626/guide/QY-SL/")
    html = item.content.decode()
    assert item.status_code == 200 and "申请材料" in html and "公司章程" in html and "免提交" in html
    assert get(anonymous, "/c/150626/guide/NOPE/").status_code == 404


def test_status_lookup_needs_the_number_and_the_phone_tail(wushen) -> None:  # type: ignore[no-untyped-def]
    from tests.tenants.cases_helpers import receive

    connection.set_tenant(wushen)
    case = receive()
    anonymous = Client()
    found = get(anonymous, f"/c/150626/status/?number={case.number}&phone_tail=9000").content.decode()
    assert "已收件" in found and case.number in found and "13900139000" not in found
    wrong = get(anonymous, f"/c/150626/status/?number={case.number}&phone_tail=1234").content.decode()
    assert "没有查到" in wrong and "已收件" not in wrong
    other_county = get(anonymous, f"/c/331081/status/?number={case.number}&phone_tail=9000").content.decode()
    assert "没有查到" in other_county


def test_the_receipt_page_shows_what_to_fix_while_waiting_for_correction(wushen) -> None:  # type: ignore[no-untyped-def]
    from onewindow.tenants.cases.links import case_token
    from onewindow.tenants.cases.services import issue_correction_notice
    from tests.tenants.cases_helpers import receive

    connection.set_tenant(wushen)
    case = receive(provided=("sqs", "zs"))
    issue_correction_notice(
        case.number,
        version=case.version,
        entries=[{"code": "zc", "fix": "请补交公司章程原件"}],
        actor="clerk",
    )
    html = get(Client(), f"/c/150626/r/{case_token(case)}").content.decode()
    assert "请补正以下材料" in html and "公司章程" in html and "请补交公司章程原件" in html
    assert "请您评价本次服务" not in html
