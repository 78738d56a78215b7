"""综合出件 page (issue 17): 温岭 002 三(二) "对即办件，当场办结后由窗口直接发证送达" — the page
offers the window that received and decided a 即办件 besides the 统一出件窗口, and issuing there
works; in 通许 (no such rule) the same kind of case offers the issuance window only."""

from __future__ import annotations

import pytest
from django.db import connection

from onewindow.platform.accounts.roles import Role
from onewindow.platform.core import clock
from onewindow.tenants.cases.models import Case, CaseStatus
from onewindow.tenants.cases.services import accept_case
from tests.bff.helpers import get, logged_in, post
from tests.tenants.cases_helpers import COMPANY, receive

pytestmark = pytest.mark.django_db


def _decided(item: str, window: str) -> Case:
    with clock.frozen_at("2026-11-04 10:00"):
        case = receive(item, provided=[], window=window, applicant=COMPANY)
        return accept_case(case.number, version=case.version, actor="clerk")  # 即办件: decided at once


def test_wenling_offers_the_deciding_window_and_issues_there(wenling) -> None:  # type: ignore[no-untyped-def]
    connection.set_tenant(wenling)
    case = _decided("XM-BA", "ZH01")
    assert case.status == CaseStatus.APPROVED
    clerk = logged_in(wenling, Role.INTAKE_CLERK)
    page = get(clerk, "/c/331081/issuance/").content.decode()
    assert '<option value="ZH01">ZH01 受理窗口直接出件</option>' in page
    done = post(
        clerk,
        f"/c/331081/issuance/{case.number}/issue",
        {"version": str(case.version), "window": "ZH01", "delivery": "pickup"},
    )
    assert done.status_code == 302
    connection.set_tenant(wenling)
    case.refresh_from_db()
    assert case.status == CaseStatus.ISSUED and case.issuance.window.code == "ZH01"


def test_tongxu_offers_the_issuance_window_only(tongxu) -> None:  # type: ignore[no-untyped-def]
    connection.set_tenant(tongxu)
    _decided("SB-DW", "FL-SB")
    page = get(logged_in(tongxu, Role.INTAKE_CLERK), "/c/410222/issuance/").content.decode()
    assert "CJ 综合出件窗口" in page and "受理窗口直接出件" not in page
