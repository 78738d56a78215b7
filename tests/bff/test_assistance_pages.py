"""帮办代办 in pages: take a request, print the 委托书 and 回执, hand over, a refused and an
accepted acknowledgement, the compliance page, the ledger and its Excel file, the public
tracking page; another county's user gets nothing."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from openpyxl import load_workbook

from onewindow.platform.accounts.roles import Role
from tests.bff.helpers import get, logged_in, post
from tests.pdf_helpers import qr_links

pytestmark = pytest.mark.django_db
BASE = "/c/150626/assistance/"


def _take(client):  # type: ignore[no-untyped-def]
    return post(
        client,
        f"{BASE}take",
        {
            "siteAgent": "galutu-v1|S014",
            "applicantName": "张三",
            "items": ["MS-YL"],
            "materials": "居民身份证\n户口簿",
            "consent": "1",
        },
    )


def test_an_agent_takes_prints_and_hands_over_and_the_township_acknowledges(wushen) -> None:  # type: ignore[no-untyped-def]
    from onewindow.tenants.assistance.models import AssistanceRequest

    agent = logged_in(wushen, Role.AGENT)
    page = get(agent, BASE).content.decode()
    assert "嘎鲁图镇某社区便民服务站 · 高娜（三委班子成员）" in page
    answer = _take(agent)
    connection.set_tenant(wushen)
    request = AssistanceRequest.objects.get()
    assert answer.status_code == 302 and answer["Location"].endswith(f"/assistance/r/{request.number}/")
    for which in ("mandate", "receipt"):
        pdf = get(agent, f"{BASE}{request.number}/{which}.pdf")
        assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
        [track] = qr_links(pdf.content, f"assistance-{which}")  # saved as PNG for review
        assert "/c/150626/" in track
    detail = get(agent, f"{BASE}r/{request.number}/").content.decode()
    assert "移交至嘎鲁图镇便民服务中心" in detail
    post(agent, f"{BASE}r/{request.number}/hand-over", {"materials": ["居民身份证", "户口簿"]})
    refused = post(agent, f"{BASE}r/{request.number}/acknowledge", {"acknowledged": ["居民身份证"]})
    assert refused.status_code == 400 and "户口簿" in refused.content.decode()
    connection.set_tenant(wushen)
    assert AssistanceRequest.objects.get().current_site.code == "galutu-v1"
    post(agent, f"{BASE}r/{request.number}/acknowledge", {"acknowledged": ["居民身份证", "户口簿"]})
    connection.set_tenant(wushen)
    assert AssistanceRequest.objects.get().current_site.code == "galutu"
    track = get(agent, f"{BASE}r/{request.number}/").content.decode()
    assert "接收确认" in track and "移交至乌审旗政务服务中心" in track


def test_compliance_ledger_and_excel(wushen, wenling) -> None:  # type: ignore[no-untyped-def]
    manager = logged_in(wushen, Role.CENTRE_MANAGER)
    _take(manager)
    page = get(manager, f"{BASE}network/").content.decode()
    assert "各场所代办员均达到配备要求" in page and "有帮办代办窗口" in page
    from onewindow.platform.core import clock

    month = clock.today().strftime("%Y-%m")
    ledger = get(manager, f"{BASE}ledger/?site=galutu-v1&month={month}").content.decode()
    assert "张三" in ledger
    xlsx = get(manager, f"/c/150626/assistance/ledger.xlsx?site=galutu-v1&month={month}")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    text = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert (
        any("帮办代办工作台账" in t for t in text) and "张三" in text and any("受托 1 件" in t for t in text)
    )
    outsider = logged_in(wenling, Role.CENTRE_MANAGER)
    assert get(outsider, BASE).status_code in (403, 404)
