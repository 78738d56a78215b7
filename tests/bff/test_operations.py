"""Every persisted operation of the BFF is valid against the committed SDL (ARCHITECTURE §2)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from graphql import build_schema, parse, validate
from onewindow.bff.operations import all_operations

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = {
    "county": build_schema((ROOT / "graphql" / "schema.graphql").read_text()),
    "platform": build_schema((ROOT / "graphql" / "platform.graphql").read_text()),
}
OPERATIONS = all_operations()


def test_there_are_operations() -> None:
    assert len(OPERATIONS) >= 10


@pytest.mark.parametrize("op", OPERATIONS, ids=[o.name for o in OPERATIONS])
def test_operation_is_valid_against_the_committed_sdl(op) -> None:  # type: ignore[no-untyped-def]
    document = parse(op.document)
    for schema in op.schemas:
        errors = validate(SCHEMAS[schema], document)
        assert not errors, f"{op.path} ({schema}): {[e.message for e in errors]}"
    assert len(document.definitions) == 1, "one named operation per file"
    assert document.definitions[0].name is not None, "operations are named"


def test_every_operation_a_view_names_exists() -> None:
    """A view that runs ``query(request, "area/name")`` has that file (no typo reaches a user)."""
    names = {o.name for o in OPERATIONS}
    bff = ROOT / "frontend-bff" / "onewindow" / "bff"
    used = set()
    for module in bff.rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in {"query", "mutate", "_run"}
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
            ):
                used.add(node.args[1].value)
    assert used, "the scan found the views' operations"
    assert used <= names, sorted(used - names)


@pytest.mark.parametrize("op", OPERATIONS, ids=[o.name for o in OPERATIONS])
def test_operation_is_within_the_query_limits_of_its_callers(op) -> None:  # type: ignore[no-untyped-def]
    """Every page's operation passes a member's limits; the public pages' (办事指南, 回执, 进度查询,
    评价), run as nobody, pass the anonymous ones."""
    from onewindow.graphql.core.validation import limits_for, limits_rule
    from onewindow.graphql.core.views import parse_limited

    limits = limits_for(authenticated=not op.name.startswith("public/"))
    document = parse_limited(op.document, limits)
    for schema in op.schemas:
        errors = validate(SCHEMAS[schema], document, [limits_rule(limits)])
        assert not errors, f"{op.path}: {[e.message for e in errors]}"
