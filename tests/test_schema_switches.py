"""Crossing schemas goes through the named helpers of ``onewindow.platform.core.tenancy``.

A request or a task already runs in its own county (the routing middleware and
tenant-schemas-celery's task base set it); code that reaches into another county says so with
``dangerously_in_county()``, or goes back to the platform tables with ``in_public()``. Nothing
else imports django-tenants' ``tenant_context``/``schema_context`` or switches the connection.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE_ROOTS = ("platform", "tenants", "graphql", "frontend-bff")
SWITCHES = {"tenant_context", "schema_context", "set_tenant", "set_schema", "set_schema_to_public"}
# Setting a county without restoring the previous one: only for the request's own county.
OWN_COUNTY = {"use_county"}

ALLOWED_SWITCHES = {
    "platform/onewindow/platform/core/tenancy.py",  # the helpers themselves
}
ALLOWED_OWN_COUNTY = {"platform/onewindow/platform/project/middleware.py"}  # the routing middleware


def _names_used(path: Path) -> set[str]:
    """Names imported from django-tenants or the tenancy helpers, and attributes called."""
    used: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            ("django_tenants", "onewindow.platform.core.tenancy")
        ):
            used.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Attribute):
            used.add(node.attr)
    return used


def _modules_using(names: set[str]) -> set[str]:
    return {
        path.relative_to(ROOT).as_posix()
        for root in SOURCE_ROOTS
        for path in (ROOT / root).rglob("*.py")
        if _names_used(path) & names
    }


def test_only_the_tenancy_helpers_switch_schemas() -> None:
    using = _modules_using(SWITCHES)
    assert using - ALLOWED_SWITCHES == set(), "use dangerously_in_county() / in_public()"
    assert ALLOWED_SWITCHES - using == set(), "converted: remove from ALLOWED_SWITCHES"


def test_only_the_routing_middleware_sets_a_county_for_good() -> None:
    using = _modules_using(OWN_COUNTY)
    assert using - ALLOWED_OWN_COUNTY == set(), "use dangerously_in_county()"
    assert ALLOWED_OWN_COUNTY - using == set()


def test_a_bare_switch_is_seen(tmp_path: Path) -> None:
    module = tmp_path / "resolver.py"
    module.write_text(
        "from django.db import connection\n"
        "from django_tenants.utils import schema_context as public\n"
        "def other(county):\n"
        "    connection.set_tenant(county)\n"
    )
    assert _names_used(module) >= {"schema_context", "set_tenant"}
