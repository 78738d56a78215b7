"""乌审旗's quarterly assessment of enterprise-zone departments (000 附件3), worked by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import yaml

from onewindow.platform.core import clock
from onewindow.platform.core.errors import BusinessError
from onewindow.tenants.scoring.models import Incident, PeriodStatus, Result
from onewindow.tenants.scoring.services import (
    annual,
    close_period,
    decide_objection,
    file_objection,
    finalize_period,
    open_period,
    record_incident,
)

pytestmark = pytest.mark.django_db
SET = "qiye-zhuanqu"
D = dt.date


def hit(rule: str, subject: str = "scjg", day: str = "2026-02-10", count: float = 1):  # type: ignore[no-untyped-def]
    return record_incident(
        SET, rule=rule, subject=subject, occurred_on=D.fromisoformat(day), count=count, actor="xtxz"
    )


def result(period, subject: str = "scjg") -> Result:  # type: ignore[no-untyped-def]
    return Result.objects.get(period=period, subject=subject)


def test_the_hand_worked_example_of_the_issue() -> None:
    period = open_period(SET, D(2026, 2, 10), actor="xtxz")
    assert (period.starts_on, period.ends_on) == (D(2026, 1, 1), D(2026, 3, 31))
    hit("R1", count=2)  # two inaccurate guides: 2 × −2 = −4
    hit("R3")  # one private intake: −5
    hit("R6", count=3)  # three own-window issuances: 3 × −2 = −6
    hit("rygl", count=90)  # the staff assessment, 90 of 100, scaled to 40 → 36
    close_period(period.pk, actor="xtxz")
    scjg = result(period)
    # 工作实效 40 − (4 + 5 + 6) = 25; 作风 10; 人员管理 90/100 × 40 = 36; 协调 10 → 81
    assert scjg.categories == {"gzsx": "25.00", "zfjs": "10.00", "rygl": "36.00", "xtph": "10.00"}
    assert scjg.total == Decimal("81.00")
    # departments with no incidents keep full marks and share first place
    full = Result.objects.filter(period=period, total=Decimal("100.00"))
    assert full.count() == 6 and set(full.values_list("rank", flat=True)) == {1}
    assert scjg.rank == 7


def test_a_category_never_goes_below_zero() -> None:
    period = open_period(SET, D(2026, 2, 10), actor="xtxz")
    hit("R8", count=3)  # three substantiated complaints: −15 from a 10-point category
    close_period(period.pk, actor="xtxz")
    assert result(period).categories["zfjs"] == "0.00" and result(period).total == Decimal("90.00")


def test_posting_objection_and_finalising() -> None:
    with clock.frozen_at("2026-04-01 09:00"):
        period = open_period(SET, D(2026, 3, 20), actor="xtxz")
        wrong = hit("R4", day="2026-03-20")  # recorded against the wrong department
        period = close_period(period.pk, actor="xtxz", post_days=3)
    assert (period.status, period.posted_until) == (
        PeriodStatus.POSTED,
        D(2026, 4, 7),
    )  # 4/2, 4/3, 4/7 (清明 4/4–4/6)
    assert result(period).total == Decimal("95.00")
    with clock.frozen_at("2026-04-02 10:00"):
        objection = file_objection(
            period.pk, subject="scjg", text="该次拒绝线下受理系税务窗口所为", actor="scjg"
        )
        with pytest.raises(BusinessError) as err:
            finalize_period(period.pk, actor="xtxz")
        assert err.value.code == "STILL_POSTED"
        decide_objection(
            objection.pk, upheld=True, decision="核实为税务局，改记", withdraw=[wrong.pk], actor="xtxz"
        )
    assert result(period).total == Decimal("100.00")  # the posted result changed
    assert Incident.objects.get(pk=wrong.pk).withdrawn_at is not None
    with clock.frozen_at("2026-04-08 09:00"):
        with pytest.raises(BusinessError) as err:
            file_objection(period.pk, subject="swj", text="x", actor="swj")
        assert err.value.code == "NOT_POSTED"
        assert finalize_period(period.pk, actor="xtxz").status == PeriodStatus.FINAL


def test_annual_score_is_the_mean_of_the_quarters_assessed() -> None:
    q1 = open_period(SET, D(2026, 2, 10), actor="xtxz")
    hit("R3", day="2026-02-10")  # Q1: 95
    close_period(q1.pk, actor="xtxz")
    q2 = open_period(SET, D(2026, 5, 10), actor="xtxz")
    hit("R3", day="2026-05-10", count=3)  # Q2: 85
    close_period(q2.pk, actor="xtxz")
    assert annual(SET, 2026)["scjg"]["score"] == Decimal("90.00")  # (95 + 85) / 2 quarters assessed


def test_a_version_change_between_periods() -> None:
    from onewindow.tenants.policy.services import apply_text, export_yaml

    q1 = open_period(SET, D(2026, 2, 10), actor="xtxz")
    data = yaml.safe_load(export_yaml())
    data["rule_sets"][0]["categories"][0]["rules"][0]["points"] = 3  # R1 becomes −3
    apply_text(yaml.safe_dump(data, allow_unicode=True), actor="tests")
    q2 = open_period(SET, D(2026, 5, 10), actor="xtxz")
    hit("R1", day="2026-02-10")
    hit("R1", day="2026-05-10")
    close_period(q1.pk, actor="xtxz")
    close_period(q2.pk, actor="xtxz")
    assert (q1.version.number, q2.version.number) == (1, 2)
    assert (result(q1).total, result(q2).total) == (Decimal("98.00"), Decimal("97.00"))


def test_bypassed_issuance_becomes_an_incident_once() -> None:
    from onewindow.tenants.cases.services import accept_case, decide_case, issue_result
    from tests.tenants.cases_helpers import APPROVER_ROLES, post_approver, receive

    post_approver("hsl", "scjg")
    with clock.frozen_at("2026-02-10 10:00"):
        case = receive()
        case = accept_case(case.number, version=case.version, actor="clerk")
        case = decide_case(case.number, version=case.version, approve=True, actor="hsl", roles=APPROVER_ROLES)
        with pytest.raises(BusinessError):
            issue_result(case.number, version=case.version, window="ZC01", delivery="pickup", actor="desk")
    period = open_period(SET, D(2026, 2, 10), actor="xtxz")
    close_period(period.pk, actor="xtxz")
    assert result(period).categories["gzsx"] == "38.00"
    assert Incident.objects.filter(rule="R6", subject="scjg", recorder="system").count() == 1


def test_a_late_catalog_change_report_becomes_an_incident_once() -> None:
    from onewindow.tenants.catalogchanges.services import report_catalog_change
    from onewindow.tenants.policy.services import save_settings

    # 乌审旗's seeds set no catalog-change limit (no clock, never late): the county sets 通许's
    # 3 working days (004 第十二条) for R10 to have a late report to record
    save_settings("catalog_changes", {"report_within_days": 3}, actor="admin")
    with clock.frozen_at("2026-02-10 10:00"):
        # published 2/2, due 2/5 (3 working days), reported 2/10: late
        report_catalog_change(
            department="swj", summary="税费规定修订", rule_published_on=D(2026, 2, 2), actor="swj"
        )
    period = open_period(SET, D(2026, 2, 10), actor="xtxz")
    close_period(period.pk, actor="xtxz")
    assert result(period, "swj").categories["xtph"] == "7.00"  # R10 −3, recorded automatically
    assert list(Incident.objects.filter(recorder="system").values_list("rule", "subject")) == [("R10", "swj")]


def test_a_period_is_closed_before_its_end_only_on_purpose(wushen) -> None:  # type: ignore[no-untyped-def]
    with clock.frozen_at("2026-03-20 10:00"):
        period = open_period("qiye-zhuanqu", dt.date(2026, 3, 1), actor="xtxz")  # Q1 ends 03-31
        with pytest.raises(BusinessError) as refused:
            close_period(period.pk, actor="xtxz", post_days=3)
        assert refused.value.code == "PERIOD_NOT_OVER" and refused.value.field == "early"
        assert close_period(period.pk, actor="xtxz", post_days=3, early=True).status == PeriodStatus.POSTED
