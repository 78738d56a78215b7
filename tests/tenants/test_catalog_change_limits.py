"""The catalog-change limits are the county's pack (004 第十二条 gives 3 and 7 working days)."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from onewindow.platform.core import clock
from onewindow.tenants.catalogchanges.services import report_catalog_change
from onewindow.tenants.policy.services import apply_text, export_yaml

pytestmark = pytest.mark.django_db


def test_the_pack_carries_the_limits_and_the_deadlines_follow_them() -> None:
    pack = yaml.safe_load(export_yaml())
    assert "catalog_changes" not in pack  # the defaults (3 and 7) are not written out
    pack["catalog_changes"] = {"report_within_days": 5, "apply_within_days": 10}
    result = apply_text(yaml.safe_dump(pack, allow_unicode=True), actor="admin")
    assert [c["path"] for c in result.diff] == ["catalog_changes"]
    assert yaml.safe_load(export_yaml())["catalog_changes"]["apply_within_days"] == 10
    with clock.frozen_at("2026-11-02 09:00"):  # Monday; no holiday in the next three weeks
        request = report_catalog_change(
            department="scjg", summary="细则修订", rule_published_on=dt.date(2026, 11, 2), actor="scjg"
        )
    # 5 working days after Mon 11/2 is Mon 11/9; 10 after the report (11/2) is Mon 11/16
    assert (request.report_due, request.apply_due) == (dt.date(2026, 11, 9), dt.date(2026, 11, 16))


def test_a_limit_out_of_range_is_refused_with_its_yaml_path() -> None:
    from onewindow.platform.core.errors import ValidationErrors

    pack = yaml.safe_load(export_yaml())
    pack["catalog_changes"] = {"report_within_days": 0, "apply_within_days": 7}
    with pytest.raises(ValidationErrors) as err:
        apply_text(yaml.safe_dump(pack, allow_unicode=True), actor="admin")
    assert err.value.details[0].field == "catalog_changes.report_within_days"
    assert "catalog_changes" not in yaml.safe_load(export_yaml())  # nothing was written
