"""The queue slices of the pack: each seed county's queues and rules from its preset, and every
problem named by its YAML path."""

from __future__ import annotations

import pytest
import yaml
from django.db import connection

from onewindow.platform.core.errors import ValidationErrors
from onewindow.platform.counties.models import County
from onewindow.tenants.policy.services import apply_text, export_yaml
from onewindow.tenants.queueing.hours import queue_rules
from onewindow.tenants.queueing.models import Queue

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("code", "queues", "window", "serves"),
    [
        ("150626", ["A", "F", "Y", "C", "D", "G"], "ZC01", ["A", "Y", "F"]),
        ("331081", ["A", "V", "B", "G", "C"], "ZZ-JR", ["V"]),
        ("410222", ["A", "S", "F", "Y", "C", "T", "D"], "YJS", ["Y", "A"]),
    ],
)
def test_each_seed_county_has_its_halls_queues(
    code: str, queues: list[str], window: str, serves: list[str]
) -> None:
    connection.set_tenant(County.objects.get(code=code))
    assert list(Queue.objects.live().values_list("code", flat=True)) == queues
    rules = queue_rules()
    assert next(s.queues for s in rules.serving if s.window == window) == serves
    assert rules.priority.groups  # every seed names 绿色通道 (004 第十五条, 003 老弱病残孕)
    assert rules.extra_hours  # 延时 / 周末 service (000 第十三条, 003 二(一)4, 004 第十五条)


def test_温岭_has_eight_value_added_windows_on_one_queue() -> None:
    connection.set_tenant(County.objects.get(code="331081"))
    value_added = [s.window for s in queue_rules().serving if s.queues == ["V"]]
    assert len(value_added) == 8 and all(w.startswith("ZZ-") for w in value_added)


def errors_of(data: dict) -> dict[str, str]:  # type: ignore[type-arg]
    with pytest.raises(ValidationErrors) as err:
        apply_text(yaml.safe_dump(data, allow_unicode=True), actor="tests")
    return {d.field or "": d.code for d in err.value.details}


def _edit(change):  # type: ignore[no-untyped-def]
    data = yaml.safe_load(export_yaml())
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "path", "code"),
    [
        (lambda d: d["queues"][1].update(prefix="A"), "queues[1].prefix", "DUPLICATE_CODE"),
        (lambda d: d["queues"][0].update(prefix="a1"), "queues[0].prefix", "INVALID_CODE"),
        (lambda d: d["queues"][0].update(zones=["nowhere"]), "queues[0].zones[0]", "UNKNOWN_REFERENCE"),
        (
            lambda d: d["queueing"]["serving"][0].update(window="ZZ99"),
            "queueing.serving[0].window",
            "UNKNOWN_REFERENCE",
        ),
        (
            lambda d: d["queueing"]["serving"][0].update(queues=["A", "Q"]),
            "queueing.serving[0].queues[1]",
            "UNKNOWN_REFERENCE",
        ),
        (
            lambda d: d["queueing"]["hours"][0].update(intervals=["12:00-09:00"]),
            "queueing.hours[0].intervals[0]",
            "INVALID_VALUE",
        ),
        (
            lambda d: d["queueing"]["hours"][0].update(intervals=["09:00-12:30", "12:00-17:00"]),
            "queueing.hours[0].intervals",
            "INTERVALS_OVERLAP",
        ),
        (
            lambda d: d["queueing"]["hours"][0].update(
                intervals=["08:00-09:00", "09:10-10:00", "10:10-11:00", "11:10-12:00", "13:00-14:00"]
            ),
            "queueing.hours[0].intervals",
            "INVALID_VALUE",
        ),
        (
            lambda d: d["queueing"]["extra_hours"][0].update(intervals=["17:00-18:30"]),
            "queueing.extra_hours[0].intervals",
            "INTERVALS_OVERLAP",
        ),
        (
            lambda d: d["queueing"]["extra_hours"][0].update(queues=["Q"]),
            "queueing.extra_hours[0].queues[0]",
            "UNKNOWN_REFERENCE",
        ),
        (
            lambda d: d["queueing"]["priority"].update(appointment={"mode": "interleave"}),
            "queueing.priority.appointment",
            "INVALID_VALUE",
        ),
        (
            lambda d: d["queueing"]["priority"].update(groups=["vip"]),
            "queueing.priority.groups[0]",
            "INVALID_CHOICE",
        ),
        (
            lambda d: d["queueing"]["priority"].update(fairness_minutes=0),
            "queueing.priority.fairness_minutes",
            "INVALID_VALUE",
        ),
        (
            lambda d: d["queueing"]["serving"].remove({"window": "CJ01", "queues": ["C"]}),
            "queueing.serving",
            "UNSERVED_QUEUE",
        ),
    ],
)
def test_problems_name_the_yaml_path(change, path: str, code: str) -> None:  # type: ignore[no-untyped-def]
    assert errors_of(_edit(change)).get(path) == code


def test_the_rules_round_trip_and_an_edit_is_a_version() -> None:
    text = export_yaml()
    assert apply_text(text, actor="tests").version is None  # idempotent
    data = yaml.safe_load(text)
    data["queueing"].setdefault("no_show", {})["calls"] = 2
    result = apply_text(yaml.safe_dump(data, allow_unicode=True), actor="tests")
    assert result.version is not None
    assert queue_rules().no_show.calls == 2
