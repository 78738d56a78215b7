"""事项目录调整 (通许 004 第十二条): report within 3 working days, apply within 7, on the county
calendar — 通许's pack carries the two limits (a county whose rules set none has no clock)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client

from onewindow.platform.accounts.roles import Role
from onewindow.platform.core import clock
from onewindow.tenants.audit.models import AuditEvent
from tests.factories import member_of
from tests.graphql.helpers import county_path, gql, nodes

pytestmark = pytest.mark.django_db
PATH = county_path("410222")

REPORT = """
mutation {
  reportCatalogChange(department: "scjg", item: "SC-SL", summary: "登记管理实施细则修订",
                      rulePublishedOn: "2026-09-30", reportedOn: "2026-10-12") {
    request { id reportDue applyDue reportedLate status itemCode }
    errors { field code }
  }
}"""


def test_deadlines_follow_the_county_calendar(client: Client, tongxu) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member_of(tongxu, Role.COUNTY_ADMIN))
    with clock.frozen_at("2026-10-20 09:00"):
        _, body = gql(client, REPORT, path=PATH)
    request = body["data"]["reportCatalogChange"]["request"]
    # National Day: 10/1–10/7 off, Sat 10/10 worked → 3 working days after 9/30 is 10/10
    assert request["reportDue"] == "2026-10-10"
    assert request["reportedLate"] is True  # reported on 10/12
    assert request["applyDue"] == "2026-10-21"  # 7 working days after 10/12
    assert (request["status"], request["itemCode"]) == ("DUE", "SC-SL")

    with clock.frozen_at("2026-10-22 09:00"):
        _, body = gql(
            client,
            "{ catalogChangeRequests(first: 100, openOnly: true) { edges { node { id status } } } }",
            path=PATH,
        )
        assert nodes(body["data"]["catalogChangeRequests"]) == [{"id": request["id"], "status": "OVERDUE"}]
        _, body = gql(
            client,
            "mutation($id: ID!) { markCatalogChangeApplied(id: $id) { request { appliedOn status } errors { code } } }",
            {"id": request["id"]},
            path=PATH,
        )
    assert body["data"]["markCatalogChangeApplied"]["request"] == {
        "appliedOn": "2026-10-22",
        "status": "APPLIED_LATE",
    }
    connection.set_tenant(tongxu)
    assert AuditEvent.objects.filter(action__startswith="catalog_change.").count() == 2


def test_bad_reports_are_refused_with_the_field(client: Client, tongxu) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member_of(tongxu, Role.GUIDE))
    _, body = gql(
        client,
        'mutation { reportCatalogChange(department: "nope", summary: "x", rulePublishedOn: "2026-09-30") '
        "{ errors { field code } } }",
        path=PATH,
    )
    assert body["data"]["reportCatalogChange"]["errors"] == [{"field": "department", "code": "NOT_FOUND"}]
