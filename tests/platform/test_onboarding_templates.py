"""Issue 17, 开通新县: a county in a province other than the seeds' starts from a province-neutral
template of a seed model (the hall's shape, the chains, the rule sets; no people, no county
names, no items) and the job lists what is left to fill in. Expected values from the seeds."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from django.db import connection

from onewindow.platform.core.errors import BusinessError
from onewindow.platform.core.tenancy import dangerously_in_county
from onewindow.platform.counties.models import County
from onewindow.platform.onboarding.jobs import prepare_pack
from onewindow.platform.onboarding.services import job_todo, onboard_now
from onewindow.tenants.policy.presets import preset_text
from onewindow.tenants.policy.templates import TEMPLATES, template_text

SEED_NAMES = ("乌审", "温岭", "通许", "嘎鲁图", "乌审召", "吴雨喆", "路瑶", "张敏", "林晓")


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_a_template_has_no_people_no_county_names_and_its_models_rule_sets(name: str) -> None:
    text = template_text(name)
    data = yaml.safe_load(text)
    assert not [n for n in SEED_NAMES if n in text]
    assert (data["staff"], data["items"]) == ([], [])
    assert data["rule_sets"] == yaml.safe_load(preset_text(TEMPLATES[name].model))["rule_sets"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_every_template_is_a_valid_pack_in_a_province_without_a_catalog(name: str) -> None:
    pack = prepare_pack("510131", "某县", "四川省", preset=name)
    assert pack.county.province == "四川省" and not pack.items


@pytest.mark.django_db
def test_a_seed_preset_in_another_province_still_fails_on_its_items() -> None:
    # the issue's finding, kept honest: 通许's items claim 河南 codes (HA-XK-0001 …)
    with pytest.raises(BusinessError) as err:
        prepare_pack("510131", "某县", "四川省", preset="tongxu")
    assert {d.code for d in err.value.details} == {"UNKNOWN_PROVINCIAL_ITEM"}


@pytest.fixture
def onboarded(django_db_setup: None, django_db_blocker: Any) -> Iterator[Any]:
    made: list[str] = []

    def onboard(code: str, name: str, province: str, preset: str, admin: str = "") -> Any:
        job = onboard_now(code, name, province, preset=preset, admin=admin, actor="tests")
        made.append(code)
        return job

    with django_db_blocker.unblock():
        yield onboard
        connection.set_schema_to_public()
        for county in County.objects.filter(code__in=made):
            county.delete(force_drop=True)


def test_a_sichuan_county_onboards_from_the_universal_window_template(onboarded) -> None:  # type: ignore[no-untyped-def]
    job = onboarded("510131", "蒲江样例县", "四川省", "wuchabie")
    assert job.status == "ready", job.errors
    county = County.objects.get(code="510131")
    with dangerously_in_county(county):
        from onewindow.tenants.hall.models import Department, StaffMember
        from onewindow.tenants.hall.selectors import universal_window_share

        assert StaffMember.objects.count() == 0
        assert "税务局" in set(Department.objects.values_list("name", flat=True))
        # 001 二(6): the template keeps the model's centre: ZC01–ZC04 universal + FL01 domain = 80%
        share = universal_window_share()
        assert (share.universal, share.comprehensive) == (4, 5)
    todo = {(t.path, t.message) for t in job_todo(job)}
    paths = [p for p, _ in todo]
    assert "staff" in paths and "sites" in paths and "assistance.complaint_within_days" in paths
    assert ("items", "还没有事项：从本省标准目录认领（四川省的省级标准目录尚未导入），或登记本地事项") in todo
    assert any(p == "" and m.startswith("尚未指定县级管理员") for p, m in todo)
    # 003 二(三)3: 便民服务中心至少2名代办员、便民服务站至少1名 — the template's sites have none yet
    # (the county centre's 1 is the preset's example minimum)
    below = {p: m for p, m in todo if "名代办员" in m}
    assert below == {
        "assistance_sites[0].agents": "政务服务中心（县级政务服务中心）只有 0 名代办员，至少应有 1 名",
        "assistance_sites[1].agents": "示例乡镇便民服务中心（乡镇（苏木镇）便民服务中心）只有 0 名代办员，至少应有 2 名",
        "assistance_sites[2].agents": "示例村（社区）便民服务站（村（嘎查、社区）便民服务站）只有 0 名代办员，至少应有 1 名",
    }


def test_a_henan_county_from_the_tongxu_preset_is_told_the_examples_are_tongxus(onboarded) -> None:  # type: ignore[no-untyped-def]
    job = onboarded("410223", "样例县", "河南省", "tongxu", admin="yangli-admin")
    assert job.status == "ready", job.errors
    todo = job_todo(job)
    assert todo[0].path == "" and "种子县预设 tongxu" in todo[0].message
    assert not any(t.message.startswith("尚未指定县级管理员") for t in todo)


@pytest.mark.django_db
def test_operators_see_the_templates_in_the_api(client) -> None:  # type: ignore[no-untyped-def]
    from onewindow.platform.accounts.roles import Role
    from tests.factories import member_of
    from tests.graphql.helpers import gql

    client.force_login(member_of(None, Role.PROVINCIAL_OPERATOR))
    _, body = gql(client, "{ onboardingTemplates { name label model } presets }")
    templates = {t["name"]: (t["label"], t["model"]) for t in body["data"]["onboardingTemplates"]}
    assert templates == {
        "fenlingyu": ("分领域综合窗口", "tongxu"),
        "zengzhi": ("增值服务窗口", "wenling"),
        "wuchabie": ("无差别综合窗口", "wushen"),
    }
