"""办不成事 board: register → classify → 交办单 → report → resolve → satisfied (销号), in pages."""

from __future__ import annotations

import pytest
from django.db import connection

from onewindow.platform.accounts.roles import Role
from onewindow.platform.core import clock
from tests.bff.helpers import get, logged_in, post

pytestmark = pytest.mark.django_db
BASE = "/c/331081/manage/fallback/"


def _version(number: str) -> int:
    from onewindow.tenants.fallback.models import FallbackCase

    return FallbackCase.objects.get(number=number).version


def test_the_closed_loop_through_the_board(wenling) -> None:  # type: ignore[no-untyped-def]
    connection.set_tenant(wenling)
    manager = logged_in(wenling, Role.CENTRE_MANAGER, Role.INTAKE_CLERK)
    assert "办不成事" in get(manager, BASE).content.decode()
    with clock.frozen_at("2026-03-02 10:00"):
        done = post(
            manager,
            f"{BASE}register",
            {
                "channel": "fallback_window",
                "window": "DB01",
                "applicantName": "陈先生",
                "applicantPhone": "13800138000",
                "summary": "新业态无对应事项",
                "departments": ["scjg"],
            },
        )
        assert done.status_code == 302, done.content.decode()[:1500]
        case_url = done["Location"]
        number = case_url.rstrip("/").rsplit("/", 1)[-1]
        assert (
            post(manager, f"{case_url}classify", {"version": _version(number), "tier": "hard"}).status_code
            == 302
        )
        assert (
            post(
                manager,
                f"{case_url}assign",
                {
                    "version": _version(number),
                    "department": "scjg",
                    "dueOn": "2026-03-13",
                    "responsible": "王建",
                    "matter": "研究登记路径",
                    "leader": "分管副市长",
                },
            ).status_code
            == 302
        )
    page = get(manager, case_url).content.decode()
    assert "交办单 PDF" in page and "研究登记路径" in page
    from onewindow.tenants.fallback.models import Assignment

    sheet = Assignment.objects.get(case__number=number).number
    assert (
        post(manager, f"{case_url}report", {"assignment": sheet, "completion": "已明确办理路径"}).status_code
        == 302
    )
    refused = post(manager, f"{case_url}close", {})
    assert refused.status_code == 400 and "APPLICANT_NOT_SATISFIED" in refused.content.decode()
    assert (
        post(manager, f"{case_url}resolve", {"version": _version(number), "result": "已受理"}).status_code
        == 302
    )
    assert (
        post(
            manager, f"{case_url}opinion", {"version": _version(number), "satisfied": "1", "feedback": "满意"}
        ).status_code
        == 302
    )
    from onewindow.tenants.fallback.models import FallbackCase

    assert FallbackCase.objects.get(number=number).status == "closed"


def test_a_register_error_is_shown_in_the_dialog_and_nothing_is_recorded(wenling) -> None:  # type: ignore[no-untyped-def]
    connection.set_tenant(wenling)
    manager = logged_in(wenling, Role.CENTRE_MANAGER, Role.INTAKE_CLERK)
    response = post(
        manager, f"{BASE}register", {"channel": "hotline", "applicantName": "李", "summary": "热线转来"}
    )
    assert response.status_code == 400
    from onewindow.tenants.fallback.models import FallbackCase

    assert not FallbackCase.objects.filter(summary="热线转来").exists()
