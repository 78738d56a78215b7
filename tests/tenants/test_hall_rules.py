"""Issue 17, 大厅与目录: the seeds' hall rules are the county's pack, carried only by the counties
whose seed says so. Every expected value below is worked by hand from the seed paragraph cited."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from django.db import connection

from onewindow.platform.core import clock
from onewindow.platform.core.errors import BusinessError, ValidationErrors
from onewindow.tenants.assistance.services import file_assistance_complaint
from onewindow.tenants.cases.models import CaseStatus
from onewindow.tenants.cases.services import accept_case, issue_result
from onewindow.tenants.catalogchanges.selectors import change_state
from onewindow.tenants.catalogchanges.services import report_catalog_change
from onewindow.tenants.escalation.models import Watch
from onewindow.tenants.hall.selectors import universal_window_share
from onewindow.tenants.policy.services import apply_text, export_yaml
from tests.tenants.cases_helpers import COMPANY, receive

pytestmark = pytest.mark.django_db
D = dt.date


def _watched(subject_type: str, pk: int) -> int:
    return Watch.objects.filter(subject_type=subject_type, subject_id=str(pk)).count()


# ── 事项目录调整: 通许 004 第十二条 ────────────────────────────────────────────────────────────


def test_tongxu_carries_the_3_and_7_working_days_of_004_article_12(tongxu) -> None:  # type: ignore[no-untyped-def]
    connection.set_tenant(tongxu)
    with clock.frozen_at("2026-11-04 09:00"):  # Wednesday
        request = report_catalog_change(
            department="scjg", summary="登记细则修订", rule_published_on=D(2026, 11, 2), actor="scjg"
        )
    # 004 第十二条 "公布之日起3个工作日内告知": published Mon 11/2 → Tue 11/3, Wed 11/4, Thu 11/5
    assert request.report_due == D(2026, 11, 5)
    # "7个工作日内调整到位" from the report (Wed 11/4): 11/5, 6, 9, 10, 11, 12, 13 → Fri 11/13
    assert request.apply_due == D(2026, 11, 13)
    assert change_state(request, D(2026, 11, 16)).status == "overdue"


@pytest.mark.parametrize("county", ["wushen", "wenling"])
def test_a_county_whose_seed_sets_no_limit_gets_no_catalog_clock(county, request) -> None:  # type: ignore[no-untyped-def]
    connection.set_tenant(request.getfixturevalue(county))
    assert "catalog_changes" not in yaml.safe_load(export_yaml())  # nothing to carry
    with clock.frozen_at("2026-11-30 09:00"):  # four weeks after publication: would be late in 通许
        change = report_catalog_change(
            department="scjg", summary="细则修订", rule_published_on=D(2026, 11, 2), actor="scjg"
        )
    assert (change.report_due, change.apply_due) == (None, None)
    state = change_state(change, D(2027, 6, 1))
    assert (state.status, state.reported_late) == ("open", False)
    assert _watched("CatalogChangeRequest", change.pk) == 0


def test_a_rule_scoring_late_reports_without_a_clock_is_a_warning() -> None:
    from onewindow.tenants.policy.services import export_pack, pack_warnings

    # 乌审旗 000 附件3 R10 (未按要求报送…) listens to late catalog reports, but no 乌审旗 seed sets
    # the report limit: the pack applies, and says R10 will never fire on its own
    warned = [(w.code, w.field) for w in pack_warnings(export_pack()) if w.code == "CLOCK_OFF"]
    assert warned == [("CLOCK_OFF", "catalog_changes.report_within_days")]


# ── 帮办代办投诉: 乌审旗 003 附件2 第六条 3 ─────────────────────────────────────────────────────


def test_wushen_answers_an_assistance_complaint_within_3_working_days() -> None:
    with clock.frozen_at("2026-11-06 09:00"):  # Friday
        complaint = file_assistance_complaint(
            complainant_name="王某", agent="王小翠", content="代办材料未及时递交", actor="zwfw"
        )
    # 003 附件2 第六条 3 "接到投诉后应在3个工作日内": Fri 11/6 → Mon 11/9, Tue 11/10, Wed 11/11
    assert complaint.due_on == D(2026, 11, 11)
    assert _watched("AssistanceComplaint", complaint.pk) == 1  # the bangban-tousu chain watches it


def test_a_county_without_the_complaint_limit_files_without_a_clock(tongxu) -> None:  # type: ignore[no-untyped-def]
    connection.set_tenant(tongxu)
    assert "complaint_within_days" not in (yaml.safe_load(export_yaml()).get("assistance") or {})
    complaint = file_assistance_complaint(
        complainant_name="李某", agent="代办员", content="态度差", actor="x"
    )
    assert complaint.due_on is None and _watched("AssistanceComplaint", complaint.pk) == 0


# ── 无差别综合窗口 ≥80%: 乌审旗 001 二(6) ────────────────────────────────────────────────────────


def test_the_universal_share_is_the_county_centres() -> None:
    # 001 二(6) "推动旗政务服务中心…分领域综合窗口向无差别综合窗口整合，设置比例不低于80%": the
    # 旗政务服务中心 has ZC01–ZC04 (universal) and FL01 (domain): 4 / 5 = 80%. 嘎鲁图镇's GLT01 is a
    # township window and is not counted (pooled, it read 5 / 6).
    share = universal_window_share(80)
    assert (share.universal, share.comprehensive, share.share) == (4, 5, 0.8)
    assert share.meets_target is True
    # the benchmarks' daily snapshot (metric universal_window_share) counts the same windows
    from onewindow.tenants.metrics.facts import snapshot

    facts = {fact: value for _, fact, _, value in snapshot(D(2026, 11, 30))}
    assert (facts["windows_universal"], facts["windows_comprehensive"]) == (4, 5)


# ── 统一出件 and 温岭's 即办件: 002 三(二) ────────────────────────────────────────────────────────


def test_wenling_issues_an_immediate_case_at_the_window_that_decided_it(wenling) -> None:  # type: ignore[no-untyped-def]
    connection.set_tenant(wenling)
    # 002 三(二) "对即办件，当场办结后由窗口直接发证送达": XM-BA (即办件) received at ZH01 is decided
    # there on acceptance, and ZH01 issues it.
    with clock.frozen_at("2026-11-04 10:00"):
        case = receive("XM-BA", provided=[], window="ZH01", applicant=COMPANY)
        case = accept_case(case.number, version=case.version, actor="clerk")
        assert case.status == CaseStatus.APPROVED
        case = issue_result(
            case.number, version=case.version, window="ZH01", delivery="pickup", actor="clerk"
        )
    assert case.status == CaseStatus.ISSUED and case.issuance.window.code == "ZH01"


def test_wenling_still_refuses_a_promised_case_or_another_window(wenling) -> None:  # type: ignore[no-untyped-def]
    connection.set_tenant(wenling)
    with clock.frozen_at("2026-11-04 10:00"):
        case = receive("XM-BA", provided=[], window="ZH01", applicant=COMPANY)
        case = accept_case(case.number, version=case.version, actor="clerk")
        with pytest.raises(BusinessError) as err:  # not the window that decided it
            issue_result(case.number, version=case.version, window="ZH02", delivery="pickup", actor="clerk")
    assert err.value.code == "ISSUANCE_BYPASS"


def test_without_the_setting_an_immediate_case_leaves_through_the_issuance_window(tongxu) -> None:  # type: ignore[no-untyped-def]
    connection.set_tenant(tongxu)
    # 通许 004 第十七条 综合窗口出件: no direct issuance in its pack; SB-DW (即办件) at FL-SB
    with clock.frozen_at("2026-11-04 10:00"):
        case = receive("SB-DW", provided=[], window="FL-SB", applicant=COMPANY)
        case = accept_case(case.number, version=case.version, actor="clerk")
        with pytest.raises(BusinessError) as err:
            issue_result(case.number, version=case.version, window="FL-SB", delivery="pickup", actor="clerk")
        assert err.value.code == "ISSUANCE_BYPASS"
        case = issue_result(case.number, version=None, window="CJ", delivery="pickup", actor="clerk")
    assert case.status == CaseStatus.ISSUED


# ── 派驻不少于1年: 乌审旗 001 §15 ────────────────────────────────────────────────────────────────


def test_a_county_may_refuse_a_posting_under_a_year() -> None:
    pack = yaml.safe_load(export_yaml())
    assert "hall" not in pack  # flag is the default: not written out
    pack["hall"] = {"short_posting": "refuse"}
    # 001 §15 "派驻人员进驻中心时间不少于1年": on 2026-12-01 a posting must date from 2025-12-01 or
    # before. S003 任小刚 was posted on 2026-05-06 (staff[2]): under a year, refused; everyone else
    # (the latest, S015, 2023-07-01) has served more than a year.
    with clock.frozen_at("2026-12-01 09:00"), pytest.raises(ValidationErrors) as err:
        apply_text(yaml.safe_dump(pack, allow_unicode=True), actor="admin")
    refused = [(d.code, d.field) for d in err.value.details]
    assert refused == [("POSTED_UNDER_A_YEAR", "staff[2].posted_since")]
    assert "hall" not in yaml.safe_load(export_yaml())  # nothing was written
    # a year and a day later the same posting passes
    with clock.frozen_at("2027-05-06 09:00"):
        apply_text(yaml.safe_dump(pack, allow_unicode=True), actor="admin")
    assert yaml.safe_load(export_yaml())["hall"]["short_posting"] == "refuse"
