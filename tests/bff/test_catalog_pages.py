"""县级管理 — the catalog pages: 事项目录 (guide, materials, 审查要点, FAQ), drift from the provincial
catalog and 采用省级标准, 一件事, 目录调整 with its two clocks. Each page lists and edits; an edit
keeps what its form does not show; bad input is shown beside its field and changes nothing; a
clerk gets 403; another county's administrator sees nothing."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.db import connection

from onewindow.platform.accounts.roles import Role
from onewindow.tenants.catalog.models import Bundle, ServiceItem
from onewindow.tenants.catalogchanges.models import CatalogChangeRequest
from onewindow.tenants.policy.models import PolicyVersion
from onewindow.tenants.policy.services import save_entry
from tests.bff.helpers import get, logged_in, post

pytestmark = pytest.mark.django_db
ADMIN = "/c/410222/admin"


@pytest.fixture
def admin(tongxu) -> Any:  # type: ignore[no-untyped-def]
    connection.set_tenant(tongxu)
    client = logged_in(tongxu, Role.COUNTY_ADMIN)
    connection.set_tenant(tongxu)
    return client


def _latest() -> int:
    return PolicyVersion.objects.order_by("-number").values_list("number", flat=True).first() or 0


# --- 事项目录 ----------------------------------------------------------------------------------------


def test_the_list_shows_kind_department_limits_and_claims(admin) -> None:  # type: ignore[no-untyped-def]
    page = get(admin, f"{ADMIN}/items/").content.decode()
    assert "公司设立登记" in page and "认领 HA-XK-0001" in page  # a claim, its name the province's
    assert "不动产转移登记" in page and "本地事项" in page
    assert "市场监督管理局" in page or "市场监管" in page
    assert "即办件" in page and "承诺件" in page
    assert "30 个工作日" in page and "当场办结" in page


def test_search_by_name_code_and_pinyin_initials(admin) -> None:  # type: ignore[no-untyped-def]
    for term in ("不动产", "BDC-ZY", "bdczydj"):
        page = get(admin, f"{ADMIN}/items/?q={term}").content.decode()
        assert "不动产转移登记" in page, term
        assert "契税申报" not in page, term
    assert "没有符合" in get(admin, f"{ADMIN}/items/?q=zzzz").content.decode()


def test_an_items_page_shows_its_guide_materials_points_and_faq(admin) -> None:  # type: ignore[no-untyped-def]
    page = get(admin, f"{ADMIN}/items/BDC-ZY/").content.decode()
    for part in ("基本信息", "办事指南", "申请材料", "审查要点", "答疑手册", "停用事项"):
        assert part in page
    assert 'value="不动产登记申请书"' in page
    assert "可调用电子证照，免提交" in page
    assert 'value="买卖双方身份与合同一致"' in page
    # a local item's unified elements are on its form
    assert 'name="implementingBody"' in page


def test_a_claimed_items_unified_elements_are_not_on_any_form(admin) -> None:  # type: ignore[no-untyped-def]
    page = get(admin, f"{ADMIN}/items/SC-SL/").content.decode()
    assert "全省统一" in page and "《中华人民共和国公司法》" in page
    for name in ("name", "itemType", "competentDepartment", "implementingBody", "legalBasis"):
        assert f'name="{name}"' not in page


def test_editing_one_guide_field_keeps_the_materials_and_faq(admin) -> None:  # type: ignore[no-untyped-def]
    save_entry(
        "items", {"code": "BDC-ZY", "faq": [{"q": "需要本人到场吗？", "a": "买卖双方均须到场。"}]}, actor=None
    )
    before = ServiceItem.objects.get(code="BDC-ZY")
    materials = list(before.materials.values_list("code", "name", "exempt", "tolerance_allowed"))
    guide = {
        "guide_shown": "1",
        "conditions": "买卖双方身份明确，权属清楚",
        "sampleText": "",
        "commonErrors": "",
        "fees": "按规定收取登记费",
        "process": "",
        "resultName": "",
        "resultSample": "",
        "consultation": "",
    }
    done = post(admin, f"{ADMIN}/items/save", {"code": "BDC-ZY", "part": "guide", **guide})
    assert done.status_code == 302 and done["Location"].endswith("/admin/items/BDC-ZY/#guide")
    after = ServiceItem.objects.get(code="BDC-ZY")
    assert (
        after.guide["conditions"] == "买卖双方身份明确，权属清楚"
        and after.guide["fees"] == "按规定收取登记费"
    )
    assert list(after.materials.values_list("code", "name", "exempt", "tolerance_allowed")) == materials
    assert after.faq == [{"q": "需要本人到场吗？", "a": "买卖双方均须到场。"}]
    assert after.review_points == before.review_points and after.name == before.name
    page = get(admin, f"{ADMIN}/items/BDC-ZY/").content.decode()
    assert "买卖双方身份明确，权属清楚" in page and "已保存" in page


def _material_rows(item: ServiceItem) -> dict[str, list[str]]:
    rows: dict[str, list[str]] = {
        k: [] for k in ("code", "name", "format", "copies", "source", "tolerance", "exempt")
    }
    for m in item.materials.all():
        rows["code"].append(m.code)
        rows["name"].append(m.name)
        rows["format"].append(m.format)
        rows["copies"].append(str(m.copies))
        rows["source"].append(m.source)
        rows["tolerance"].append("1" if m.tolerance_allowed else "")
        rows["exempt"].append(m.exempt)
    return rows


def _materials_form(rows: dict[str, list[str]]) -> dict[str, Any]:
    return {"code": "BDC-ZY", "part": "materials", "materials_shown": "1"} | {
        f"material_{k}": v for k, v in rows.items()
    }


def test_materials_tolerance_add_and_remove_a_row(admin) -> None:  # type: ignore[no-untyped-def]
    rows = _material_rows(ServiceItem.objects.get(code="BDC-ZY"))
    rows["tolerance"][2] = "1"  # 不动产买卖合同: 容缺
    for k in rows:  # drop the first row (申请书) …
        rows[k] = rows[k][1:]
    extra = {"code": "", "name": "完税证明", "format": "electronic", "copies": "1", "source": "government"}
    for k in rows:  # … and add one without a code
        rows[k].append(extra.get(k, ""))
    rows["exempt"][-1] = "government_issued"
    assert post(admin, f"{ADMIN}/items/save", _materials_form(rows)).status_code == 302
    after = ServiceItem.objects.get(code="BDC-ZY")
    names = list(after.materials.values_list("name", "tolerance_allowed", "exempt"))
    assert names == [
        ("身份证明", False, "e_licence"),
        ("不动产买卖合同", True, ""),
        ("不动产权属证书", False, "e_licence"),
        ("完税证明", False, "government_issued"),
    ]
    assert after.materials.get(name="完税证明").code == "cl4"
    assert after.review_points == ["买卖双方身份与合同一致", "权属证书无查封抵押"]  # kept


def test_a_bad_material_is_shown_beside_its_row_and_nothing_is_saved(admin) -> None:  # type: ignore[no-untyped-def]
    version = _latest()
    rows = _material_rows(ServiceItem.objects.get(code="BDC-ZY"))
    rows["exempt"][0] = "government_issued"  # 申请书 comes from the applicant: it cannot be exempt so
    bad = post(admin, f"{ADMIN}/items/save", _materials_form(rows))
    body = bad.content.decode()
    assert bad.status_code == 400 and "EXEMPT_SOURCE" in body
    # beside the first row, with the rest of its path; the posted rows are shown back
    assert body.index("EXEMPT_SOURCE") > body.index('value="不动产登记申请书"')
    assert body.index("EXEMPT_SOURCE") < body.index('value="身份证明"')
    assert (
        _latest() == version and ServiceItem.objects.get(code="BDC-ZY").materials.get(code="sqs").exempt == ""
    )
    copies = _material_rows(ServiceItem.objects.get(code="BDC-ZY"))
    copies["copies"][1] = "两份"
    bad = post(admin, f"{ADMIN}/items/save", _materials_form(copies))
    assert bad.status_code == 400 and "份数请填写" in bad.content.decode() and _latest() == version


def test_points_and_faq_rows(admin) -> None:  # type: ignore[no-untyped-def]
    done = post(
        admin,
        f"{ADMIN}/items/save",
        {
            "code": "BDC-ZY",
            "part": "points",
            "points_shown": "1",
            "point_text": ["核对合同签字", "", "核对身份"],
        },
    )
    assert done.status_code == 302
    assert ServiceItem.objects.get(code="BDC-ZY").review_points == ["核对合同签字", "核对身份"]
    done = post(
        admin,
        f"{ADMIN}/items/save",
        {
            "code": "BDC-ZY",
            "part": "faq",
            "faq_shown": "1",
            "faq_q": ["要带原件吗？", ""],
            "faq_a": ["要。", ""],
        },
    )
    assert done.status_code == 302
    assert ServiceItem.objects.get(code="BDC-ZY").faq == [{"q": "要带原件吗？", "a": "要。"}]
    version = _latest()
    bad = post(
        admin,
        f"{ADMIN}/items/save",
        {"code": "BDC-ZY", "part": "faq", "faq_shown": "1", "faq_q": ["没有答复的问题"], "faq_a": [""]},
    )
    assert (
        bad.status_code == 400
        and "没有答复的问题" in bad.content.decode()
        and "REQUIRED" in bad.content.decode()
    )
    assert _latest() == version and ServiceItem.objects.get(code="BDC-ZY").faq == [
        {"q": "要带原件吗？", "a": "要。"}
    ]


def test_bad_basic_input_is_shown_beside_the_field_and_nothing_saved(admin) -> None:  # type: ignore[no-untyped-def]
    version = _latest()
    form = {
        "code": "BDC-ZY",
        "part": "basic",
        "kind": "promised",
        "promisedLimitDays": "40",
        "statutoryLimitDays": "30",
    }
    bad = post(admin, f"{ADMIN}/items/save", form)
    body = bad.content.decode()
    assert bad.status_code == 400 and "PROMISED_EXCEEDS_STATUTORY" in body and 'value="40"' in body
    assert _latest() == version and ServiceItem.objects.get(code="BDC-ZY").promised_limit_days == 5
    bad = post(admin, f"{ADMIN}/items/save", {**form, "promisedLimitDays": "五"})
    assert bad.status_code == 400 and "请填写整数" in bad.content.decode() and _latest() == version


def test_a_new_local_item_and_a_new_claim_then_retire(admin) -> None:  # type: ignore[no-untyped-def]
    assert "新建事项" in get(admin, f"{ADMIN}/items/new").content.decode()
    local = {
        "part": "new",
        "code": "GS-XX",
        "department": "scjg",
        "kind": "immediate",
        "onlineDepth": "3",
        "visitsRequired": "1",
    }
    bad = post(admin, f"{ADMIN}/items/save", local)
    assert bad.status_code == 400 and "本地事项须填写此项" in bad.content.decode()
    assert not ServiceItem.objects.filter(code="GS-XX").exists()
    done = post(
        admin, f"{ADMIN}/items/save", {**local, "name": "个体户信息公示", "itemType": "public_service"}
    )
    assert done.status_code == 302 and done["Location"].endswith("/admin/items/GS-XX/")
    # a claim: what the form says of the unified elements is not kept, the province's is
    claim = {
        **local,
        "code": "SB-DW2",
        "provincialCode": "HA-QR-0002",
        "name": "我们的名字",
        "department": "rsj",
    }
    assert post(admin, f"{ADMIN}/items/save", claim).status_code == 302
    assert ServiceItem.objects.get(code="SB-DW2").name == "单位参保登记"
    assert post(admin, f"{ADMIN}/items/GS-XX/retire", {}).status_code == 302
    assert not ServiceItem.objects.live().filter(code="GS-XX").exists()
    assert "/admin/items/GS-XX/" not in get(admin, f"{ADMIN}/items/").content.decode()


def test_an_item_in_a_bundle_cannot_be_retired(admin) -> None:  # type: ignore[no-untyped-def]
    bad = post(admin, f"{ADMIN}/items/SW-QS/retire", {})
    assert bad.status_code == 400 and "停用事项" in bad.content.decode()
    assert ServiceItem.objects.live().filter(code="SW-QS").exists()


# --- drift and 采用省级标准 -------------------------------------------------------------------------


def test_taking_the_provinces_value_clears_that_drift(admin) -> None:  # type: ignore[no-untyped-def]
    save_entry(
        "items",
        {"code": "SC-SL", "name": "公司设立登记（通许）", "implementing_body": "通许县市场监管局"},
        actor=None,
    )
    listed = get(admin, f"{ADMIN}/items/").content.decode()
    assert "与省级目录不一致 2 处" in listed
    page = get(admin, f"{ADMIN}/items/SC-SL/").content.decode()
    assert "公司设立登记（通许）" in page and "县市场监督管理局" in page and 'id="take-name"' in page
    done = post(admin, f"{ADMIN}/items/SC-SL/take-provincial", {"field": "name"})
    assert done.status_code == 302
    item = ServiceItem.objects.get(code="SC-SL")
    assert item.name == "公司设立登记" and item.implementing_body == "通许县市场监管局"
    page = get(admin, f"{ADMIN}/items/SC-SL/").content.decode()
    assert 'id="take-name"' not in page and 'id="take-implementing_body"' in page and "已采用省级标准" in page
    assert "与省级目录不一致 1 处" in get(admin, f"{ADMIN}/items/").content.decode()
    # a field that no longer drifts: said, and nothing written
    version = _latest()
    again = post(admin, f"{ADMIN}/items/SC-SL/take-provincial", {"field": "name"})
    assert again.status_code == 400 and "NO_DRIFT" in again.content.decode() and _latest() == version


# --- 一件事 ------------------------------------------------------------------------------------------


def test_bundles_list_edit_and_retire(admin) -> None:  # type: ignore[no-untyped-def]
    page = get(admin, f"{ADMIN}/bundles/").content.decode()
    assert "企业开办" in page and "二手房转移登记" in page and "国家清单" not in page
    assert "不动产权属证书" in page  # the combined material list
    form = get(admin, f"{ADMIN}/bundles/?edit=bdc-jy").content.decode()
    assert "编辑一件事 bdc-jy" in form
    done = post(
        admin,
        f"{ADMIN}/bundles/save",
        {"code": "bdc-jy", "name": "二手房交易登记一件事", "promisedLimitDays": "3"},
    )
    assert done.status_code == 302
    bundle = Bundle.objects.get(code="bdc-jy")
    assert bundle.name == "二手房交易登记一件事" and bundle.promised_limit_days == 3
    assert sorted(bundle.items.values_list("code", flat=True)) == ["BDC-ZY", "SW-QS"]  # kept
    version = _latest()
    bad = post(admin, f"{ADMIN}/bundles/save", {"code": "bdc-jy", "items_shown": "1", "items": ["BDC-ZY"]})
    assert bad.status_code == 400 and "BUNDLE_TOO_SMALL" in bad.content.decode() and _latest() == version
    bad = post(admin, f"{ADMIN}/bundles/save", {"code": "bdc-jy", "nationalCode": "NOPE"})
    assert (
        bad.status_code == 400 and "UNKNOWN_NATIONAL_BUNDLE" in bad.content.decode() and _latest() == version
    )
    assert post(admin, f"{ADMIN}/bundles/bdc-jy/retire", {}).status_code == 302
    assert not Bundle.objects.live().filter(code="bdc-jy").exists()


# --- 目录调整 ----------------------------------------------------------------------------------------


def test_report_a_change_and_see_both_clocks(admin) -> None:  # type: ignore[no-untyped-def]
    report = {
        "department": "bdc",
        "item": "BDC-ZY",
        "summary": "条例修订：取消购房合同复印件",
        "rulePublishedOn": "2026-04-28",
        "reportedOn": "2026-04-30",
    }
    done = post(admin, f"{ADMIN}/catalog-changes/report", report)
    assert done.status_code == 302
    change = CatalogChangeRequest.objects.get(summary__startswith="条例修订")
    # 4/28 + 3 working days (5/1–5/5 劳动节) = 5/6; 4/30 + 7 working days (5/9 调休上班) = 5/13
    assert change.report_due == dt.date(2026, 5, 6) and change.apply_due == dt.date(2026, 5, 13)
    page = get(admin, f"{ADMIN}/catalog-changes/").content.decode()
    assert (
        "条例修订：取消购房合同复印件" in page
        and "应于 2026-05-06 前" in page
        and "应于 2026-05-13 前" in page
    )


def test_an_overdue_change_is_red_and_marked_applied_late(admin) -> None:  # type: ignore[no-untyped-def]
    report = {
        "department": "swj",
        "summary": "契税申报表格式调整",
        "rulePublishedOn": "2025-01-02",
        "reportedOn": "2025-01-20",
    }
    assert post(admin, f"{ADMIN}/catalog-changes/report", report).status_code == 302
    page = get(admin, f"{ADMIN}/catalog-changes/").content.decode()
    assert "已超期" in page and "告知已超期" in page and 'class="tag red"' in page
    change = CatalogChangeRequest.objects.get(summary="契税申报表格式调整")
    hidden = re.search(r'name="id" value="([^"]+)"', page)  # the button's hidden id, as the page has it
    assert hidden is not None
    done = post(admin, f"{ADMIN}/catalog-changes/applied", {"id": hidden.group(1)})
    assert done.status_code == 302
    change.refresh_from_db()
    assert change.applied_on is not None
    assert "逾期调整到位" in get(admin, f"{ADMIN}/catalog-changes/").content.decode()


def test_the_page_shows_the_countys_own_limits_or_none(admin, wenling) -> None:  # type: ignore[no-untyped-def]
    page = get(admin, f"{ADMIN}/catalog-changes/").content.decode()
    # 通许 004 第十二条: 3 and 7 working days, from its pack
    assert "<b>3 个工作日</b>" in page and "<b>7 个工作日</b>" in page and "通许 004 第十二条" in page
    # 温岭's seed sets no limit: a change is recorded with no clock
    other = logged_in(wenling, Role.COUNTY_ADMIN)
    report = {"department": "scjg", "summary": "登记细则修订", "rulePublishedOn": "2026-04-28"}
    done = post(other, "/c/331081/admin/catalog-changes/report", report)
    assert done.status_code == 302
    page = get(other, "/c/331081/admin/catalog-changes/").content.decode()
    assert "告知不计时，调整到位不计时" in page
    assert "本县未设告知时限" in page and "不计时（本县未设调整时限）" in page
    assert '<span class="tag blue">办理中</span>' in page
    connection.set_tenant(wenling)
    assert CatalogChangeRequest.objects.get(summary="登记细则修订").apply_due is None


def test_a_bad_report_is_shown_beside_the_field_and_nothing_saved(admin) -> None:  # type: ignore[no-untyped-def]
    count = CatalogChangeRequest.objects.count()
    bad = post(
        admin,
        f"{ADMIN}/catalog-changes/report",
        {"department": "bdc", "summary": "x", "rulePublishedOn": "2026-13-01"},
    )
    assert bad.status_code == 400 and "日期格式应为" in bad.content.decode()
    bad = post(
        admin,
        f"{ADMIN}/catalog-changes/report",
        {"department": "bdc", "summary": "x", "rulePublishedOn": "2026-05-01", "reportedOn": "2026-04-01"},
    )
    assert bad.status_code == 400 and "REPORTED_BEFORE_PUBLISHED" in bad.content.decode()
    bad = post(
        admin,
        f"{ADMIN}/catalog-changes/report",
        {"department": "bdc", "item": "NOPE", "summary": "x", "rulePublishedOn": "2026-05-01"},
    )
    assert bad.status_code == 400 and "NOPE" in bad.content.decode()
    assert CatalogChangeRequest.objects.count() == count


# --- who may ---------------------------------------------------------------------------------------

PAGES = ["items/", "items/BDC-ZY/", "items/new", "bundles/", "catalog-changes/"]


@pytest.mark.parametrize("page", PAGES)
def test_a_clerk_gets_403(tongxu, page: str) -> None:  # type: ignore[no-untyped-def]
    connection.set_tenant(tongxu)
    clerk = logged_in(tongxu, Role.INTAKE_CLERK)
    assert get(clerk, f"{ADMIN}/{page}").status_code == 403


def test_a_clerk_cannot_save_retire_or_take(tongxu) -> None:  # type: ignore[no-untyped-def]
    connection.set_tenant(tongxu)
    clerk = logged_in(tongxu, Role.INTAKE_CLERK)
    assert (
        post(
            clerk, f"{ADMIN}/items/save", {"code": "BDC-ZY", "part": "basic", "visitsRequired": "3"}
        ).status_code
        == 403
    )
    assert post(clerk, f"{ADMIN}/items/BDC-ZY/retire", {}).status_code == 403
    assert post(clerk, f"{ADMIN}/bundles/bdc-jy/retire", {}).status_code == 403
    assert ServiceItem.objects.live().get(code="BDC-ZY").visits_required == 1
    assert Bundle.objects.live().filter(code="bdc-jy").exists()


TONGXU_ENTRIES = ("不动产转移登记", "BDC-ZY", "二手房转移登记", "契税申报")


@pytest.mark.parametrize("page", PAGES)
def test_another_countys_admin_sees_nothing(tongxu, wenling, page: str) -> None:  # type: ignore[no-untyped-def]
    other = logged_in(wenling, Role.COUNTY_ADMIN)
    connection.set_tenant(tongxu)
    response = get(other, f"{ADMIN}/{page}")
    body = response.content.decode()
    assert response.status_code == 403 and "NOT_A_MEMBER" in body
    assert not any(word in body for word in TONGXU_ENTRIES if word not in page)
