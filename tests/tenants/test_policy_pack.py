"""Policy packs: the document and the database agree; apply is idempotent, transactional,
versioned; errors name the YAML path."""

from __future__ import annotations

import pytest
import yaml
from django.db import connection

from onewindow.platform.core.errors import ValidationErrors
from onewindow.tenants.audit.models import AuditEvent
from onewindow.tenants.hall.models import Window
from onewindow.tenants.policy.document import dump_pack, parse_pack
from onewindow.tenants.policy.models import PolicyVersion
from onewindow.tenants.policy.presets import SEED_PRESETS, preset_text
from onewindow.tenants.policy.services import apply_text, diff_against_county, export_yaml, validate_text

pytestmark = pytest.mark.django_db


def edited(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def errors_of(text: str) -> dict[str, str]:
    with pytest.raises(ValidationErrors) as err:
        apply_text(text, actor="tests")
    return {d.field or "": d.code for d in err.value.details}


@pytest.mark.parametrize("code", sorted(SEED_PRESETS))
def test_each_seed_county_came_up_from_its_preset(code: str) -> None:
    from onewindow.platform.counties.models import County

    connection.set_tenant(County.objects.get(code=code))
    preset = parse_pack(preset_text(SEED_PRESETS[code]))
    assert diff_against_county(preset) == []  # the database says what the preset says
    assert PolicyVersion.objects.get(number=1).source == f"onboarding:{SEED_PRESETS[code]}"


def test_export_apply_export_is_byte_stable_and_a_no_op() -> None:
    first = export_yaml()
    result = apply_text(first, actor="tests")
    assert result.version is None and result.diff == []
    assert export_yaml() == first
    assert dump_pack(parse_pack(first)) == first


def test_apply_records_a_version_with_its_diff_author_and_audit() -> None:
    text = edited(export_yaml(), "name: 综合出件窗口", "name: 综合出件窗口（一楼）")
    result = apply_text(text, actor="tests", source="unit")
    assert result.version is not None and result.version.number == 2
    assert result.diff == [
        {
            "path": "windows.CJ01",
            "change": "changed",
            "fields": ["name"],
            "before": {"name": "综合出件窗口"},
            "after": {"name": "综合出件窗口（一楼）"},
        }
    ]
    assert result.version.author == "tests" and "综合出件窗口（一楼）" in result.version.document
    assert AuditEvent.objects.filter(action="policy.applied", subject_id=str(result.version.pk)).exists()
    assert Window.objects.get(code="CJ01").name == "综合出件窗口（一楼）"


def test_a_window_left_out_is_retired_and_comes_back_when_listed_again() -> None:
    original = export_yaml()
    data = yaml.safe_load(original)
    data["windows"] = [w for w in data["windows"] if w["code"] != "BB01"]
    data["staff"] = [s for s in data["staff"] if s.get("window") != "BB01"] + [
        {**s, "window": None} for s in data["staff"] if s.get("window") == "BB01"
    ]
    data["queueing"]["serving"] = [s for s in data["queueing"]["serving"] if s["window"] != "BB01"]
    result = apply_text(yaml.safe_dump(data, allow_unicode=True), actor="tests")
    assert any(c["path"] == "windows.BB01" and c["change"] == "retired" for c in result.diff)
    assert Window.objects.get(code="BB01").retired_at is not None
    assert "BB01" not in export_yaml()
    apply_text(original, actor="tests")
    assert Window.objects.get(code="BB01").retired_at is None


def test_a_bad_pack_changes_nothing_and_names_every_path() -> None:
    before = export_yaml()
    text = edited(before, "name: 综合出件窗口", "name: 已改名")  # a valid change …
    text = edited(text, "zone: enterprise", "zone: nowhere")  # … and broken ones
    text = edited(text, "promised_limit_days: 3", "promised_limit_days: 30")
    assert errors_of(text) == {
        "windows[0].zone": "UNKNOWN_REFERENCE",
        "items[5].promised_limit_days": "PROMISED_EXCEEDS_STATUTORY",
    }
    assert export_yaml() == before
    assert PolicyVersion.objects.count() == 1


def _set(section: str, index: int, **fields: object):  # type: ignore[no-untyped-def]
    def change(data: dict) -> None:  # type: ignore[type-arg]
        data[section][index].update(fields)

    return change


@pytest.mark.parametrize(
    ("change", "path", "code"),
    [
        (_set("items", 1, promised_limit_days=2), "items[1].promised_limit_days", "IMMEDIATE_HAS_LIMIT"),
        (_set("items", 0, visits_required=2), "items[0].visits_required", "FULLY_ONLINE_HAS_VISITS"),
        (
            _set("items", 5, promised_limit_days=None),
            "items[5].promised_limit_days",
            "PROMISED_LIMIT_REQUIRED",
        ),
        (_set("departments", 1, code="zwfw"), "departments[1].code", "DUPLICATE_CODE"),
        (_set("windows", 0, kind="everything"), "windows[0].kind", "INVALID_CHOICE"),
        (_set("departments", 0, colour="red"), "departments[0].colour", "UNKNOWN_FIELD"),
        (
            _set("items", 0, provincial_code="NM-XK-9999"),
            "items[0].provincial_code",
            "UNKNOWN_PROVINCIAL_ITEM",
        ),
        (_set("bundles", 1, items=["QY-ZX"]), "bundles[1].items", "BUNDLE_TOO_SMALL"),
        (_set("windows", 0, kind="value_added"), "windows[0]", "INVALID_VALUE"),
    ],
)
def test_rules_name_the_yaml_path(change, path: str, code: str) -> None:  # type: ignore[no-untyped-def]
    data = yaml.safe_load(export_yaml())
    change(data)
    assert errors_of(yaml.safe_dump(data, allow_unicode=True)).get(path) == code


def test_team_shape_is_checked() -> None:
    data = yaml.safe_load(export_yaml())
    data["teams"][0]["members"][0]["role"] = "deputy"  # the coordination group loses its leader
    assert errors_of(yaml.safe_dump(data, allow_unicode=True)) == {"teams[0].members": "TEAM_SHAPE"}


def test_invalid_yaml_and_wrong_county() -> None:
    assert errors_of("windows: [unclosed") == {"": "YAML_INVALID"}
    wrong = edited(export_yaml(), "code: '150626'", "code: '331081'")
    assert errors_of(wrong) == {"county.code": "COUNTY_MISMATCH"}


def test_validate_needs_no_county() -> None:
    connection.set_schema_to_public()
    pack = validate_text(preset_text("tongxu"))
    assert pack.county.name == "通许县" and len(pack.windows) == 8


def test_a_claim_inherits_the_unified_elements() -> None:
    from onewindow.tenants.catalog.models import ServiceItem

    item = ServiceItem.objects.get(code="QY-SL")
    assert (item.name, item.item_type, item.implementing_body) == (
        "公司设立登记",
        "licensing",
        "旗市场监督管理局",
    )


def test_a_bundle_may_name_a_national_list_entry() -> None:
    data = yaml.safe_load(export_yaml())
    data["bundles"][0]["national_code"] = "N2024-01"
    apply_text(yaml.safe_dump(data, allow_unicode=True), actor="tests")
    data["bundles"][0]["national_code"] = "N9999-99"
    assert errors_of(yaml.safe_dump(data, allow_unicode=True)) == {
        "bundles[0].national_code": "UNKNOWN_NATIONAL_BUNDLE"
    }


def test_an_entry_edit_is_refused_with_the_pack_path() -> None:
    from onewindow.tenants.policy.services import EntryErrors, save_entry

    index = [w["code"] for w in yaml.safe_load(export_yaml())["windows"]].index("CJ01")
    with pytest.raises(EntryErrors) as err:
        save_entry("windows", {"code": "CJ01", "zone": "nowhere"}, actor="tests")
    assert err.value.entry == f"windows[{index}]"
    assert [(d.field, d.code) for d in err.value.details] == [(f"windows[{index}].zone", "UNKNOWN_REFERENCE")]


def test_a_rule_names_only_known_events() -> None:
    data = yaml.safe_load(export_yaml())
    data["rule_sets"][0]["categories"][0]["rules"][0]["events"] = ["no_such_event"]
    assert errors_of(yaml.safe_dump(data, allow_unicode=True)) == {
        "rule_sets[0].categories[0].rules[0].events[0]": "UNKNOWN_EVENT"
    }
