"""Benchmark: page budgets of the browser tier (issue 11) with 10,000 cases in the county.

    python3 -m uv run python tests/perf/bench_pages.py [--cases 10000] [--rounds 30]

For the intake workbench (综合受理, an item chosen) and the approver's inbox (后台审批), through
the whole middleware stack with a logged-in user:
- the median server time of the page, and of the same GraphQL operations alone (posted to
  the county's /graphql), and their ratio (target ≤ 2×);
- SQL statements per page at page sizes 10 and 100 (target: equal);
- the bytes of JS and CSS a first visit loads (target ≤ 1.5 MB; no page here has a chart).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from bench_onboarding import scratch_county


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    with scratch_county() as county:
        _measure(county, args)
    return 0


def _measure(county: object, args: argparse.Namespace) -> None:
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from onewindow.bff.operations import operation
    from onewindow.platform.accounts.roles import Role
    from onewindow.platform.accounts.services import ensure_user, grant_membership
    from onewindow.tenants.cases.services import ApplicantInput, accept_case, receive_case
    from onewindow.tenants.policy.services import save_entry

    user = ensure_user("bench-clerk", password="bench-pw-2026", actor="bench")
    grant_membership(user, county, [Role.INTAKE_CLERK, Role.APPROVER], actor="bench")
    connection.set_tenant(county)
    save_entry(
        "staff",
        {
            "code": "B1",
            "name": "基准",
            "roles": ["approver", "intake_clerk"],
            "department": "scjg",
            "window": "ZC01",
            "username": "bench-clerk",
        },
        actor="bench",
    )
    started = time.perf_counter()
    with transaction.atomic():
        for i in range(args.cases):
            case = receive_case(
                applicant=ApplicantInput(
                    "person", f"申请人{i}", f"15062619900101{i:04d}", f"1380013{i % 10000:04d}"
                ),
                item="QY-SL",
                channel="window",
                window="ZC01",
                provided=["sqs", "zc", "zs"],
                actor="bench",
            )
            if i % 5 == 0:  # a fifth accepted: the approver's inbox holds 2,000 at 10,000
                accept_case(case.number, version=case.version, actor="bench")
    print(f"cases: {args.cases} made in {time.perf_counter() - started:.1f}s")
    connection.set_schema_to_public()
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

    pages = {
        "intake": (
            "/c/150626/intake/?item=QY-SL",
            [
                ("shell/county", {}),
                ("intake/item", {"code": "QY-SL"}),
                ("intake/today", {}),
            ],
        ),
        "inbox": (
            "/c/150626/approvals/?size={size}",
            [
                ("shell/county", {}),
                ("approvals/inbox", {"department": "scjg", "first": 50, "after": None}),
            ],
        ),
    }
    for name, (path, ops) in pages.items():
        page_path = path.format(size=50)
        get(page_path)
        counts = {}
        for size in (10, 100):
            with CaptureQueriesContext(connection) as ctx:
                get(path.format(size=size))
            counts[size] = len(ctx.captured_queries)
        page_times, api_times = [], []
        for _ in range(args.rounds):
            t = time.perf_counter()
            get(page_path)
            page_times.append(time.perf_counter() - t)
            t = time.perf_counter()
            for op, variables in ops:
                graphql(op, variables)
            api_times.append(time.perf_counter() - t)
        p, a = statistics.median(page_times), statistics.median(api_times)
        print(
            f"{name:7s} page median {p * 1000:7.1f} ms; its GraphQL operations alone {a * 1000:7.1f} ms; "
            f"ratio {p / a:.2f}x (target <= 2x); SQL per page: {counts[10]} at 10 rows, "
            f"{counts[100]} at 100 rows"
        )
    html = get("/c/150626/intake/").decode()
    assets = re.findall(r'(?:src|href)="(/static/[^"]+\.(?:js|css))"', html)
    total = sum(len(b"".join(client.get(a).streaming_content)) for a in assets)  # type: ignore[attr-defined]
    print(f"first visit: {len(assets)} assets, {total / 1024:.1f} KB of JS/CSS (target <= 1,536 KB)")


if __name__ == "__main__":
    sys.exit(main())
