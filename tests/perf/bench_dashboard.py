"""Benchmark: 领导驾驶舱 with 50,000 cases in the county (issue 12).

    python3 -m uv run python tests/perf/bench_dashboard.py [--cases 50000] [--small 5000] [--rounds 20]
        [--years 1] [--explain]

A scratch county (乌审旗, ``scratch_county()``), filled in bulk: cases received over the last
year (``--years``) (a third still in the back office, some decided late), reviews for 60 % of them (the 差评
with their work orders), 办不成事 of every age, and one closed assessment period. Then, through
the whole middleware stack with a logged-in 领导:
- SQL statements of the page at ``--small`` cases and at ``--cases`` (target: equal);
- the median server time of the page, and of its GraphQL operations alone (``shell/county``
  and ``dashboard/dashboard`` posted to the county's /graphql), and their ratio (target ≤ 2×);
- with ``--explain``, EXPLAIN ANALYZE of each statement the dashboard selector runs.
Prints numbers, asserts only that the pages answer.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from bench_onboarding import scratch_county

URL = "/c/150626/dashboard/"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=50_000)
    parser.add_argument("--small", type=int, default=5_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--years", type=float, default=1.0, help="the cases spread over this many years")
    args = parser.parse_args()
    with scratch_county() as county:
        _measure(county, args)
    return 0


def _fill(count: int, offset: int, rng: random.Random, years: float = 1.0) -> None:
    """``count`` more cases (numbers from ``offset``), with their reviews, work orders, 办不成事."""
    from onewindow.platform.core import clock
    from onewindow.tenants.cases.models import Applicant, Case, CaseStatus
    from onewindow.tenants.catalog.models import ServiceItem
    from onewindow.tenants.fallback.models import FallbackCase, FallbackStatus
    from onewindow.tenants.hall.models import Window
    from onewindow.tenants.reviews.models import Review
    from onewindow.tenants.workorders.models import OrderStatus, WorkOrder

    now = clock.now()
    items = list(ServiceItem.objects.live().filter(promised_limit_days__isnull=False)[:20])
    desks = list(Window.objects.live()[:10])
    applicant, _ = Applicant.objects.get_or_create(
        id_number="B00000000000000000", defaults={"kind": "person", "name": "基准", "created_at": now}
    )
    cases = []
    for i in range(count):
        item = rng.choice(items)
        received = now - dt.timedelta(minutes=rng.randrange(int(years * 365 * 24 * 60)))
        accepted = received.astimezone(clock.COUNTY_TZ).date()
        due = accepted + dt.timedelta(days=(item.promised_limit_days or 1) * 7 // 5 + 1)
        roll = rng.random()
        if roll < 0.05:
            status, decided = CaseStatus.REFUSED, None
        elif received > now - dt.timedelta(days=30) and roll < 0.4:
            status, decided = CaseStatus.ACCEPTED, None  # still in the back office (some overdue)
        else:
            late = rng.random() < 0.1
            days = (due - accepted).days + (rng.randrange(1, 6) if late else -rng.randrange(0, 2))
            decided = min(received + dt.timedelta(days=max(days, 0), hours=3), now)
            status = CaseStatus.ISSUED if rng.random() < 0.8 else CaseStatus.APPROVED
        cases.append(
            Case(
                number=f"BENCH{offset + i:08d}",
                applicant=applicant,
                item=item,
                department_id=item.department_id,
                channel="window",
                window=rng.choice(desks),
                status=status,
                received_at=received,
                accepted_on=None if status == CaseStatus.REFUSED else accepted,
                promised_days=item.promised_limit_days,
                due_on=None if status == CaseStatus.REFUSED else due,
                decided_at=decided,
            )
        )
    made = Case.objects.bulk_create(cases, batch_size=5000)
    reviewed = [c for c in made if c.decided_at is not None and rng.random() < 0.75]
    levels = [5, 4, 3, 2, 1]
    Review.objects.bulk_create(
        (
            Review(
                case=c,
                window=c.window,
                level=rng.choices(levels, weights=[70, 20, 6, 3, 1])[0],
                channel="device",
                created_at=c.decided_at + dt.timedelta(hours=1),  # type: ignore[operator]
            )
            for c in reviewed
        ),
        batch_size=5000,
    )
    bad = Review.objects.filter(case__number__gte=f"BENCH{offset:08d}", level__lte=2).select_related("case")
    WorkOrder.objects.bulk_create(
        (
            WorkOrder(
                number=f"WO-{r.pk}",
                review=r,
                department_id=r.case.department_id,  # type: ignore[union-attr]
                status=OrderStatus.ARCHIVED
                if r.created_at < now - dt.timedelta(days=40)
                else OrderStatus.OPEN,
                opened_on=r.created_at.astimezone(clock.COUNTY_TZ).date(),
                callback_due_on=r.created_at.astimezone(clock.COUNTY_TZ).date(),
            )
            for r in bad
        ),
        batch_size=5000,
    )
    FallbackCase.objects.bulk_create(
        (
            FallbackCase(
                number=f"BF{offset + i:08d}",
                registered_at=now - dt.timedelta(hours=rng.randrange(365 * 24)),
                channel="fallback_window",
                summary="基准",
                applicant_name="基准",
                status=FallbackStatus.CLOSED if rng.random() < 0.9 else FallbackStatus.IN_HAND,
            )
            for i in range(count // 50)
        ),
        batch_size=5000,
    )


def _measure(county: object, args: argparse.Namespace) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from onewindow.bff.operations import operation
    from onewindow.platform.accounts.roles import Role
    from onewindow.platform.accounts.services import ensure_user, grant_membership
    from onewindow.platform.core import clock
    from onewindow.tenants.dashboard.selectors import dashboard
    from onewindow.tenants.scoring.services import close_period, open_period

    user = ensure_user("bench-leader", password="bench-pw-2026", actor="bench")
    grant_membership(user, county, [Role.LEADER], actor="bench")
    connection.set_tenant(county)
    period = open_period("qiye-zhuanqu", clock.today() - dt.timedelta(days=120), actor="bench")
    close_period(period.pk, actor="bench", post_days=3)
    rng = random.Random(12)
    client = Client()
    client.force_login(user)

    def get(path: str) -> bytes:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code, response.content[:500])
        return bytes(response.content)

    def graphql(name: str, variables: dict[str, object]) -> None:
        body = json.dumps({"query": operation(name).document, "variables": variables})
        response = client.post("/c/150626/graphql", body, content_type="application/json")
        data = json.loads(response.content)
        assert response.status_code == 200 and not data.get("errors"), data

    def statements() -> int:
        get(URL)
        with CaptureQueriesContext(connection) as ctx:
            get(URL)
        return len(ctx.captured_queries)

    started = time.perf_counter()
    _fill(args.small, 0, rng, args.years)
    connection.set_schema_to_public()
    small = statements()
    connection.set_tenant(county)
    _fill(args.cases - args.small, args.small, rng, args.years)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"cases: {args.cases} made in bulk in {time.perf_counter() - started:.1f}s")
    if args.explain:
        with CaptureQueriesContext(connection) as ctx:
            dashboard()
        with connection.cursor() as cursor:
            for q in ctx.captured_queries:
                if not q["sql"].startswith("SELECT"):
                    continue  # the schema switch
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + q["sql"])
                plan = [row[0] for row in cursor.fetchall()]
                print("\n" + q["sql"][:160] + " …")
                print("\n".join("    " + line for line in plan if "Scan" in line or "Execution" in line))
    connection.set_schema_to_public()
    large = statements()
    ops = [("shell/county", {}), ("dashboard/dashboard", {"weeks": 12, "top": 10})]
    page_times, api_times = [], []
    for _ in range(args.rounds):
        t = time.perf_counter()
        get(URL)
        page_times.append(time.perf_counter() - t)
        t = time.perf_counter()
        for op, variables in ops:
            graphql(op, variables)
        api_times.append(time.perf_counter() - t)
    p, a = statistics.median(page_times), statistics.median(api_times)
    print(
        f"dashboard page median {p * 1000:7.1f} ms; its GraphQL operations alone {a * 1000:7.1f} ms; "
        f"ratio {p / a:.2f}x (target <= 2x); SQL per page: {small} at {args.small} cases, "
        f"{large} at {args.cases} cases"
    )


if __name__ == "__main__":
    sys.exit(main())
