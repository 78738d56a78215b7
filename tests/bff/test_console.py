"""省级运营 pages: the counties with their pack version and health, the onboarding wizard and its
job page, suspend / resume, export, the national calendar years, the provincial catalog."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from onewindow.platform.accounts.models import Membership
from onewindow.platform.accounts.roles import Role
from onewindow.platform.calendar.models import NationalCalendarYear
from onewindow.platform.counties.models import County, CountyStatus, OnboardingJob
from onewindow.platform.onboarding.jobs import run_job
from tests.bff.helpers import get, logged_in, post

pytestmark = pytest.mark.django_db


def _operator():  # type: ignore[no-untyped-def]
    return logged_in(None, Role.PROVINCIAL_OPERATOR)


def test_the_counties_page_shows_each_countys_pack_version_and_health(wushen) -> None:  # type: ignore[no-untyped-def]
    page = get(_operator(), "/counties/").content.decode()
    row = page.split('data-code="150626"')[1].split("</tr>")[0]
    assert "乌审旗" in row and "运行中" in row and "第 1 版" in row and "正常" in row
    assert 'data-code="331081"' in page and 'data-code="410222"' in page
    assert "/counties/150626/export.zip" in row


def test_the_wizard_queues_a_job_whose_page_follows_it_to_ready(wushen) -> None:  # type: ignore[no-untyped-def]
    operator = _operator()
    form = get(operator, "/counties/new").content.decode()
    assert "乌审旗" in form and "温岭市" in form and "通许县" in form  # the presets
    answer = post(
        operator,
        "/counties/new",
        {
            "code": "150625",
            "name": "杭锦旗",
            "province": "内蒙古自治区",
            "hosts": "zwfw.hangjin.example",
            "source": "preset",
            "preset": "wushen",
            "admin": "hangjin-admin",
        },
    )
    job = OnboardingJob.objects.get(code="150625")
    assert answer.status_code == 302 and answer["Location"].startswith("/counties/jobs/")
    page = get(operator, answer["Location"]).content.decode()
    assert "排队中" in page and 'hx-trigger="every 1s"' in page  # polls while not finished

    run_job(job.pk)  # what the worker does with the queued message
    fragment = get(operator, answer["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert "已就绪" in fragment and "hx-trigger" not in fragment and "进入杭锦旗" in fragment
    assert "<html" not in fragment  # htmx swaps the progress card alone
    shown = post(operator, answer["Location"] + "admin-password", {}).content.decode()
    assert "临时密码" in shown
    assert Membership.objects.get(user__username="hangjin-admin", county__code="150625").roles == [
        Role.COUNTY_ADMIN
    ]


def test_a_wrong_code_and_a_broken_pack_are_shown_and_nothing_is_queued(wushen) -> None:  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    from onewindow.tenants.policy.presets import preset_text

    operator = _operator()
    before = OnboardingJob.objects.count()
    page = post(
        operator,
        "/counties/new",
        {
            "code": "15062",
            "name": "杭锦旗",
            "province": "内蒙古自治区",
            "source": "preset",
            "preset": "wushen",
        },
    )
    assert page.status_code == 400 and "INVALID_COUNTY_CODE" in page.content.decode()
    broken = preset_text("tongxu").replace("zone: intake}", "zone: nowhere}", 1)
    page = post(
        operator,
        "/counties/new",
        {
            "code": "410299",
            "name": "测试县",
            "province": "河南省",
            "source": "pack",
            "pack": SimpleUploadedFile("pack.yaml", broken.encode(), "text/yaml"),
        },
    )
    body = page.content.decode()
    assert page.status_code == 400 and "windows[3].zone" in body and "分区 nowhere 不存在" in body
    assert OnboardingJob.objects.count() == before and not County.objects.filter(code="410299").exists()


def test_suspend_and_resume(wushen) -> None:  # type: ignore[no-untyped-def]
    operator = _operator()
    assert post(operator, "/counties/410222/status", {"status": "suspended"}).status_code == 302
    assert County.objects.get(code="410222").status == CountyStatus.SUSPENDED
    row = get(operator, "/counties/").content.decode().split('data-code="410222"')[1].split("</tr>")[0]
    assert "已暂停" in row and "恢复" in row
    post(operator, "/counties/410222/status", {"status": "active"})
    assert County.objects.get(code="410222").status == CountyStatus.ACTIVE


def test_export_downloads_the_countys_pack_and_data(wushen) -> None:  # type: ignore[no-untyped-def]
    answer = _operator().get("/counties/331081/export.zip")
    assert answer.status_code == 200 and answer["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(answer.streaming_content)))
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["county"]["code"] == "331081" and "pack.yaml" in archive.namelist()


def test_county_staff_reach_none_of_the_console(wushen) -> None:  # type: ignore[no-untyped-def]
    admin = logged_in(wushen, Role.COUNTY_ADMIN)
    assert get(admin, "/counties/").status_code == 403
    assert admin.get("/counties/150626/export.zip").status_code == 403
    assert post(admin, "/counties/150626/status", {"status": "suspended"}).status_code == 403
    assert County.objects.get(code="150626").status == CountyStatus.ACTIVE


def test_loading_a_year_and_viewing_it(wushen) -> None:  # type: ignore[no-untyped-def]
    operator = _operator()
    years = get(operator, "/calendar/").content.decode()
    assert "内置数据" in years
    answer = post(
        operator,
        "/calendar/load",
        {
            "year": "2027",
            "source": "国办发明电〔2026〕测试号",
            "holidays": "2027-01-01 元旦\n2027-10-01 至 2027-10-07 国庆节",
            "workdays": "2027-09-26\n2027-10-09",
        },
    )
    assert answer.status_code == 302 and answer["Location"] == "/calendar/2027/"
    page = get(operator, "/calendar/2027/").content.decode()
    assert "国庆节" in page and "10月1日–10月7日" in page and "9月26日" in page and "已加载" in page
    bad = post(operator, "/calendar/load", {"year": "2028", "holidays": "2028-13-01 春节", "workdays": ""})
    assert bad.status_code == 400 and "第 1 行" in bad.content.decode()
    assert not NationalCalendarYear.objects.filter(year=2028).exists()


def test_the_provincial_catalog_shows_which_counties_claim_an_item(wushen) -> None:  # type: ignore[no-untyped-def]
    operator = _operator()
    page = get(operator, "/catalog/?province=内蒙古自治区").content.decode()
    assert "认领的县" in page and ">乌审旗</a>" in page
    assert "温岭市" not in page.split("<tbody>")[1]  # 浙江 is not in 内蒙古's rows
    bundles = get(operator, "/catalog/bundles/").content.decode()
    assert "<code>N2024-01</code>" in bundles and "企业信息变更" in bundles


def test_loading_the_provincial_catalog_all_or_nothing(wushen) -> None:  # type: ignore[no-untyped-def]
    from onewindow.platform.catalog.models import ProvincialItem

    operator = _operator()
    good = (
        "浙江省:\n  - {code: ZJ-XK-0099, name: 测试许可, item_type: licensing, competent_department: 测试部门,"
        " implementing_body: 市测试局, legal_basis: 《测试条例》}\n"
    )
    answer = post(operator, "/catalog/load", {"document": good})
    assert answer.status_code == 302 and ProvincialItem.objects.filter(code="ZJ-XK-0099").exists()
    bad = good.replace("ZJ-XK-0099", "ZJ-XK-0100") + "河南省:\n  - {code: HA-XX, name: 缺类型}\n"
    page = post(operator, "/catalog/load", {"document": bad})
    body = page.content.decode()
    assert page.status_code == 400 and "河南省[0].item_type" in body and "河南省[0].legal_basis" in body
    assert not ProvincialItem.objects.filter(code="ZJ-XK-0100").exists()  # 浙江 not loaded either
    broken = post(operator, "/catalog/load", {"document": "浙江省: [oops"})
    assert broken.status_code == 400 and "INVALID_YAML" in broken.content.decode()
    admin = logged_in(wushen, Role.COUNTY_ADMIN)
    assert post(admin, "/catalog/load", {"document": good}).status_code == 403


def test_the_first_admins_password_only_until_that_account_has_logged_in(wushen) -> None:  # type: ignore[no-untyped-def]
    from django.utils import timezone

    from onewindow.platform.accounts.models import User

    operator = _operator()
    answer = post(
        operator,
        "/counties/new",
        {
            "code": "150625",
            "name": "杭锦旗",
            "province": "内蒙古自治区",
            "source": "preset",
            "preset": "wushen",
            "admin": "hangjin-admin",
        },
    )
    run_job(OnboardingJob.objects.get(code="150625").pk)
    assert "临时密码" in post(operator, answer["Location"] + "admin-password", {}).content.decode()
    User.objects.filter(username="hangjin-admin").update(last_login=timezone.now())
    again = post(operator, answer["Location"] + "admin-password", {})
    assert again.status_code == 400 and "ADMIN_ALREADY_ACTIVE" in again.content.decode()
