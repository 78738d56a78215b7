"""综合受理 pages: search, receive, one-time notice, accept (view tests, one action each)."""

from __future__ import annotations

import pytest

from onewindow.platform.accounts.roles import Role
from tests.bff.helpers import VALID_USCC, get, logged_in, post

pytestmark = pytest.mark.django_db
BASE = "/c/150626"


def _receive(client, **overrides):  # type: ignore[no-untyped-def]
    data = {
        "item": "QY-SL",
        "kind": "enterprise",
        "name": "乌审旗某某科技有限公司",
        "idNumber": VALID_USCC,
        "phone": "13900139000",
        "window": "ZC01",
        "provided": ["sqs", "zc", "zs"],
        "point_codes": ["rp1", "rp2", "rp3"],
        "points_passed": ["rp1", "rp2", "rp3"],
        "idempotency_key": "k-" + overrides.pop("key", "1"),
    }
    data.update(overrides)
    return post(client, f"{BASE}/intake/receive", data)


def test_an_anonymous_page_request_goes_to_the_login_page() -> None:
    from django.test import Client

    response = get(Client(), f"{BASE}/intake/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/c/150626/intake/")


def test_the_workbench_shows_the_clerks_menu_and_searches_the_catalog(wushen) -> None:  # type: ignore[no-untyped-def]
    clerk = logged_in(wushen, Role.INTAKE_CLERK)
    page = get(clerk, f"{BASE}/intake/").content.decode()
    assert "综合受理" in page and "乌审旗" in page and "后台审批" not in page
    found = get(clerk, f"{BASE}/intake/search?q=gs", HTTP_HX_REQUEST="true").content.decode()
    assert "QY-SL" in found or "设立" in found


def test_the_item_form_lists_materials_with_exempt_and_tolerance_marked(wushen) -> None:  # type: ignore[no-untyped-def]
    clerk = logged_in(wushen, Role.INTAKE_CLERK)
    page = get(clerk, f"{BASE}/intake/?item=QY-SL").content.decode()
    assert "公司章程" in page and "免提交" in page and "可容缺" in page
    assert "申请书须由法定代表人签署" in page  # 审查要点 to tick


def test_a_wrong_check_digit_is_shown_beside_the_field_and_nothing_is_recorded(wushen) -> None:  # type: ignore[no-untyped-def]
    clerk = logged_in(wushen, Role.INTAKE_CLERK)
    response = _receive(clerk, idNumber="91150626MA0N12345X", phone="1390013")
    page = response.content.decode()
    assert response.status_code == 400
    assert "INVALID_USCC" in page and "INVALID_PHONE" in page
    assert "乌审旗某某科技有限公司" in page  # the form keeps what was typed
    from onewindow.tenants.cases.models import Case

    assert not Case.objects.filter(applicant__name="乌审旗某某科技有限公司").exists()


def test_receive_then_accept(wushen) -> None:  # type: ignore[no-untyped-def]
    clerk = logged_in(wushen, Role.INTAKE_CLERK)
    response = _receive(clerk)
    assert response.status_code == 302, response.content.decode()[:2000]
    case_url = response["Location"]
    page = get(clerk, case_url).content.decode()
    assert "受理" in page and "已收件" in page
    number = case_url.rstrip("/").rsplit("/", 1)[-1]
    from onewindow.tenants.cases.models import Case

    version = Case.objects.get(number=number).version
    done = post(clerk, f"{case_url}accept", {"version": version})
    assert done.status_code == 302 and done["Location"].endswith("?print=accept")
    assert Case.objects.get(number=number).status == "accepted"
    # the receipt to print right away, and again from the case page
    page = get(clerk, done["Location"]).content.decode()
    assert f'id="print-receipt" href="{BASE}/cases/{number}/receipt.pdf"' in page
    assert f'href="{BASE}/cases/{number}/receipt.pdf?paper=80mm"' in page
    timeline = get(clerk, f"{BASE}/cases/{number}/").content.decode()
    assert f'id="case-receipt" href="{BASE}/cases/{number}/receipt.pdf"' in timeline
    receipt = get(clerk, f"{BASE}/cases/{number}/receipt.pdf")
    assert receipt.status_code == 200 and receipt["Content-Type"] == "application/pdf"


def test_refuse_then_print_the_refusal_notice(wushen) -> None:  # type: ignore[no-untyped-def]
    from onewindow.tenants.cases.models import Case

    clerk = logged_in(wushen, Role.INTAKE_CLERK)
    case_url = _receive(clerk, key="refuse")["Location"]
    number = case_url.rstrip("/").rsplit("/", 1)[-1]
    version = Case.objects.get(number=number).version
    done = post(
        clerk, f"{case_url}refuse", {"version": version, "reason": "不属于本机关职权范围", "remedies": ""}
    )
    assert done.status_code == 302 and done["Location"].endswith("?print=refuse")
    page = get(clerk, done["Location"]).content.decode()
    assert f'id="print-refusal" href="{BASE}/cases/{number}/refusal.pdf"' in page
    notice = get(clerk, f"{BASE}/cases/{number}/refusal.pdf")
    assert notice.status_code == 200 and notice.content.startswith(b"%PDF")


def test_missing_material_gives_one_notice_to_print(wushen) -> None:  # type: ignore[no-untyped-def]
    clerk = logged_in(wushen, Role.INTAKE_CLERK)
    response = _receive(clerk, provided=["sqs", "zs"], key="2")
    case_url = response["Location"]
    page = get(clerk, case_url).content.decode()
    assert "一次性告知" in page and "公司章程" in page
    number = case_url.rstrip("/").rsplit("/", 1)[-1]
    from onewindow.tenants.cases.models import Case

    version = Case.objects.get(number=number).version
    done = post(clerk, f"{case_url}notice", {"version": version, "codes": ["zc"], "fix_zc": "请补交公司章程"})
    assert done.status_code == 302 and "print=" in done["Location"]
    shown = get(clerk, done["Location"]).content.decode()
    assert ".pdf" in shown and "待补正" in shown


def test_a_member_of_another_county_gets_nothing(wenling) -> None:  # type: ignore[no-untyped-def]
    clerk = logged_in(wenling, Role.INTAKE_CLERK)
    response = get(clerk, f"{BASE}/intake/?item=QY-SL")
    assert response.status_code == 403
    assert "QY-SL" not in response.content.decode() and "公司章程" not in response.content.decode()


def test_a_browser_following_a_pdf_link_without_a_session_goes_to_the_login_page() -> None:
    from django.test import Client

    response = get(Client(), f"{BASE}/notices/X-G1.pdf", HTTP_ACCEPT="text/html,application/xhtml+xml")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/c/150626/notices/X-G1.pdf"
    assert get(Client(), f"{BASE}/assessments/1.xlsx", HTTP_ACCEPT="text/html")["Location"].startswith(
        "/accounts/login/"
    )


def test_the_workbench_lists_my_cases_of_today_only(wushen) -> None:  # type: ignore[no-untyped-def]
    from tests.tenants.cases_helpers import receive

    receive()  # received by someone else ("clerk")
    clerk = logged_in(wushen, Role.INTAKE_CLERK, username="ws-today")
    assert _receive(clerk, key="today").status_code == 302
    page = get(clerk, f"{BASE}/intake/").content.decode()
    assert "我今天的收件（1）" in page
