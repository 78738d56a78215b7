"""Resolvers never switch schemas themselves: crossing goes through the named escape hatches
(``core.tenancy.dangerously_in_county`` / ``in_public``), so every crossing is greppable."""

from __future__ import annotations

import re
from pathlib import Path

import onewindow.graphql

ROOT = Path(onewindow.graphql.__file__).parent
BARE_SWITCH = re.compile(r"\b(tenant_context|schema_context|set_tenant|set_schema(_to_public)?)\b")
# still switching by hand until the policy-pack refactor lands its own conversion
NOT_YET = {"policy/platform_queries.py", "policy/mutations/apply_county_policy_pack.py"}


def test_no_resolver_switches_schemas_by_hand() -> None:
    offenders = sorted(
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*.py")
        if str(path.relative_to(ROOT)) not in NOT_YET and BARE_SWITCH.search(path.read_text(encoding="utf-8"))
    )
    assert offenders == []
