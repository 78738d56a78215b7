"""Chains edited through the county API; flagged subjects listed; catalog changes watched."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client

from onewindow.platform.accounts.roles import Role
from onewindow.platform.core import clock
from onewindow.tenants.catalogchanges.services import report_catalog_change
from onewindow.tenants.escalation.models import Watch
from onewindow.tenants.escalation.services import scan
from onewindow.tenants.policy.services import save_settings
from tests.factories import member_of
from tests.graphql.helpers import county_path, gql, nodes

pytestmark = pytest.mark.django_db
PATH = county_path("150626")

SAVE = """
mutation($input: ChainInput!) { saveChain(input: $input) { entry { code version levels } version errors { field code } } }"""


def test_a_county_admin_edits_a_chain_and_gets_a_new_version(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member_of(wushen, Role.COUNTY_ADMIN))
    _, body = gql(client, "{ chains { code subject version levels } }", path=PATH)
    chains = {c["code"]: c for c in body["data"]["chains"]}
    assert (chains["sanji-tixing"]["subject"], chains["sanji-tixing"]["version"]) == ("CASE", 1)
    assert chains["bangban-tousu"]["subject"] == "ASSISTANCE_COMPLAINT"
    chain_input = {
        "code": "mulu",
        "name": "目录调整督办",
        "subject": "catalog_change",
        "levels": [
            {
                "name": "调整超期",
                "trigger": {"offset": 1},
                "target": {"kind": "centre"},
                "actions": ["notify", "flag", "score"],
            }
        ],
    }
    _, body = gql(client, SAVE, {"input": chain_input}, path=PATH)
    assert body["data"]["saveChain"]["errors"] == [] and body["data"]["saveChain"]["entry"]["version"] == 1
    chain_input["levels"][0]["trigger"] = {"offset": 2}
    _, body = gql(client, SAVE, {"input": chain_input}, path=PATH)
    assert body["data"]["saveChain"]["entry"]["version"] == 2
    bad = {
        **chain_input,
        "levels": [{"name": "x", "trigger": {"offset": 1}, "target": {"kind": "team", "value": "nobody"}}],
    }
    _, body = gql(client, SAVE, {"input": bad}, path=PATH)
    assert body["data"]["saveChain"]["errors"] == [
        {"field": "input.levels[0].target.value", "code": "UNKNOWN_REFERENCE"}
    ]


def test_catalog_changes_are_watched_and_overdue_ones_flagged(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member_of(wushen, Role.COUNTY_ADMIN))
    chain = {
        "code": "mulu",
        "name": "目录调整督办",
        "subject": "catalog_change",
        "levels": [
            {
                "name": "调整超期",
                "trigger": {"offset": 1},
                "target": {"kind": "centre"},
                "actions": ["notify", "flag"],
            }
        ],
    }
    gql(client, SAVE, {"input": chain}, path=PATH)
    connection.set_tenant(wushen)
    # 乌审旗's seeds set no catalog-change limit: the county gives itself 通许's (004 第十二条)
    save_settings("catalog_changes", {"report_within_days": 3, "apply_within_days": 7}, actor="admin")
    with clock.frozen_at("2026-03-02 10:00"):
        request = report_catalog_change(
            department="scjg", summary="登记细则修订", rule_published_on=dt.date(2026, 3, 2), actor="scjg"
        )
    assert request.apply_due == dt.date(2026, 3, 11)
    assert scan(dt.datetime(2026, 3, 12, 9, 5, tzinfo=clock.COUNTY_TZ)) == 1
    _, body = gql(
        client,
        "{ flagged(first: 100) { edges { node { subjectType subjectLabel chainCode levelsFired } } } }",
        path=PATH,
    )
    assert nodes(body["data"]["flagged"]) == [
        {
            "subjectType": "CatalogChangeRequest",
            "subjectLabel": "目录调整 登记细则修订",
            "chainCode": "mulu",
            "levelsFired": 1,
        }
    ]
    assert Watch.objects.get().resolved_at is None
