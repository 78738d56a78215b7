"""Edge cases of the pages found in review: each gets a clear answer, never a 500, and nothing
is recorded that the page did not offer."""

from __future__ import annotations

import base64

import pytest
from django.db import connection
from django.test import Client

from onewindow.platform.accounts.roles import Role
from tests.bff.helpers import get, logged_in, post

pytestmark = pytest.mark.django_db


def test_a_county_clerk_logging_in_on_the_platform_host_lands_in_the_county(wushen, wenling) -> None:  # type: ignore[no-untyped-def]
    clerk = logged_in(wushen, Role.INTAKE_CLERK)
    landing = get(clerk, "/")
    assert landing.status_code == 302 and landing["Location"] == "/c/150626/"
    from onewindow.platform.accounts.models import Membership

    Membership.objects.create(
        user=Membership.objects.get(county=wushen, roles=[Role.INTAKE_CLERK]).user,
        county=wenling,
        roles=[Role.APPROVER],
    )
    picker = get(clerk, "/").content.decode()
    assert "乌审旗" in picker and "温岭市" in picker and "选择县" in picker


def test_the_receipt_link_takes_no_review_before_the_case_is_decided(wushen) -> None:  # type: ignore[no-untyped-def]
    from onewindow.tenants.cases.links import case_token
    from onewindow.tenants.reviews.models import Review
    from tests.tenants.cases_helpers import receive

    connection.set_tenant(wushen)
    case = receive(provided=("sqs", "zs"))
    response = post(Client(), f"/c/150626/r/{case_token(case)}", {"level": "1"})
    assert response.status_code == 400 and "TOO_EARLY" in response.content.decode()
    assert not Review.objects.filter(case=case).exists()


def test_public_pages_serve_a_clerk_of_another_county_as_anyone(wushen, wenling) -> None:  # type: ignore[no-untyped-def]
    other = logged_in(wenling, Role.INTAKE_CLERK)
    assert get(other, "/c/150626/guide/").status_code == 200
    assert get(other, "/c/150626/status/?number=X&phone_tail=1234").status_code == 200


def test_forged_form_values_and_cursors_get_a_page_not_a_500(wushen) -> None:  # type: ignore[no-untyped-def]
    clerk = logged_in(wushen, Role.INTAKE_CLERK, Role.CENTRE_MANAGER)
    assert post(clerk, "/c/150626/intake/cases/NOPE/accept", {"version": "abc"}).status_code in (400, 404)
    cursor = base64.b64encode(b"arrayconnection:-10").decode()
    forged = get(clerk, f"/c/150626/cases/?after={cursor}")  # a cursor the API never made
    assert forged.status_code == 400 and "INVALID_CURSOR" in forged.content.decode()
    assert get(clerk, "/c/150626/cases/?search=a%00b").status_code == 400


def test_a_fallback_applicants_phone_shown_in_full_is_audited(wenling) -> None:  # type: ignore[no-untyped-def]
    from onewindow.tenants.audit.models import AuditEvent
    from onewindow.tenants.fallback.services import register_fallback

    connection.set_tenant(wenling)
    case = register_fallback(
        channel="fallback_window",
        summary="无对应事项",
        applicant_name="陈先生",
        applicant_phone="13800138000",
        departments=["scjg"],
        window="DB01",
        actor="guide",
    )
    manager = logged_in(wenling, Role.CENTRE_MANAGER)
    page = get(manager, f"/c/331081/manage/fallback/{case.number}/").content.decode()
    assert "13800138000" in page
    read = AuditEvent.objects.filter(action="pii.read", data__field="fallback_case.applicant_phone").get()
    assert read.data["ids"] == [case.pk]
