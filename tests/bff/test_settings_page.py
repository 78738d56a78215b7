"""县级设置: 好差评, 办不成事 and 目录调整 settings edited in the browser, each save one pack
version with only its own fields changed; bad numbers shown beside the field, nothing saved."""

from __future__ import annotations

import pytest

from onewindow.platform.accounts.roles import Role
from onewindow.tenants.catalogchanges.policy import CATALOG_CHANGES
from onewindow.tenants.fallback.policy import FALLBACK
from onewindow.tenants.policy.models import PolicyVersion
from onewindow.tenants.reviews.policy import REVIEWS
from tests.bff.helpers import get, logged_in, post

pytestmark = pytest.mark.django_db
BASE = "/c/331081/admin/settings/"


def test_each_section_saves_its_own_fields(wenling) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection

    connection.set_tenant(wenling)
    admin = logged_in(wenling, Role.COUNTY_ADMIN)
    page = get(admin, BASE).content.decode()
    assert "好差评" in page and "疑难复杂问题" in page
    # 温岭's seed (002) sets no catalog-change limit: the clock is off, the fields blank
    assert 'name="reportWithinDays" value=""' in page and "本县未设时限：目录调整登记后不计时" in page
    before = PolicyVersion.objects.count()
    reviews = REVIEWS.export()
    answer = post(admin, f"{BASE}reviews", {"callbackDays": "2"})
    assert answer.status_code == 302
    connection.set_tenant(wenling)
    assert REVIEWS.export() == {**reviews, "callback_days": 2}
    tiers = FALLBACK.export()["tiers"]
    post(
        admin,
        f"{BASE}fallback",
        {
            "general_owner": tiers[0]["owner"],
            "general_days": "3",
            "hard_owner": tiers[1]["owner"],
            "hard_days": str(tiers[1]["days"]),
            "very_hard_owner": tiers[2]["owner"],
            "very_hard_days": str(tiers[2]["days"]),
            "disciplineReferral": "1",
        },
    )
    connection.set_tenant(wenling)
    saved = FALLBACK.export()
    assert saved["tiers"][0]["days"] == 3 and saved["tiers"][1] == tiers[1] and saved["discipline_referral"]
    assert PolicyVersion.objects.count() == before + 2


def test_a_bad_number_is_shown_and_nothing_changes(wenling) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection

    admin = logged_in(wenling, Role.COUNTY_ADMIN)
    connection.set_tenant(wenling)
    before = (PolicyVersion.objects.count(), CATALOG_CHANGES.export())
    bad = post(admin, f"{BASE}catalog-changes", {"reportWithinDays": "三"})
    assert bad.status_code == 400 and "请填写整数" in bad.content.decode()
    out_of_range = post(admin, f"{BASE}catalog-changes", {"reportWithinDays": "99"})
    assert out_of_range.status_code == 400
    connection.set_tenant(wenling)
    assert (PolicyVersion.objects.count(), CATALOG_CHANGES.export()) == before


def test_a_clerk_and_another_countys_admin_cannot_change_settings(wenling, wushen) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection

    clerk = logged_in(wenling, Role.INTAKE_CLERK)
    assert post(clerk, f"{BASE}reviews", {"callbackDays": "9"}).status_code == 403
    other = logged_in(wushen, Role.COUNTY_ADMIN)
    assert post(other, f"{BASE}reviews", {"callbackDays": "9"}).status_code == 403
    connection.set_tenant(wenling)
    assert REVIEWS.export()["callback_days"] != 9
    assert get(clerk, BASE).status_code == 403


def test_the_documents_section_turns_on_the_receipt_sms(wenling) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection

    from onewindow.tenants.documents.policy import DOCUMENTS

    connection.set_tenant(wenling)
    admin = logged_in(wenling, Role.COUNTY_ADMIN)
    page = get(admin, BASE).content.decode()
    assert 'name="contactPhone" value="0576-86181234"' in page  # 温岭 preset (example data)
    form = {
        "issuer": "温岭市行政服务中心",
        "contactPhone": "0576-86181234",
        "address": "",
        "deliveries": ["pickup"],
    }
    answer = post(
        admin, f"{BASE}documents", {**form, "receiptSms": "1", "publicAddress": "https://zwfw.wl.example"}
    )
    assert answer.status_code == 302
    connection.set_tenant(wenling)
    saved = DOCUMENTS.export()
    assert saved["receipt_sms"] and saved["deliveries"] == ["pickup"]
    assert saved["public_address"] == "https://zwfw.wl.example"
    bad = post(admin, f"{BASE}documents", {**form, "publicAddress": "zwfw.wl.example"})
    assert bad.status_code == 400 and "https://" in bad.content.decode()
    connection.set_tenant(wenling)
    assert DOCUMENTS.export() == saved  # nothing changed


def test_the_hall_rules_and_the_clocks_each_county_carries(wenling, tongxu, wushen) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection

    from onewindow.tenants.hall.policy import HALL

    # 温岭 002 三(二) 对即办件，当场办结后由窗口直接发证送达: 即办件 ticked, 承诺件 not
    admin = logged_in(wenling, Role.COUNTY_ADMIN)
    page = get(admin, BASE).content.decode()
    assert 'value="immediate" id="direct-immediate" checked' in page
    assert 'value="promised" id="direct-promised">' in page
    assert "本县未设时限：投诉登记后不计时" in page  # 温岭's seed sets no complaint limit
    # the county switches short postings to refused and keeps its direct issuance
    post(admin, f"{BASE}hall", {"shortPosting": "refuse", "directIssuance": ["immediate"]})
    connection.set_tenant(wenling)
    assert HALL.export() == {"short_posting": "refuse", "direct_issuance": ["immediate"]}
    # 通许 004 第十二条: 3 and 7 working days
    page = get(logged_in(tongxu, Role.COUNTY_ADMIN), "/c/410222/admin/settings/").content.decode()
    assert 'name="reportWithinDays" value="3"' in page and 'name="applyWithinDays" value="7"' in page
    # 乌审旗 003 附件2 第六条 3: complaints within 3 working days
    page = get(logged_in(wushen, Role.COUNTY_ADMIN), "/c/150626/admin/settings/").content.decode()
    assert "接到投诉后 <strong>3</strong> 个工作日内" in page
