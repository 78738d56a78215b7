"""Each lifecycle path of a case, and each refusal path changing nothing (issue 4)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from onewindow.platform.accounts.roles import Role
from onewindow.platform.core import clock
from onewindow.platform.core.errors import BusinessError, ValidationErrors
from onewindow.tenants.audit.models import AuditEvent
from onewindow.tenants.cases.models import Case, CaseStatus, MaterialState
from onewindow.tenants.cases.services import (
    accept_case,
    decide_case,
    decide_extension,
    issue_correction_notice,
    issue_result,
    pause_clock,
    receive_case,
    refuse_case,
    request_extension,
    resubmit_materials,
    resume_clock,
)
from onewindow.tenants.outbox.models import OutboxMessage
from onewindow.tenants.reviews.services import submit_review
from tests.tenants.cases_helpers import APPROVER_ROLES, COMPANY, PERSON, post_approver, receive

pytestmark = pytest.mark.django_db
D = dt.date


def at(day: str):  # type: ignore[no-untyped-def]
    return clock.frozen_at(f"{day} 10:00")


def events(case: Case) -> list[str]:
    return list(
        AuditEvent.objects.filter(subject_type="Case", subject_id=str(case.pk)).values_list(
            "action", flat=True
        )
    )


def snapshot(case: Case) -> tuple:  # type: ignore[type-arg]
    case.refresh_from_db()
    return (case.status, case.version, case.due_on, case.paused, len(events(case)))


def test_accept_decide_issue_review() -> None:
    post_approver("hsl", "scjg")
    with at("2026-09-30"):
        case = receive()
        assert case.number.startswith("15062620260930") and case.status == CaseStatus.RECEIVED
        assert {m.code: m.state for m in case.materials.all()}["sfz"] == MaterialState.EXEMPT  # 两个免于提交
        case = accept_case(case.number, version=case.version, actor="clerk")
    assert (case.status, case.accepted_on, case.due_on) == (
        CaseStatus.ACCEPTED,
        D(2026, 9, 30),
        D(2026, 10, 8),
    )
    assert case.handovers.get().to_department.code == "scjg"
    with at("2026-10-08"):
        case = decide_case(case.number, version=case.version, approve=True, actor="hsl", roles=APPROVER_ROLES)
        case = issue_result(
            case.number, version=case.version, window="CJ01", delivery="pickup", actor="clerk"
        )
        review = submit_review(case.number, level=5, channel="device", actor=None)
    assert case.status == CaseStatus.ISSUED and case.issuance.delivered_at is not None
    assert not review.is_bad
    assert events(case) == [
        "case.received",
        "case.accepted",
        "case.decided",
        "result.handed_over",  # not handed over before: recorded at issuance (000 第九条)
        "result.received",
        "case.issued",
        "review.submitted",
    ]


def test_one_time_notice_then_resubmit_then_accept() -> None:
    case = receive(provided=["sqs"], irregular={"zc": "未签字"})
    with pytest.raises(ValidationErrors) as err:  # a notice that leaves something out is refused
        issue_correction_notice(
            case.number, version=case.version, entries=[{"code": "zc", "fix": "补签字"}], actor="clerk"
        )
    assert {d.code for d in err.value.details} == {"NOTICE_INCOMPLETE"}
    notice = issue_correction_notice(
        case.number,
        version=case.version,
        entries=[{"code": "zc", "fix": "章程由全体股东签字"}, {"code": "zs", "fix": "提供租赁合同"}],
        actor="clerk",
    )
    assert [e["code"] for e in notice.entries] == ["zc", "zs"] and notice.entries[0]["problem"] == "不规范"
    case.refresh_from_db()
    assert case.status == CaseStatus.CORRECTION_REQUIRED
    case = resubmit_materials(case.number, version=case.version, provided=["zc", "zs"], actor="clerk")
    case = accept_case(case.number, version=case.version, actor="clerk")
    assert case.status == CaseStatus.ACCEPTED and case.notices.get().resolved_at is not None


def test_refusal_gives_reason_and_remedies() -> None:
    case = receive()
    with pytest.raises(BusinessError) as err:
        refuse_case(case.number, version=case.version, reason=" ", actor="clerk")
    assert err.value.code == "REQUIRED"
    case = refuse_case(case.number, version=case.version, reason="不属于本机关职权范围", actor="clerk")
    assert case.status == CaseStatus.REFUSED and "行政复议" in case.refusal_reason


@clock.frozen_at("2026-12-01 10:00")
def test_tolerance_needs_leave_and_a_commitment() -> None:
    case = receive(provided=["sqs", "zc"])  # 住所使用证明 missing; the item allows 容缺
    before = snapshot(case)
    with pytest.raises(ValidationErrors):
        accept_case(case.number, version=case.version, actor="clerk")
    with pytest.raises(BusinessError) as err:
        accept_case(case.number, version=case.version, tolerate=["zs"], actor="clerk")
    assert err.value.code == "TOLERANCE_DUE_REQUIRED"
    assert snapshot(case) == before
    case = accept_case(
        case.number, version=case.version, tolerate=["zs"], tolerance_due_on=D(2026, 12, 31), actor="clerk"
    )
    assert case.status == CaseStatus.ACCEPTED and [c.material_code for c in case.commitments.all()] == ["zs"]
    assert case.materials.get(code="zs").state == MaterialState.TOLERATED


def test_a_material_without_leave_cannot_be_tolerated() -> None:
    case = receive(provided=["sqs", "zs"])  # 章程 missing, no 容缺 allowed
    before = snapshot(case)
    with pytest.raises(ValidationErrors) as err:
        accept_case(
            case.number, version=case.version, tolerate=["zc"], tolerance_due_on=D(2099, 1, 5), actor="clerk"
        )
    assert [d.code for d in err.value.details] == ["MATERIALS_INCOMPLETE"]
    assert snapshot(case) == before


def test_immediate_items_are_decided_and_issued_in_the_same_visit() -> None:
    with at("2026-03-02"):
        case = receive("QY-KZ", provided=["yyzz"])  # 公章刻制备案 (即办件); 营业执照 is 免提交 anyway
        case = accept_case(case.number, version=case.version, actor="clerk")
        assert (case.status, case.due_on) == (CaseStatus.APPROVED, D(2026, 3, 2))
        case = issue_result(
            case.number, version=case.version, window="CJ01", delivery="self_print", actor="clerk"
        )
    assert case.status == CaseStatus.ISSUED


def test_bundle_spawns_parallel_sub_cases_and_completes_when_all_are_decided() -> None:
    for username, dept in (("a1", "rsj"), ("a2", "swj"), ("a3", "zjj"), ("a4", "gaj"), ("a5", "scjg")):
        post_approver(username, dept)
    with at("2026-03-02"):
        case = receive_case(
            applicant=COMPANY,
            bundle="qykb",
            channel="window",
            window="YJS01",
            provided=["QY-SL.sqs", "QY-SL.zc", "QY-SL.zs"],
            actor="clerk",
        )
        case = accept_case(case.number, version=case.version, actor="clerk")
    children = {c.item.code: c for c in case.children.select_related("item", "department")}
    assert set(children) == {"QY-CB", "QY-FP", "QY-GJJ", "QY-KZ", "QY-SL"}
    assert {c.handovers.get().to_department.code for c in children.values()} == {
        "rsj",
        "swj",
        "zjj",
        "gaj",
        "scjg",
    }
    assert {c.due_on for c in children.values()} == {D(2026, 3, 3)} == {case.due_on}
    approvers = {"rsj": "a1", "swj": "a2", "zjj": "a3", "gaj": "a4", "scjg": "a5"}
    for i, child in enumerate(children.values()):
        decide_case(
            child.number,
            version=child.version,
            approve=True,
            actor=approvers[child.department.code],
            roles=APPROVER_ROLES,
        )
        case.refresh_from_db()
        assert case.status == (CaseStatus.APPROVED if i == 4 else CaseStatus.ACCEPTED)
    with pytest.raises(BusinessError) as err:
        issue_result(child.number, version=None, window="CJ01", delivery="pickup", actor="clerk")
    assert err.value.code == "ISSUE_THROUGH_BUNDLE"
    issue_result(case.number, version=case.version, window="CJ01", delivery="pickup", actor="clerk")


def test_due_dates_across_national_day_and_spring_festival() -> None:
    connection.set_tenant(
        __import__("onewindow.platform.counties.models", fromlist=["County"]).County.objects.get(
            code="410222"
        )
    )
    for accepted, due in (
        ("2026-09-30", D(2026, 10, 13)),
        ("2026-02-12", D(2026, 2, 26)),
        ("2026-02-13", D(2026, 2, 27)),
    ):
        with at(accepted):
            case = receive("BDC-ZY", provided=["sqs", "ht"], window="FL-BDC", applicant=PERSON)
            case = accept_case(case.number, version=case.version, actor="clerk")
        assert case.due_on == due, accepted


def test_pause_across_a_holiday_and_an_extension() -> None:
    from onewindow.platform.counties.models import County

    connection.set_tenant(County.objects.get(code="410222"))
    with at("2026-09-28"):
        case = receive("BDC-ZY", provided=["sqs", "ht"], window="FL-BDC", applicant=PERSON)
        case = accept_case(case.number, version=case.version, actor="clerk")
    assert case.due_on == D(2026, 10, 10)  # 9/29, 9/30, 10/8, 10/9, 10/10 (a make-up Saturday)
    with at("2026-09-30"):
        case = pause_clock(
            case.number, version=case.version, kind="correction", reason="补正测绘报告", actor="bdc"
        )
    with pytest.raises(BusinessError) as err:
        decide_case(case.number, version=case.version, approve=True, actor="x", roles=APPROVER_ROLES)
    assert err.value.code == "CLOCK_PAUSED"
    with at("2026-10-09"):
        case = resume_clock(case.number, version=case.version, actor="bdc")
    # 9/30 and 10/8 were paused: 9/29, 10/9, 10/10, 10/12, 10/13
    assert (case.paused, case.due_on) == (False, D(2026, 10, 13))
    extension = request_extension(case.number, version=case.version, days=2, reason="需专家评审", actor="bdc")
    with pytest.raises(BusinessError) as err:
        decide_extension(extension.pk, approve=True, actor="bdc", roles=[Role.APPROVER])
    assert err.value.code == "MANAGER_REQUIRED"
    decide_extension(extension.pk, approve=True, actor="manager", roles=[Role.CENTRE_MANAGER])
    case.refresh_from_db()
    assert (case.extension_days, case.due_on) == (2, D(2026, 10, 15))


def test_only_an_approver_of_the_department_decides() -> None:
    post_approver("tax", "swj")
    case = receive()
    case = accept_case(case.number, version=case.version, actor="clerk")
    before = snapshot(case)
    for actor, roles in (("tax", APPROVER_ROLES), ("hsl", [Role.INTAKE_CLERK])):
        with pytest.raises(BusinessError) as err:
            decide_case(case.number, version=case.version, approve=True, actor=actor, roles=roles)
        assert err.value.code == "WRONG_DEPARTMENT"
    assert snapshot(case) == before


def test_issuing_from_another_window_is_refused_and_recorded() -> None:
    post_approver("hsl", "scjg")
    case = receive()
    case = accept_case(case.number, version=case.version, actor="clerk")
    case = decide_case(
        case.number,
        version=case.version,
        approve=False,
        reason="经营范围涉及前置审批",
        actor="hsl",
        roles=APPROVER_ROLES,
    )
    before = snapshot(case)
    with pytest.raises(BusinessError) as err:
        issue_result(case.number, version=case.version, window="ZC01", delivery="pickup", actor="scjg-desk")
    assert err.value.code == "ISSUANCE_BYPASS"
    after = snapshot(case)
    assert after[:4] == before[:4] and events(case)[-1] == "issuance.bypassed"
    case = issue_result(
        case.number,
        version=case.version,
        window="CJ01",
        delivery="express",
        tracking_number="EMS123",
        actor="clerk",
    )
    assert case.status == CaseStatus.ISSUED and case.issuance.delivered_at is None
    assert OutboxMessage.objects.filter(recipient=COMPANY.phone, body__contains="EMS123").exists()


def test_bad_reviews_emit_an_event_and_nobody_reviews_twice() -> None:
    case = receive()
    case = refuse_case(case.number, version=case.version, reason="材料不属实", actor="clerk")
    submit_review(case.number, level=2, channel="qr", tags=["态度差"], actor=None)
    with pytest.raises(BusinessError) as err:
        submit_review(case.number, level=5, channel="qr", actor=None)
    assert err.value.code == "ALREADY_REVIEWED"
    assert events(case)[-2:] == ["review.submitted", "review.bad"]


def test_stale_versions_and_double_submissions_change_nothing() -> None:
    case = receive(idempotency_key="kiosk-42")
    with pytest.raises(BusinessError) as err:
        receive(idempotency_key="kiosk-42")
    assert err.value.code == "DUPLICATE_SUBMISSION"
    before = snapshot(case)
    with pytest.raises(BusinessError) as err:
        accept_case(case.number, version=case.version - 1 if case.version > 1 else 99, actor="clerk")
    assert err.value.code == "CONCURRENT_EDIT"
    with pytest.raises(BusinessError) as err:
        decide_case(case.number, version=case.version, approve=True, actor="x", roles=APPROVER_ROLES)
    assert err.value.code == "INVALID_TRANSITION"
    assert snapshot(case) == before
    assert Case.objects.filter(idempotency_key="kiosk-42").count() == 1


def test_walk_in_visits_are_reviewed_once_each() -> None:
    from onewindow.tenants.reviews.services import submit_visit_review

    review = submit_visit_review("A012-20261121", window="ZC01", level=1, channel="device", actor="device")
    assert review.is_bad and review.case is None
    with pytest.raises(BusinessError) as err:
        submit_visit_review("A012-20261121", window="ZC01", level=5, channel="device", actor="device")
    assert err.value.code == "ALREADY_REVIEWED"
    assert AuditEvent.objects.filter(action="review.bad", subject_type="Review").count() == 1


def test_default_rating_is_off_until_the_county_turns_it_on() -> None:
    import yaml

    from onewindow.tenants.policy.services import apply_text, export_yaml
    from onewindow.tenants.reviews.services import apply_default_reviews

    post_approver("hsl", "scjg")
    with at("2026-03-02"):
        case = receive()
        case = accept_case(case.number, version=case.version, actor="clerk")
        case = decide_case(case.number, version=case.version, approve=True, actor="hsl", roles=APPROVER_ROLES)
        issue_result(case.number, version=case.version, window="CJ01", delivery="pickup", actor="clerk")
    assert apply_default_reviews(D(2026, 4, 1)) == 0  # off by default
    data = yaml.safe_load(export_yaml())
    data["reviews"] = {"default_rating_after_days": 5, "default_level": 4}
    result = apply_text(yaml.safe_dump(data, allow_unicode=True), actor="tests")
    assert [c["path"] for c in result.diff] == ["reviews"]
    assert apply_default_reviews(D(2026, 3, 6)) == 0  # 4 working days after 3/2
    assert apply_default_reviews(D(2026, 3, 9)) == 1  # the 5th
    assert apply_default_reviews(D(2026, 3, 10)) == 0
    case.refresh_from_db()
    assert case.review.level == 4 and case.review.is_default


def test_the_demo_hall_is_alive_and_seeded_once() -> None:
    from django.db.models import Count

    from onewindow.tenants.cases.selectors import overdue
    from onewindow.tenants.demo import seed_demo_cases

    with at("2026-11-20"):
        made = seed_demo_cases("150626", days=14, per_day=4)
        assert made > 30 and seed_demo_cases("150626") == 0
        statuses = dict(
            Case.objects.filter(parent__isnull=True).values_list("status").annotate(n=Count("id"))
        )
        assert statuses.get("issued", 0) > made / 2 and statuses.get("accepted", 0) > 0
        assert overdue(Case.objects.all()).count() >= 0
    assert AuditEvent.objects.filter(action="case.issued").count() == statuses["issued"]


def test_review_points_are_checked_at_intake() -> None:
    case = receive(failed_review_points={"rp3": "住所与实际经营场所不一致"})
    assert [c["passed"] for c in case.review_checks] == [True, True, False]
    before = snapshot(case)
    with pytest.raises(ValidationErrors) as err:
        accept_case(case.number, version=case.version, actor="clerk")
    assert [d.code for d in err.value.details] == ["REVIEW_POINT_FAILED"]
    assert snapshot(case) == before
    with pytest.raises(ValidationErrors) as err:  # the notice must name the failed point too
        issue_correction_notice(case.number, version=case.version, entries=[], actor="clerk")
    assert [d.code for d in err.value.details] == ["NOTICE_INCOMPLETE"]
    notice = issue_correction_notice(
        case.number,
        version=case.version,
        entries=[{"code": "rp3", "fix": "提供实际经营场所的使用证明"}],
        actor="clerk",
    )
    assert notice.entries == [
        {
            "code": "rp3",
            "name": "住所与实际经营场所一致",
            "problem": "住所与实际经营场所不一致",
            "fix": "提供实际经营场所的使用证明",
        }
    ]
    case.refresh_from_db()
    case = resubmit_materials(case.number, version=case.version, provided=["zs"], actor="clerk")
    assert accept_case(case.number, version=case.version, actor="clerk").status == CaseStatus.ACCEPTED
