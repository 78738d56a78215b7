"""乌审旗's quarterly assessment of enterprise-zone departments (000 附件3), worked by hand.

The six departments 附件3 二 names are the subjects; 人员管理 (第8项) is the staff assessment
scaled to 40, recorded for each before a quarter closes (附件3 五(一))."""

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
ASSESSED = ("zwfw", "scjg", "zjj", "rsj", "ybj", "swj")  # 附件3 二


def staff_assessed(day: str = "2026-02-10", **scores: float) -> None:
    """第8项: each department's staff assessment (out of 100; 100 unless given)."""
    for code in ASSESSED:
        hit("rygl", subject=code, day=day, count=scores.get(code, 100))


def hit(rule: str, subject: str = "scjg", day: str = "2026-02-10", count: float = 1):  # type: ignore[no-untyped-def]
    return record_incident(
        SET, rule=rule, subject=subject, occurred_on=D.fromisoformat(day), count=count, actor="xtxz"
    )


def close(period, *, final: bool = False):  # type: ignore[no-untyped-def]
    """Closed with the 3 working days of 公示 附件3 四(二) requires; ``final``: and finalised."""
    period = close_period(period.pk, actor="xtxz", post_days=3)
    if final:
        day = period.posted_until + dt.timedelta(days=1)
        with clock.frozen_at(f"{day.isoformat()} 09:00"):
            period = finalize_period(period.pk, actor="xtxz")
    return period


def result(period, subject: str = "scjg") -> Result:  # type: ignore[no-untyped-def]
    return Result.objects.get(period=period, subject=subject)


def test_the_hand_worked_example_of_the_issue() -> None:
    period = open_period(SET, D(2026, 2, 10), actor="xtxz")
    assert (period.starts_on, period.ends_on) == (D(2026, 1, 1), D(2026, 3, 31))
    hit("R1", count=2)  # two inaccurate guides: 2 × −2 = −4
    hit("R3")  # one private intake: −5
    hit("R6", count=3)  # three own-window issuances: 3 × −2 = −6
    staff_assessed(scjg=90)  # the staff assessment, 90 of 100, scaled to 40 → 36
    close(period)
    scjg = result(period)
    # 工作实效 40 − (4 + 5 + 6) = 25; 作风 10; 人员管理 90/100 × 40 = 36; 协调 10 → 81
    assert scjg.categories == {"gzsx": "25.00", "zfjs": "10.00", "rygl": "36.00", "xtph": "10.00"}
    assert scjg.total == Decimal("81.00")
    # the five others assessed at 100 with no incidents share first place; 旗公安局 is none of
    # the six departments 附件3 二 names, so it is not scored
    full = Result.objects.filter(period=period, total=Decimal("100.00"))
    assert full.count() == 5 and set(full.values_list("rank", flat=True)) == {1}
    assert scjg.rank == 6 and Result.objects.filter(period=period).count() == 6


def test_a_category_never_goes_below_zero() -> None:
    period = open_period(SET, D(2026, 2, 10), actor="xtxz")
    hit("R8", count=3)  # three substantiated complaints: −15 from a 10-point category
    staff_assessed()
    close(period)
    assert result(period).categories["zfjs"] == "0.00" and result(period).total == Decimal("90.00")


def test_posting_objection_and_finalising() -> None:
    with clock.frozen_at("2026-04-01 09:00"):
        period = open_period(SET, D(2026, 3, 20), actor="xtxz")
        wrong = hit("R4", day="2026-03-20")  # recorded against the wrong department
        staff_assessed(day="2026-03-20")
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
    staff_assessed(day="2026-02-10")
    close(q1, final=True)
    q2 = open_period(SET, D(2026, 5, 10), actor="xtxz")
    hit("R3", day="2026-05-10", count=3)  # Q2: 85
    staff_assessed(day="2026-05-10")
    close(q2, final=True)
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
    staff_assessed(day="2026-02-10")
    staff_assessed(day="2026-05-10")
    close(q1)
    close(q2)
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
    staff_assessed()
    close(period)
    assert result(period).categories["gzsx"] == "38.00"
    assert Incident.objects.filter(rule="R6", subject="scjg", recorder="system").count() == 1


def test_a_late_catalog_change_report_becomes_an_incident_once() -> None:
    from onewindow.tenants.catalogchanges.services import report_catalog_change

    with clock.frozen_at("2026-02-10 10:00"):
        # published 2/2, due 2/5 (3 working days), reported 2/10: late
        report_catalog_change(
            department="swj", summary="税费规定修订", rule_published_on=D(2026, 2, 2), actor="swj"
        )
    period = open_period(SET, D(2026, 2, 10), actor="xtxz")
    staff_assessed()
    close(period)
    assert result(period, "swj").categories["xtph"] == "7.00"  # R10 −3, recorded automatically
    assert list(Incident.objects.filter(recorder="system").values_list("rule", "subject")) == [("R10", "swj")]


def test_the_posting_lasts_at_least_three_working_days() -> None:
    # 附件3 四(二): 公示时间不少于3个工作日 — the minimum is the rule set's (posting.min_working_days)
    period = open_period(SET, D(2026, 2, 10), actor="xtxz")
    staff_assessed()
    for days in (1, 2, 0, None):  # one or two days, or no posting at all (final at once)
        with pytest.raises(BusinessError) as refused:
            close_period(period.pk, actor="xtxz", post_days=days)
        assert (refused.value.code, refused.value.field) == ("POSTING_TOO_SHORT", "post_days")
    period.refresh_from_db()
    assert period.status == PeriodStatus.OPEN and not Result.objects.filter(period=period).exists()
    with clock.frozen_at("2026-04-01 09:00"):  # Wed: 4/2, 4/3, 4/7 (清明 4/4–4/6)
        closed = close_period(period.pk, actor="xtxz", post_days=3)
    assert (closed.status, closed.posted_until) == (PeriodStatus.POSTED, D(2026, 4, 7))


def test_a_missing_staff_assessment_refuses_closing_and_lists_what_is_missing() -> None:
    # 附件3 第8项: 人员管理 = the staff assessment 折合; with none recorded it is not 40 points
    period = open_period(SET, D(2026, 2, 10), actor="xtxz")
    hit("rygl", subject="scjg", count=90)
    hit("rygl", subject="swj", count=80)
    with pytest.raises(BusinessError) as refused:
        close_period(period.pk, actor="xtxz", post_days=3)
    assert (refused.value.code, refused.value.field) == ("INPUT_MISSING", "period")
    assert refused.value.missing == {code: ["rygl"] for code in ("rsj", "ybj", "zjj", "zwfw")}  # type: ignore[attr-defined]
    assert (
        "旗医疗保障局：人员管理" in refused.value.message and "旗市场监督管理局" not in refused.value.message
    )
    period.refresh_from_db()
    assert period.status == PeriodStatus.OPEN and not Result.objects.filter(period=period).exists()


def test_the_county_may_close_with_unassessed_departments_unranked() -> None:
    from onewindow.tenants.policy.services import apply_text, export_yaml

    data = yaml.safe_load(export_yaml())
    data["rule_sets"][0]["missing_input"] = "unranked"
    apply_text(yaml.safe_dump(data, allow_unicode=True), actor="tests")
    period = open_period(SET, D(2026, 2, 10), actor="xtxz")
    hit("rygl", subject="scjg", count=90)  # 36 of 40
    hit("R3", subject="scjg")  # −5: 35 + 10 + 36 + 10 = 91
    hit("R3", subject="swj")  # swj has no staff assessment: 35 + 10 + (missing) + 10
    with clock.frozen_at("2026-04-01 09:00"):
        close_period(period.pk, actor="xtxz", post_days=3)
    scjg, swj = result(period), result(period, "swj")
    assert (scjg.total, scjg.rank, scjg.missing) == (Decimal("91.00"), 1, [])
    # never full marks for an assessment nobody recorded: unranked, after the ranked one
    assert (swj.categories["rygl"], swj.total, swj.rank, swj.missing) == (
        "0.00",
        Decimal("55.00"),
        None,
        ["rygl"],
    )
    assert Result.objects.filter(period=period).values_list("subject", flat=True).first() == "scjg"
    assert Result.objects.filter(period=period, rank__isnull=True).count() == 5
    with clock.frozen_at("2026-04-08 09:00"):
        finalize_period(period.pk, actor="xtxz")
    assert set(annual(SET, 2026)) == {"scjg"}  # an unranked quarter is no score to average


def test_a_county_may_switch_a_category_off_with_maximum_zero() -> None:
    from onewindow.tenants.policy.services import apply_text, export_yaml

    data = yaml.safe_load(export_yaml())
    definition = data["rule_sets"][0]
    definition["base"] = 90
    next(c for c in definition["categories"] if c["code"] == "xtph")["max"] = 0  # 协调配合 off
    apply_text(yaml.safe_dump(data, allow_unicode=True), actor="tests")  # accepted
    period = open_period(SET, D(2026, 2, 10), actor="xtxz")
    assert period.version.number == 2
    hit("R9")  # 推诿不配合 −3, from a category worth 0: still 0
    staff_assessed()
    close_period(period.pk, actor="xtxz", post_days=3)
    scjg = result(period)
    assert (scjg.categories["xtph"], scjg.total) == ("0.00", Decimal("90.00"))  # 40 + 10 + 40 + 0


def test_an_overdue_case_costs_its_department_r7() -> None:
    # 附件3 第6项: 未及时将办理结果送达到出件窗口的，每次扣2分 — read as a case still not done at
    # 三级提醒's red level (the first working day after its promised date)
    from onewindow.tenants.cases.services import accept_case
    from onewindow.tenants.escalation.services import scan
    from tests.tenants.cases_helpers import receive

    with clock.frozen_at("2026-03-02 10:00"):
        case = receive("QY-ZX", provided=["sqs", "qsbg"])  # 注销登记, 3 working days: due 3/5
        accept_case(case.number, version=case.version, actor="clerk")
    for day in ("2026-03-03", "2026-03-05", "2026-03-06"):  # yellow, orange, red (scored)
        with clock.frozen_at(f"{day} 09:05"):
            assert scan(clock.now()) == 1
    period = open_period(SET, D(2026, 3, 6), actor="xtxz")
    staff_assessed()
    close_period(period.pk, actor="xtxz", post_days=3)
    assert result(period).categories["gzsx"] == "38.00"  # 40 − 2, once (one scoring level)
    assert list(Incident.objects.filter(recorder="system").values_list("rule", "subject")) == [("R7", "scjg")]


def test_a_period_is_closed_before_its_end_only_on_purpose(wushen) -> None:  # type: ignore[no-untyped-def]
    with clock.frozen_at("2026-03-20 10:00"):
        period = open_period("qiye-zhuanqu", dt.date(2026, 3, 1), actor="xtxz")  # Q1 ends 03-31
        staff_assessed(day="2026-03-02")
        with pytest.raises(BusinessError) as refused:
            close_period(period.pk, actor="xtxz", post_days=3)
        assert refused.value.code == "PERIOD_NOT_OVER" and refused.value.field == "early"
        assert close_period(period.pk, actor="xtxz", post_days=3, early=True).status == PeriodStatus.POSTED


def test_events_name_the_window_and_the_staff_member_for_rule_sets_scoring_them() -> None:
    # the same events, attributed by each rule set's subject kind: a county scoring windows or
    # staff (as 附件3 五(二)'s 前台工作人员考核 would) gets its automatic incidents too
    from onewindow.tenants.cases.services import accept_case, decide_case, issue_result
    from onewindow.tenants.escalation.services import scan
    from onewindow.tenants.policy.services import apply_text, export_yaml, save_entry
    from tests.tenants.cases_helpers import APPROVER_ROLES, post_approver, receive

    data = yaml.safe_load(export_yaml())
    for code, kind in (("chuangkou", "window"), ("renyuan", "staff")):
        rule = {"code": "X1", "name": "出件与时限", "kind": "deduction", "points": 2}
        rule["events"], rule["chains"] = ["issuance_bypass", "reminder_overdue"], []
        category = {"code": "c", "name": "服务", "max": 100, "rules": [rule]}
        data["rule_sets"].append(
            {"code": code, "name": code, "subject": kind, "period": "quarter", "categories": [category]}
        )
    apply_text(yaml.safe_dump(data, allow_unicode=True), actor="tests")
    member = {
        "code": "S001",
        "name": "路瑶",
        "roles": ["intake_clerk"],
        "department": "zwfw",
        "window": "ZC01",
    }
    save_entry("staff", {**member, "username": "clerk"}, actor="tests")  # the clerk is on the roster
    post_approver("hsl", "scjg")
    with clock.frozen_at("2026-03-02 10:00"):
        bypassed = receive()  # taken in by the clerk at ZC01
        bypassed = accept_case(bypassed.number, version=bypassed.version, actor="clerk")
        bypassed = decide_case(
            bypassed.number, version=bypassed.version, approve=True, actor="hsl", roles=APPROVER_ROLES
        )
        with pytest.raises(BusinessError):  # the clerk tries to hand the result out at ZC01
            issue_result(
                bypassed.number, version=bypassed.version, window="ZC01", delivery="pickup", actor="clerk"
            )
        late = receive("QY-ZX", provided=["sqs", "qsbg"])  # due 3/5, left undone
        accept_case(late.number, version=late.version, actor="clerk")
    for day in ("2026-03-03", "2026-03-05", "2026-03-06"):
        with clock.frozen_at(f"{day} 09:05"):
            scan(clock.now())
    for code, subject in (("chuangkou", "ZC01"), ("renyuan", "S001")):
        period = open_period(code, D(2026, 3, 6), actor="xtxz")
        close_period(period.pk, actor="xtxz")
        assert Result.objects.get(period=period, subject=subject).total == Decimal("96.00")  # 2 × −2
        assert Result.objects.filter(period=period, total__lt=100).count() == 1
