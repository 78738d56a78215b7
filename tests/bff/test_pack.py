"""The pack, whole: download, validate with every error's YAML path, diff field by field, apply,
roll back — nothing applied until the admin says so."""

from __future__ import annotations

import pytest
import yaml

from onewindow.platform.accounts.roles import Role
from onewindow.tenants.hall.models import Window
from onewindow.tenants.policy.models import PolicyVersion
from tests.bff.helpers import get, logged_in, post

pytestmark = pytest.mark.django_db
BASE = "/c/150626/admin/pack/"


def test_download_edit_preview_apply_and_roll_back(wushen) -> None:  # type: ignore[no-untyped-def]
    admin = logged_in(wushen, Role.COUNTY_ADMIN)
    downloaded = get(admin, f"{BASE}?download=1")
    assert downloaded.status_code == 200 and downloaded["Content-Disposition"].endswith('policy-150626.yaml"')
    pack = yaml.safe_load(downloaded.content)
    pack["windows"][0]["name"] = "改名后的窗口"
    edited = yaml.safe_dump(pack, allow_unicode=True, sort_keys=False)
    before = PolicyVersion.objects.count()
    preview = post(admin, f"{BASE}preview", {"document": edited}).content.decode()
    assert "应用后的变化（1 处）" in preview and "改名后的窗口" in preview
    assert PolicyVersion.objects.count() == before  # a preview applies nothing
    done = post(admin, f"{BASE}apply", {"document": edited})
    assert done.status_code == 302 and PolicyVersion.objects.count() == before + 1
    code = pack["windows"][0]["code"]
    assert Window.objects.get(code=code).name == "改名后的窗口"
    back = post(admin, f"{BASE}rollback", {"version": str(before)})
    assert back.status_code == 302 and Window.objects.get(code=code).name != "改名后的窗口"
    assert PolicyVersion.objects.count() == before + 2  # a roll-back is a new version
    history = get(admin, BASE).content.decode()
    assert history.index(f"<td>第 {before + 2} 版</td>") < history.index("<td>第 1 版</td>")  # in force first


def test_a_pack_with_errors_shows_each_yaml_path_and_applies_nothing(wushen) -> None:  # type: ignore[no-untyped-def]
    admin = logged_in(wushen, Role.COUNTY_ADMIN)
    pack = yaml.safe_load(get(admin, f"{BASE}?download=1").content)
    pack["windows"][3]["zone"] = "nowhere"
    pack["staff"][0]["department"] = "nobody"
    response = post(admin, f"{BASE}preview", {"document": yaml.safe_dump(pack, allow_unicode=True)})
    page = response.content.decode()
    assert response.status_code == 400
    assert "windows[3].zone" in page and "staff[0].department" in page and "UNKNOWN_REFERENCE" in page
    broken = post(admin, f"{BASE}preview", {"document": "windows: [oops"})
    assert broken.status_code == 400 and "政策包有问题" in broken.content.decode()
