"""12345 工单 and 首问负责 in pages: what each form does on the edge (a 退单 without reason, a
stale version, a role without the right), beyond the browser walk (tests/browser/test_hotline_flow.py)."""

from __future__ import annotations

import pytest
from django.db import connection

from onewindow.platform.accounts.roles import Role
from onewindow.platform.core import clock
from onewindow.tenants.hotline.models import HotlineOrder, HotlineStatus
from onewindow.tenants.hotline.services import receive_order
from tests.bff.helpers import get, logged_in, post
from tests.tenants.test_hotline import body

pytestmark = pytest.mark.django_db
TX = "/c/410222"


def test_return_needs_a_reason_then_the_centre_redispatches(tongxu) -> None:  # type: ignore[no-untyped-def]
    connection.set_tenant(tongxu)
    with clock.frozen_at("2026-03-02 10:00"):
        order, _ = receive_order(body(), idempotency_key="k-page", actor="hotline12345")
    supervisor = logged_in(tongxu, Role.SUPERVISOR)
    listing = get(supervisor, f"{TX}/manage/hotline/").content.decode()
    assert order.number in listing and "待签收" in listing
    url = f"{TX}/manage/hotline/{order.number}/"
    refused = post(supervisor, f"{url}return", {"version": order.version, "reason": ""})
    assert refused.status_code == 400 and "REQUIRED" in refused.content.decode()
    assert (
        post(supervisor, f"{url}return", {"version": order.version, "reason": "非本局职责"}).status_code
        == 302
    )
    order.refresh_from_db()
    assert order.status == HotlineStatus.RETURNED
    page = get(supervisor, url).content.decode()
    assert "非本局职责" in page and "改派" in page
    assert (
        post(supervisor, f"{url}dispatch", {"version": order.version, "department": "zsj"}).status_code == 302
    )
    stale = post(supervisor, f"{url}sign", {"version": order.version})
    assert stale.status_code == 400 and "CONCURRENT_EDIT" in stale.content.decode()
    order.refresh_from_db()
    assert (order.status, order.department.code) == (HotlineStatus.RECEIVED, "zsj")
    assert post(supervisor, f"{url}fallback", {}).status_code == 302
    order = HotlineOrder.objects.get(pk=order.pk)
    assert order.fallback_cases.count() == 1
    assert order.fallback_cases.get().number in get(supervisor, url).content.decode()


def test_who_sees_what(tongxu) -> None:  # type: ignore[no-untyped-def]
    clerk = logged_in(tongxu, Role.INTAKE_CLERK)
    assert get(clerk, f"{TX}/manage/hotline/").status_code == 403
    assert get(clerk, f"{TX}/consultations/").status_code == 200
    leader = logged_in(tongxu, Role.LEADER)
    assert get(leader, f"{TX}/consultations/").status_code == 403


def test_the_window_desks_first_asked_link_prefills_the_form(tongxu) -> None:  # type: ignore[no-untyped-def]
    guide = logged_in(tongxu, Role.GUIDE)
    page = get(
        guide, f"{TX}/consultations/?channel=window&window=YSJB&visitRef=T001-20260302"
    ).content.decode()
    assert '<option value="window" selected>' in page and '<option value="YSJB" selected>' in page
    assert 'value="T001-20260302"' in page
