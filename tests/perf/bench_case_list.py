"""Benchmark: the GraphQL case list against a plain Django JSON view of the same 50 rows.

    python3 -m uv run python tests/perf/bench_case_list.py [--rounds 200]

Both run in-process through their view (same request object, same county, same user), with
the same membership check and the same query (50 cases with item, department and applicant,
masked as the API masks them).
Prints the medians, the ratio (target ≤ 1.6×) and the SQL query count of each.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from bench_onboarding import drop, recreate, scratch_url

QUERY = """{ cases(first: 50) { edges { node {
  number status dueOn itemName departmentName applicant { name idNumber phone }
} } } }"""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    os.environ.setdefault("ONEWINDOW_TESTING", "1")
    url = scratch_url()
    recreate(url)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "onewindow.platform.project.settings"
    import logging

    import django

    django.setup()
    logging.disable(logging.WARNING)
    from django.db import connection
    from django.http import JsonResponse
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from onewindow.graphql.cases.types import mask
    from onewindow.graphql.core.views import OneWindowGraphQLView
    from onewindow.graphql.schemas import county_schema
    from onewindow.platform.accounts.roles import Role
    from onewindow.platform.accounts.services import ensure_user, grant_membership, roles_in
    from onewindow.platform.catalog.services import ensure_example_catalogs
    from onewindow.platform.counties.models import County
    from onewindow.platform.counties.schemas import migrate_all
    from onewindow.platform.counties.services import ensure_platform_tenant
    from onewindow.platform.onboarding.services import onboard_now
    from onewindow.tenants.cases.selectors import case_list
    from onewindow.tenants.cases.services import ApplicantInput, receive_case

    try:
        migrate_all(progress=lambda _m: None)
        ensure_platform_tenant()
        ensure_example_catalogs()
        onboard_now("150626", "乌审旗", "内蒙古自治区", preset="wushen", actor="bench")
        county = County.objects.get(code="150626")
        user = ensure_user("bench-supervisor", actor="bench")
        grant_membership(user, county, [Role.SUPERVISOR], actor="bench")
        connection.set_tenant(county)
        for i in range(60):
            receive_case(
                applicant=ApplicantInput("person", f"申请人{i}", f"1506261990010{i:05d}", f"1380013{i:04d}"),
                item="QY-SL",
                channel="window",
                window="ZC01",
                provided=["sqs", "zc", "zs"],
                actor="bench",
            )

        def plain(request):  # type: ignore[no-untyped-def]
            # the same check the GraphQL view makes before any resolver: a member of this county
            if not roles_in(request.user, request.tenant):
                return JsonResponse({"error": "NOT_A_MEMBER"}, status=403)
            rows = case_list().filter(parent__isnull=True).order_by("-received_at", "-id")[:50]
            return JsonResponse(
                {
                    "cases": [
                        {
                            "number": c.number,
                            "status": c.status.upper(),
                            "dueOn": c.due_on.isoformat() if c.due_on else None,
                            "itemName": c.item.name if c.item else c.bundle.name,
                            "departmentName": c.department.name,
                            "applicant": {
                                "name": c.applicant.name,
                                "idNumber": mask(c.applicant.id_number),
                                "phone": mask(c.applicant.phone),
                            },
                        }
                        for c in rows
                    ]
                },
                json_dumps_params={"ensure_ascii": False},
            )

        graphql = OneWindowGraphQLView.as_view(schema=county_schema)
        factory = RequestFactory()

        def request(path: str, body: str | None = None):  # type: ignore[no-untyped-def]
            r = factory.post(path, data=body, content_type="application/json") if body else factory.get(path)
            r.user, r.tenant, r._dont_enforce_csrf_checks = user, county, True
            return r

        body = json.dumps({"query": QUERY})

        def run_graphql() -> bytes:
            response = graphql(request("/graphql", body))
            return bytes(response.content)

        def run_plain() -> bytes:
            return bytes(plain(request("/plain")).content)

        gql_rows = json.loads(run_graphql())["data"]["cases"]["edges"]
        plain_rows = json.loads(run_plain())["cases"]
        assert [e["node"] for e in gql_rows] == plain_rows, (gql_rows[0], plain_rows[0])
        counts = {}
        for name, fn in (("graphql", run_graphql), ("plain", run_plain)):
            with CaptureQueriesContext(connection) as ctx:
                fn()
            counts[name] = len(ctx.captured_queries)
            if os.environ.get("SHOW_SQL"):
                for q in ctx.captured_queries:
                    print(name, q["sql"][:150])
        timings: dict[str, list[float]] = {"graphql": [], "plain": []}
        for _ in range(args.rounds):  # interleaved, so both see the same machine load
            for name, fn in (("graphql", run_graphql), ("plain", run_plain)):
                started = time.perf_counter()
                fn()
                timings[name].append(time.perf_counter() - started)
        if os.environ.get("PROFILE"):
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(50):
                run_graphql()
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        g, p = statistics.median(timings["graphql"]), statistics.median(timings["plain"])
        print(f"rows: 50; rounds: {args.rounds}")
        print(f"GraphQL case list:     median {g * 1000:7.2f} ms, {counts['graphql']} SQL queries")
        print(f"plain Django JSON view: median {p * 1000:7.2f} ms, {counts['plain']} SQL queries")
        print(f"ratio: {g / p:.2f}x (target <= 1.6x)")
    finally:
        connection.close()
        drop(url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
