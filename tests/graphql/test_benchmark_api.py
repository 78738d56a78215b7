"""跨县对标 through the API: the province's league table (fair ranks, targets, change, peer
groups), and a county that sees itself by name and its peers anonymised until published."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client

from onewindow.platform.accounts.roles import Role
from onewindow.platform.benchmarks.models import CountyTarget, DailyFact
from onewindow.platform.counties.models import County
from tests.factories import member_of
from tests.graphql.helpers import county_path, gql

pytestmark = pytest.mark.django_db
WEEK = dt.date(2026, 11, 16)  # Monday
TABLE = """
query($metric: String!, $day: Date, $province: String, $peer: PeerGroup, $around: String) {
  leagueTable(metric: $metric, period: WEEK, day: $day, province: $province, peerGroup: $peer, around: $around) {
    label peerLabel published ranked total median
    rows { county { code name isSelf } rank eligible value low high numerator denominator target targetMet change sizeBand }
  }
}"""
MINE = """
query($day: Date) {
  myBenchmark(metric: "on_time_rate", period: WEEK, day: $day) {
    published peersHidden median rows { county { code name isSelf } rank value target numerator denominator change sizeBand }
  }
}"""


def _more_peers(n: int) -> None:
    """Counties of 浙江 that exist only as public rows with facts (the province reads nothing else)."""
    for i in range(n):
        county = County.objects.create(
            schema_name=f"county_33990{i}", code=f"33990{i}", name=f"测试县{i}", province="浙江省"
        )
        _facts(county, WEEK, received=100 + i, decided=100 + i, decided_on_time=80 + i)


def _facts(county: County, day: dt.date, **values: float) -> None:
    DailyFact.objects.bulk_create(
        [DailyFact(county=county, day=day, fact=f, key="", value=Decimal(str(v))) for f, v in values.items()]
    )


@pytest.fixture
def zhejiang(wenling):  # type: ignore[no-untyped-def]
    """温岭 and a second county of 浙江 (临海), each with a week of facts, and one the week before."""
    from onewindow.platform.onboarding.services import onboard_now

    job = onboard_now("331082", "临海市", "浙江省", preset="wenling", actor="tests")
    assert job.status == "ready", job.errors
    linhai = County.objects.get(code="331082")
    connection.set_schema_to_public()
    # 温岭: 900 of 1,000 on time; 临海: 3 of 3 — the small county must not top the large one
    _facts(wenling, WEEK, received=1000, decided=1000, decided_on_time=900)
    _facts(wenling, WEEK - dt.timedelta(days=7), received=800, decided=800, decided_on_time=640)
    _facts(linhai, WEEK + dt.timedelta(days=1), received=40, decided=40, decided_on_time=40)
    CountyTarget.objects.create(county=wenling, metric="on_time_rate", value=95)
    return wenling, linhai


def test_the_province_ranks_fairly_with_targets_and_change(client: Client, zhejiang) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member_of(None, Role.PROVINCIAL_OPERATOR))
    _, body = gql(client, TABLE, {"metric": "on_time_rate", "day": "2026-11-18", "province": "浙江省"})
    table = body["data"]["leagueTable"]
    assert table["label"] == "2026年第47周" and table["total"] == 2 and table["ranked"] == 2
    wenling, linhai = (
        next(r for r in table["rows"] if r["county"]["code"] == c) for c in ("331081", "331082")
    )
    # 40 of 40: Wilson lower bound 91.24%; 900 of 1,000: 87.98% — 临海 first, on a bound, not on 100%
    assert linhai["value"] == 1.0 and linhai["low"] == pytest.approx(0.9124, abs=1e-4) and linhai["rank"] == 1
    assert wenling["value"] == pytest.approx(0.9) and wenling["low"] == pytest.approx(0.8798, abs=1e-4)
    assert wenling["rank"] == 2 and wenling["target"] == 95 and wenling["targetMet"] is False
    assert wenling["change"] == pytest.approx(0.1)  # 80% the week before
    # a county alone below the minimum sample is shown, not ranked
    _, body = gql(client, TABLE, {"metric": "good_review_rate", "day": "2026-11-18", "province": "浙江省"})
    assert body["data"]["leagueTable"]["ranked"] == 0
    _, body = gql(
        client, TABLE, {"metric": "on_time_rate", "day": "2026-11-18", "peer": "CITY", "around": "331081"}
    )
    assert {r["county"]["code"] for r in body["data"]["leagueTable"]["rows"]} == {
        "331081",
        "331082",
    }  # 台州 3310


def test_a_county_sees_itself_and_anonymised_peers_until_published(client: Client, zhejiang) -> None:  # type: ignore[no-untyped-def]
    wenling, _ = zhejiang
    admin = Client()
    admin.force_login(member_of(wenling, Role.COUNTY_ADMIN))
    _, body = gql(admin, MINE, {"day": "2026-11-18"}, path=county_path("331081"))
    mine = body["data"]["myBenchmark"]
    # two counties in the group: the other one would be known by elimination — none is shown
    assert mine["peersHidden"] and mine["median"] is None
    assert [r["county"]["name"] for r in mine["rows"]] == ["温岭市"]
    _more_peers(4)
    _, body = gql(admin, MINE, {"day": "2026-11-18"}, path=county_path("331081"))
    rows = body["data"]["myBenchmark"]["rows"]
    assert {"code": "331081", "name": "温岭市", "isSelf": True} in [r["county"] for r in rows] and len(
        rows
    ) == 6
    peer = next(r for r in rows if not r["county"]["isSelf"])
    assert peer["county"] == {"code": None, "name": "第1名", "isSelf": False}
    # a peer's rank and value only: its counts would tell who it is
    assert (peer["target"], peer["numerator"], peer["denominator"], peer["change"], peer["sizeBand"]) == (
        None,
    ) * 5
    assert "临海" not in str(body) and "测试县" not in str(body)

    client.force_login(member_of(None, Role.PROVINCIAL_OPERATOR))
    _, body = gql(
        client,
        'mutation { publishBenchmark(period: WEEK, day: "2026-11-18", published: true) { errors { code } published } }',
    )
    assert body["data"]["publishBenchmark"] == {"errors": [], "published": True}
    _, body = gql(admin, MINE, {"day": "2026-11-18"}, path=county_path("331081"))
    assert body["data"]["myBenchmark"]["published"] and "临海市" in str(body)
    # a clerk has no benchmark; a county member has no province API
    clerk = Client()
    clerk.force_login(member_of(wenling, Role.INTAKE_CLERK))
    _, body = gql(clerk, MINE, {"day": "2026-11-18"}, path=county_path("331081"))
    assert body["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    _, body = gql(admin, TABLE, {"metric": "on_time_rate"})
    assert body["errors"][0]["extensions"]["code"] == "NOT_A_MEMBER"  # county staff: no province API


def test_an_unknown_metric_or_period_is_a_typed_error(client: Client, zhejiang) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member_of(None, Role.PROVINCIAL_OPERATOR))
    _, body = gql(client, TABLE, {"metric": "nope"})
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    _, body = gql(
        client, '{ metricTrend(metric: "on_time_rate", code: "331081", period: WEEK, count: 0) { label } }'
    )
    assert body["errors"][0]["extensions"]["code"] == "INVALID_VALUE"
