"""通许's weekly assessment of window units (004 附件), worked by hand: sub-items, the 5%
threshold, bonuses above the base, the veto, and the 25% roll-up.

窗口单位 are the units stationed at the windows (004 第三十条 窗口派驻单位, 附件 4.3 窗口单位
一把手): the subjects are departments — 市场监管 scjg, 人社 rsj, 不动产 bdc, 税务 swj."""

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


def hit(rule: str, subject: str = "scjg", day: str = "2026-03-04", count: float = 1, base: float = 0):  # type: ignore[no-untyped-def]
    return record_incident(
        SET, rule=rule, subject=subject, occurred_on=D.fromisoformat(day), count=count, base=base, actor="hjg"
    )


def week(day: str = "2026-03-04") -> Result:
    period = open_period(SET, D.fromisoformat(day), actor="hjg")
    close_period(period.pk, actor="hjg")
    return Result.objects.get(period=period, subject="scjg")


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
    assert annual(SET, 2026)["scjg"]["vetoed"] is True  # one-vote veto: the year is failed


def test_the_annual_roll_up_takes_25_percent_of_the_mean() -> None:
    hit("3.1", day="2026-03-04")  # week 1: 97
    week("2026-03-04")
    week("2026-03-11")  # week 2: 100
    assert annual(SET, 2026)["scjg"]["score"] == Decimal("24.63")  # 25% × 98.5 = 24.625 → 24.63


def test_the_review_ratio_is_measured_from_the_platform() -> None:
    from onewindow.platform.core import clock
    from onewindow.tenants.reviews.services import submit_visit_review

    with clock.frozen_at("2026-03-04 10:00"):
        for i, level in enumerate([1, 2, 5, 5, 4, 5, 5, 5, 5, 5]):  # 2 of 10 = 20%
            # a walk-in review at the 社保就业 window counts for its one unit, 人社
            submit_visit_review(f"V{i}", window="FL-SB", level=level, channel="device", actor="device")
    period = open_period(SET, D(2026, 3, 4), actor="hjg")
    close_period(period.pk, actor="hjg")
    rsj = Result.objects.get(period=period, subject="rsj")
    assert rsj.categories["hcp"] == "16.00"  # 附件 2.4: 2 person-times × −2


def test_monthly_comparison_and_the_quarterly_award() -> None:
    from onewindow.tenants.scoring.services import awards, summary

    hit("3.2", subject="scjg", day="2026-03-04")  # 市场监管: 95 in week 10
    hit("4.10", subject="rsj", day="2026-03-11")  # 人社: 98 in week 11
    hit("B2", subject="bdc", day="2026-03-11")  # 不动产 praised by county leaders: 105
    week("2026-03-04")
    week("2026-03-11")
    march = summary(SET, D(2026, 3, 1), D(2026, 3, 31))
    means = {r["subject"]: (r["mean"], r["rank"]) for r in march}
    assert means == {
        "bdc": (Decimal("102.50"), 1),  # (100 + 105) / 2
        "swj": (Decimal("100.00"), 2),
        "rsj": (Decimal("99.00"), 3),  # (100 + 98) / 2
        "scjg": (Decimal("97.50"), 4),  # (95 + 100) / 2
    }
    hit("V5", subject="bdc", day="2026-03-18")  # 乱收费: vetoed, so no award whatever the score
    week("2026-03-18")
    (award,) = awards(SET, D(2026, 3, 18))
    assert award["name"] == "政务服务优质窗口" and (award["start"], award["end"]) == (
        D(2026, 1, 1),
        D(2026, 3, 31),
    )
    # Q1 means: bdc 101.67 (vetoed), swj 100, rsj 99.33, scjg 98.33; top 3 less the vetoed one
    assert [(w["subject"], w["rank"]) for w in award["winners"]] == [("swj", 2), ("rsj", 3)]


def test_the_units_are_scored_not_the_windows() -> None:
    period = open_period(SET, D(2026, 3, 4), actor="hjg")
    close_period(period.pk, actor="hjg")
    assert set(Result.objects.filter(period=period).values_list("subject", flat=True)) == {
        "scjg",
        "rsj",
        "bdc",
        "swj",
    }


def test_a_bypassed_issuance_and_a_substantiated_complaint_cost_the_unit() -> None:
    # 附件 1.5 “一件事一次办”未统一接件和出件 (2分); 3.4 “办不成事监督窗口”交办工单反映问题属实 (7分)
    from onewindow.platform.core import clock
    from onewindow.platform.core.errors import BusinessError
    from onewindow.tenants.cases.services import accept_case, issue_result
    from onewindow.tenants.fallback.services import register_fallback, substantiate_complaint
    from tests.tenants.cases_helpers import receive

    with clock.frozen_at("2026-03-04 10:00"):
        case = receive("SW-QS", provided=(), window="FL-QY")  # 契税申报, 税务 swj: 即办
        case = accept_case(case.number, version=case.version, actor="clerk")  # decided on acceptance
        with pytest.raises(BusinessError):  # issued from the domain window, not 综合出件 CJ
            issue_result(case.number, version=case.version, window="FL-QY", delivery="pickup", actor="clerk")
        complaint = register_fallback(
            channel="fallback_window",
            summary="契税申报被要求重复提交材料",
            applicant_name="王女士",
            applicant_phone="13900139000",
            departments=["swj"],
            window="BBCS",
            actor="guide",
        )
        substantiate_complaint(complaint.number, finding="属实：已共享的材料要求重复提交", actor="jw")
    period = open_period(SET, D(2026, 3, 4), actor="hjg")
    close_period(period.pk, actor="hjg")
    swj = Result.objects.get(period=period, subject="swj")
    assert (swj.categories["gg"], swj.categories["fwzl"], swj.total) == ("18.00", "13.00", Decimal("91.00"))
    assert Result.objects.get(period=period, subject="scjg").total == Decimal("100.00")


def test_repeat_visits_cost_the_unit_under_3_3() -> None:
    # 004 第十六条 N(4): 让企业和群众跑了N趟 (reportRepeatVisits) → 附件 3.3 来回跑 (5分)
    from onewindow.platform.core import clock
    from onewindow.tenants.fallback.services import report_repeat_visits

    with clock.frozen_at("2026-03-04 10:00"):
        report_repeat_visits("BDC-ZY", visits=3, note="转移登记跑了三趟", actor="supervisor")
        report_repeat_visits("BDC-ZY", visits=2, note="又一次", actor="supervisor")
    period = open_period(SET, D(2026, 3, 4), actor="hjg")
    close_period(period.pk, actor="hjg")
    bdc = Result.objects.get(period=period, subject="bdc")
    assert (bdc.categories["fwzl"], bdc.total) == ("15.00", Decimal("95.00"))  # a sub-item costs 5 once


def test_an_overdue_fallback_case_costs_its_units_under_1_2() -> None:
    # 004 第二十条 督办 of 办不成事; 附件 1.2 限时办结制等制度未落实到位 (5分): the 监督 chain's
    # scoring level (超期移交纪委监委) fires the first working day after the case's deadline
    from onewindow.platform.core import clock
    from onewindow.tenants.escalation.services import scan
    from onewindow.tenants.fallback.services import classify_fallback, register_fallback

    with clock.frozen_at("2026-03-02 10:00"):
        case = register_fallback(
            channel="fallback_window",
            summary="新业态企业申办许可，无对应事项",
            applicant_name="陈先生",
            applicant_phone="13800138000",
            departments=["scjg"],
            window="BBCS",
            actor="guide",
        )
        case = classify_fallback(case.number, version=case.version, tier="general", actor="centre")
    assert case.deadline_on == D(2026, 3, 9)  # general: 5 working days (example data)
    for moment in ("2026-03-09 09:05", "2026-03-10 09:05"):  # due (notify), overdue (scored)
        with clock.frozen_at(moment):
            assert scan(clock.now()) == 1
    period = open_period(SET, D(2026, 3, 10), actor="hjg")
    close_period(period.pk, actor="hjg")
    scjg = Result.objects.get(period=period, subject="scjg")
    assert (scjg.categories["gg"], scjg.total) == ("15.00", Decimal("95.00"))


def test_the_preset_marks_the_fallback_tiers_as_example_data() -> None:
    # 004 第二十条 names the 办不成事 supervision window and 第十六条 N(4) the referral, but no
    # tiers, owners or limits: the preset must say its 5 / 10 / 30 days are example data
    from pathlib import Path

    import onewindow.tenants.policy.presets as presets

    text = (Path(presets.__file__).parent / "tongxu.yaml").read_text(encoding="utf-8")
    block = text[text.index("\nfallback:") : text.index("\nchains:")]
    comments = " ".join(line for line in block.splitlines() if line.strip().startswith("#"))
    assert "example data" in comments and "004 names no tiers" in comments
    assert "days: 5" in block and "days: 10" in block and "days: 30" in block


def test_a_rule_set_names_only_subjects_and_chains_the_pack_has() -> None:
    import yaml

    from onewindow.platform.core.errors import ValidationErrors
    from onewindow.tenants.policy.services import apply_text, export_yaml

    data = yaml.safe_load(export_yaml())
    definition = data["rule_sets"][0]
    definition["subjects"] = ["scjg", "FL-QY"]  # a window is no department
    definition["categories"][0]["rules"][1]["chains"] = ["no-such-chain"]
    with pytest.raises(ValidationErrors) as refused:
        apply_text(yaml.safe_dump(data, allow_unicode=True), actor="tests")
    found = {(e.code, e.field) for e in refused.value.details}
    assert ("UNKNOWN_SUBJECT", "rule_sets[0].subjects[1]") in found
    assert ("UNKNOWN_CHAIN", "rule_sets[0].categories[0].rules[1].chains[0]") in found
