"""首问负责 through the API: the consultation shows its first-asked, who is responsible now and
the chain of hand-ons (002 五(一)); the list's SQL does not grow with the page."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client

from onewindow.platform.accounts.roles import Role
from onewindow.platform.core import clock
from onewindow.tenants.audit.models import AuditEvent
from onewindow.tenants.consultations.models import Consultation, Handover
from onewindow.tenants.hall.models import StaffMember
from tests.factories import bulk, member_of
from tests.graphql.helpers import county_path, gql
from tests.graphql.test_list_query_counts import same_at_10_and_100

pytestmark = pytest.mark.django_db
PATH = county_path("410222")


@pytest.fixture
def guide(client: Client, tongxu: Any) -> Client:
    connection.set_tenant(tongxu)
    client.force_login(member_of(tongxu, Role.GUIDE, username="guide-desk"))
    return client


def test_record_hand_on_and_read_the_chain(guide: Client, tongxu: Any) -> None:
    record = """mutation { recordConsultation(topic: "公积金提取？", channel: "guide_desk", staff: "S001") {
      errors { field code } consultation { number version firstAsked { code } responsible { code } } } }"""
    with clock.frozen_at("2026-03-02 09:10"):
        _, data = gql(guide, record, path=PATH)
    made = data["data"]["recordConsultation"]
    assert made["errors"] == [] and made["consultation"]["responsible"] == {"code": "S001"}
    hand = """mutation($n: String!) { handOnConsultation(number: $n, version: 1, to: "S002", reason: "社保窗口更熟悉") {
      errors { code } consultation { firstAsked { name } responsible { name } handovers { fromStaff { name } toStaff { name } reason recordedBy } } } }"""
    _, data = gql(guide, hand, {"n": made["consultation"]["number"]}, path=PATH)
    assert data["data"]["handOnConsultation"] == {
        "errors": [],
        "consultation": {
            "firstAsked": {"name": "张敏"},
            "responsible": {"name": "李强"},
            "handovers": [
                {
                    "fromStaff": {"name": "张敏"},
                    "toStaff": {"name": "李强"},
                    "reason": "社保窗口更熟悉",
                    "recordedBy": "guide-desk",
                }
            ],
        },
    }
    _, again = gql(guide, hand, {"n": made["consultation"]["number"]}, path=PATH)
    assert again["data"]["handOnConsultation"]["errors"] == [{"code": "CONCURRENT_EDIT"}]


def test_the_list_costs_the_same_sql_at_10_and_100(guide: Client) -> None:
    one, two = StaffMember.objects.live().filter(code__in=["S001", "S002"]).order_by("code")
    rows = bulk(
        Consultation,
        100,
        number=lambda i: f"ZX-{i:04d}",
        asked_at=clock.now(),
        channel="guide_desk",
        topic="咨询",
        first_asked=one,
        responsible=two,
    )
    bulk(
        Handover,
        100,
        consultation=lambda i: rows[i],
        from_staff=one,
        to_staff=two,
        reason="转",
        handed_at=clock.now(),
        recorded_by="x",
    )
    assert not AuditEvent.objects.filter(subject_type="Consultation").exists()
    same_at_10_and_100(
        guide,
        "consultations",
        "number firstAsked { name } responsible { name } windowCode handovers { fromStaff { name } toStaff { name } }",
        path=PATH,
    )
