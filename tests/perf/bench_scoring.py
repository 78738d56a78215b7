"""Benchmark: closing an assessment period for 100 subjects with 10,000 incidents.

    python3 -m uv run python tests/perf/bench_scoring.py [--subjects 100] [--incidents 10000]

A scratch county from the 乌审旗 preset, grown to ``--subjects`` departments through its pack,
gets ``--incidents`` incidents spread over the quarter's rules; the figure is the time of
``close_period`` (automatic-incident sweep, one GROUP BY, scoring, ranking, storing).
Target: ≤ 2 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from bench_onboarding import drop, recreate, scratch_url


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subjects", type=int, default=100)
    parser.add_argument("--incidents", type=int, default=10_000)
    args = parser.parse_args()
    os.environ.setdefault("ONEWINDOW_TESTING", "1")
    url = scratch_url()
    recreate(url)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "onewindow.platform.project.settings"
    import logging

    import django
    import yaml

    django.setup()
    logging.disable(logging.WARNING)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django_tenants.utils import tenant_context

    from onewindow.platform.catalog.services import ensure_example_catalogs
    from onewindow.platform.core import clock
    from onewindow.platform.counties.models import County
    from onewindow.platform.counties.schemas import migrate_all
    from onewindow.platform.counties.services import ensure_platform_tenant
    from onewindow.platform.onboarding.services import onboard_now
    from onewindow.tenants.policy.services import apply_text, export_yaml
    from onewindow.tenants.scoring.models import Incident, Result, RuleSet
    from onewindow.tenants.scoring.services import close_period, open_period

    try:
        migrate_all(progress=lambda _m: None)
        ensure_platform_tenant()
        ensure_example_catalogs()
        onboard_now("150626", "乌审旗", "内蒙古自治区", preset="wushen", actor="bench")
        with tenant_context(County.objects.get(code="150626")):
            data = yaml.safe_load(export_yaml())
            existing = len(data["departments"])
            data["departments"] += [
                {"code": f"d{i:03d}", "name": f"基准部门{i}"} for i in range(args.subjects - existing)
            ]
            # every department scored (not only 附件3 二's six); no staff assessment is recorded,
            # so each is closed unranked rather than refused
            data["rule_sets"][0]["subjects"] = []
            data["rule_sets"][0]["missing_input"] = "unranked"
            apply_text(yaml.safe_dump(data, allow_unicode=True), actor="bench")
            rule_set = RuleSet.objects.get(code="qiye-zhuanqu")
            rules = [f"R{i}" for i in range(1, 12)]
            subjects = [d["code"] for d in data["departments"]]
            rng = random.Random(7)
            now = clock.now()
            Incident.objects.bulk_create(
                [
                    Incident(
                        rule_set=rule_set,
                        rule=rng.choice(rules),
                        subject=rng.choice(subjects),
                        occurred_on=dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(90)),
                        recorder="bench",
                        created_at=now,
                    )
                    for _ in range(args.incidents)
                ],
                batch_size=5000,
            )
            period = open_period("qiye-zhuanqu", dt.date(2026, 2, 1), actor="bench")
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                close_period(period.pk, actor="bench", post_days=3)
                seconds = time.perf_counter() - started
            top = Result.objects.filter(period=period).order_by("rank").first()
            print(
                f"close_period: {args.subjects} subjects, {args.incidents} incidents: {seconds:.3f} s "
                f"({len(ctx.captured_queries)} SQL statements); rank 1 = {top.subject} {top.total}"
            )
    finally:
        connection.close()
        drop(url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
