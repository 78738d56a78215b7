"""通许's weekly assessment of window units (004 附件), worked by hand: sub-items, the 5%
threshold, bonuses above the base, the veto, and the 25% roll-up."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection

from onewindow.tenants.scoring.models import Result
from onewindow.tenants.scoring.services import annual, close_period, open_period, record_incident

pytestmark = pytest.mark.django_db
SET = "chuangkou-zhou"
D = dt.date


@pytest.fixture(autouse=True)
def in_tongxu(tongxu):  # type: ignore[no-untyped-def]
    connection.set_tenant(tongxu)


def hit(rule: str, subject: str = "FL-QY", day: str = "2026-03-04", count: float = 1, base: float = 0):  # type: ignore[no-untyped-def]
    return record_incident(
        SET, rule=rule, subject=subject, occurred_on=D.fromisoformat(day), count=count, base=base, actor="hjg"
    )


def week(day: str = "2026-03-04") -> Result:
    period = open_period(SET, D.fromisoformat(day), actor="hjg")
    close_period(period.pk, actor="hjg")
    return Result.objects.get(period=period, subject="FL-QY")


def test_a_sub_item_costs_its_points_once_however_often() -> None:
    hit("3.2", count=3)  # 禁语 three times: the sub-item is worth 5, it costs 5
    hit("4.10")  # late once: −2
    r = week()
    assert (r.categories["fwzl"], r.categories["jl"], r.total) == ("15.00", "18.00", Decimal("93.00"))


def test_dissatisfied_reviews_above_five_percent() -> None:
    hit("2.4", count=3, base=40)  # 3 of 40 = 7.5% > 5%: 3 person-times × −2 = −6, capped at the item's 5
    assert week().categories["hcp"] == "15.00"


def test_dissatisfied_reviews_within_five_percent_cost_nothing() -> None:
    hit("2.4", count=2, base=40)  # 5% exactly is not "above"
    assert week().categories["hcp"] == "20.00"


def test_bonuses_go_above_the_base_and_the_veto_fails_the_subject() -> None:
    hit("B1")  # praised by city leaders: +10
    hit("B4", count=2)  # two recognised articles: +2
    r = week()
    assert (r.bonus, r.total, r.rank, r.vetoed) == (Decimal("12.00"), Decimal("112.00"), 1, False)
    hit("V4", day="2026-03-11")  # 吃拿卡要 in the next week
    assert week("2026-03-11").vetoed is True
    assert annual(SET, 2026)["FL-QY"]["vetoed"] is True  # one-vote veto: the year is failed


def test_the_annual_roll_up_takes_25_percent_of_the_mean() -> None:
    hit("3.1", day="2026-03-04")  # week 1: 97
    week("2026-03-04")
    week("2026-03-11")  # week 2: 100
    assert annual(SET, 2026)["FL-QY"]["score"] == Decimal("24.63")  # 25% × 98.5 = 24.625 → 24.63


def test_the_review_ratio_is_measured_from_the_platform() -> None:
    from onewindow.platform.core import clock
    from onewindow.tenants.reviews.services import submit_visit_review

    with clock.frozen_at("2026-03-04 10:00"):
        for i, level in enumerate([1, 2, 5, 5, 4, 5, 5, 5, 5, 5]):  # 2 of 10 = 20%
            submit_visit_review(f"V{i}", window="FL-QY", level=level, channel="device", actor="device")
    assert week().categories["hcp"] == "16.00"  # 2 person-times × −2


def test_monthly_comparison_and_the_quarterly_award() -> None:
    from onewindow.tenants.scoring.services import awards, summary

    hit("3.2", subject="FL-QY", day="2026-03-04")  # FL-QY: 95 in week 10
    hit("4.10", subject="FL-SB", day="2026-03-11")  # FL-SB: 98 in week 11
    hit("B2", subject="YJS", day="2026-03-11")  # 一件事 window praised by county leaders: 105
    week("2026-03-04")
    week("2026-03-11")
    march = summary(SET, D(2026, 3, 1), D(2026, 3, 31))
    means = {r["subject"]: (r["mean"], r["rank"]) for r in march}
    assert means["YJS"] == (Decimal("102.50"), 1)  # (100 + 105) / 2
    assert means["FL-SB"] == (Decimal("99.00"), 7) and means["FL-QY"] == (
        Decimal("97.50"),
        8,
    )  # five tie at 2
    hit("V5", subject="YJS", day="2026-03-18")  # 乱收费: vetoed, so no award whatever the score
    week("2026-03-18")
    (award,) = awards(SET, D(2026, 3, 18))
    assert award["name"] == "政务服务优质窗口" and (award["start"], award["end"]) == (
        D(2026, 1, 1),
        D(2026, 3, 31),
    )
    assert "YJS" not in {w["subject"] for w in award["winners"]}
    assert {w["rank"] for w in award["winners"]} == {2}  # the five clean windows tie behind YJS
