"""The short slice of the hardening probe (tests/hardening/fuzz.py) in the normal suite: a
fresh `onewindow up`, the malformed bodies of issue 14 under four identities, and 300
generated operations. The long run (≥ 5,000 requests) is run by hand (README beside this)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.hardening.fuzz import run, start_own_up, stop_own_up

pytestmark = pytest.mark.e2e
BUDGET = 600  # ≈ 250 malformed + the rest generated; the whole test stays under 3 minutes


def test_a_short_probe_finds_no_500_no_internal_error_no_leak_and_nothing_slow(tmp_path: Path) -> None:
    proc, base = start_own_up(tmp_path)
    try:
        report = run(base, BUDGET, run_seed=14)
    finally:
        stop_own_up(proc)
    figures = report.figures()
    print(json.dumps({k: v for k, v in figures.items() if k != "findings"}, ensure_ascii=False))
    assert report.requests == BUDGET and report.generated >= 300
    assert set(report.identities) == {"anonymous", "clerk", "admin", "operator"}
    assert report.cross_county_probes > 100
    assert report.ok, json.dumps(figures["findings"][:5], ensure_ascii=False, indent=2)
