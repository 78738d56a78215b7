"""容缺与告知承诺 and the result hand-over on the pages (view tests, one action each).

003 二(二)4 (告知承诺制和容缺受理); 000 第九条 (办理结果流转至综合出件窗口，办理交接手续后统一出件).
Dates on the 2026 calendar: accepted Wed 09-30, 国庆 10-01…10-07, Sat 10-10 a working day."""

from __future__ import annotations

import datetime as dt

import pytest
from graphql_relay import to_global_id

from onewindow.platform.accounts.roles import Role
from onewindow.platform.core import clock
from onewindow.tenants.cases.models import Case, Commitment
from onewindow.tenants.cases.services import accept_case, decide_case
from tests.bff.helpers import get, logged_in, post
from tests.tenants.cases_helpers import APPROVER_ROLES, post_approver, receive

pytestmark = pytest.mark.django_db
BASE = "/c/150626"
PLEDGE = "承诺在约定日期前提交消防安全检查合格意见"


def _accept_on_the_page(clerk, **extra):  # type: ignore[no-untyped-def]
    with clock.frozen_at("2026-09-30 10:00"):
        case = receive(provided=["sqs", "zc"])
        data = {
            "version": case.version,
            "tolerate": ["zs"],
            "tolerance_due_on": "2026-10-08",
            "pledge_content": PLEDGE,
            "pledge_due_on": "2026-10-10",
            **extra,
        }
        return case, post(clerk, f"{BASE}/intake/cases/{case.number}/accept", data)


def test_acceptance_captures_the_tolerated_material_and_the_pledge(wushen) -> None:  # type: ignore[no-untyped-def]
    clerk = logged_in(wushen, Role.INTAKE_CLERK)
    case, response = _accept_on_the_page(clerk)
    assert response.status_code == 302
    assert sorted(
        Commitment.objects.filter(case__number=case.number).values_list("content", "due_on")
    ) == sorted([("住所使用证明", dt.date(2026, 10, 8)), (PLEDGE, dt.date(2026, 10, 10))])
    with clock.frozen_at("2026-09-30 11:00"):
        page = get(clerk, f"{BASE}/intake/cases/{case.number}/").content.decode()
    assert "容缺与告知承诺" in page and PLEDGE in page and "2026-10-10" in page


def test_a_pledge_without_its_day_is_refused_beside_the_field(wushen) -> None:  # type: ignore[no-untyped-def]
    clerk = logged_in(wushen, Role.INTAKE_CLERK)
    case, response = _accept_on_the_page(clerk, pledge_due_on="")
    page = response.content.decode()
    assert response.status_code == 400 and "COMMITMENT_DUE_REQUIRED" in page
    assert Case.objects.get(number=case.number).status == "received"


def test_the_ledger_marks_the_overdue_and_takes_fulfilment_and_breach(wushen) -> None:  # type: ignore[no-untyped-def]
    clerk = logged_in(wushen, Role.INTAKE_CLERK)
    case, _ = _accept_on_the_page(clerk)
    zs = Commitment.objects.get(case__number=case.number, material_code="zs")
    pledge = Commitment.objects.get(case__number=case.number, kind="pledge")
    with clock.frozen_at("2026-10-09 10:00"):  # zs was due Thu 10-08; the pledge Sat 10-10
        page = get(clerk, f"{BASE}/manage/commitments/?show=overdue").content.decode()
        assert "住所使用证明" in page and "已逾期" in page and PLEDGE not in page
        refused = post(
            clerk, f"{BASE}/manage/commitments/{to_global_id('Commitment', pledge.pk)}/break", {"reason": ""}
        )
        assert refused.status_code == 400 and "REQUIRED" in refused.content.decode()
        done = post(
            clerk, f"{BASE}/manage/commitments/{to_global_id('Commitment', zs.pk)}/fulfil", {"note": "已补交"}
        )
        assert done.status_code == 302
        broken = post(
            clerk,
            f"{BASE}/manage/commitments/{to_global_id('Commitment', pledge.pk)}/break",
            {"reason": "无法取得"},
        )
        assert broken.status_code == 302
    assert set(Commitment.objects.filter(case__number=case.number).values_list("state", flat=True)) == {
        "fulfilled",
        "broken",
    }
    assert Case.objects.get(number=case.number).materials.get(code="zs").state == "provided"


def test_the_approver_hands_over_and_the_issuance_window_signs(wushen) -> None:  # type: ignore[no-untyped-def]
    post_approver("hsl", "scjg")
    approver = logged_in(wushen, Role.APPROVER, username="hsl")
    desk = logged_in(wushen, Role.INTAKE_CLERK)
    with clock.frozen_at("2026-09-30 10:00"):
        case = receive()
        case = accept_case(case.number, version=case.version, actor="clerk")
        decide_case(case.number, version=case.version, approve=True, actor="hsl", roles=APPROVER_ROLES)
        page = get(approver, f"{BASE}/approvals/cases/{case.number}/").content.decode()
        assert 'id="hand-over"' in page and "2026-10-08" in page  # one working day, 国庆 skipped
        assert post(approver, f"{BASE}/approvals/cases/{case.number}/hand-over", {}).status_code == 302
        ready = get(desk, f"{BASE}/issuance/").content.decode()
        assert "已移交" in ready and "签收" in ready
        assert post(desk, f"{BASE}/issuance/{case.number}/receive", {"window": "CJ01"}).status_code == 302
        ready = get(desk, f"{BASE}/issuance/").content.decode()
        assert "已签收" in ready
        timeline = get(desk, f"{BASE}/cases/{case.number}/").content.decode()
    assert "审批部门移交办理结果至综合出件窗口" in timeline and "综合出件窗口签收办理结果" in timeline


def test_the_county_admin_sets_the_hand_over_limit(wushen) -> None:  # type: ignore[no-untyped-def]
    """000 附件3 第6项 says "未及时" with no number: the limit is the county's, edited on 县级设置."""
    from onewindow.tenants.cases.policy import CASES

    admin = logged_in(wushen, Role.COUNTY_ADMIN)
    page = get(admin, f"{BASE}/admin/settings/").content.decode()
    assert 'name="resultHandoverWithinDays" value="1"' in page  # the preset's example value
    assert post(admin, f"{BASE}/admin/settings/cases", {"resultHandoverWithinDays": "2"}).status_code == 302
    assert CASES.export() == {"result_handover_within_days": 2}
    assert post(admin, f"{BASE}/admin/settings/cases", {"resultHandoverWithinDays": ""}).status_code == 302
    assert CASES.export() == {"result_handover_within_days": None}
    refused = post(admin, f"{BASE}/admin/settings/cases", {"resultHandoverWithinDays": "99"})
    assert refused.status_code == 400 and CASES.export() == {"result_handover_within_days": None}
