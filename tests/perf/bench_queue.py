"""Benchmark: call-next latency with 40 windows calling at once on one county, and the hall
display's update delay with 200 displays polling.

    python3 -m uv run python tests/perf/bench_queue.py [--windows 40] [--tickets 2000] [--displays 200]

A scratch database; 温岭市 onboarded from its preset, one queue served by ``--windows`` windows.
1. Every window presses "call next" and finishes the ticket, in its own thread and connection,
   until ``--tickets`` are served: p50/p95/max of call_next.
2. ``--displays`` displays poll the board every 2 s (the page's htmx interval) through the GraphQL
   board query, from a pool of threads (the embedded PostgreSQL allows 100 connections); one
   window calls a ticket every 0.5 s; the delay is from the call's commit to the first poll that
   shows it. Printed: p50/p95 of that delay and of one board read.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
from bench_onboarding import recreate, scratch_url


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))] if values else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--windows", type=int, default=40)
    parser.add_argument("--tickets", type=int, default=2000)
    parser.add_argument("--displays", type=int, default=200)
    parser.add_argument("--poll-threads", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=20)
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
    import datetime as dt

    from django.db import connection

    from onewindow.platform.catalog.services import ensure_example_catalogs
    from onewindow.platform.core import clock
    from onewindow.platform.counties.models import County
    from onewindow.platform.counties.schemas import migrate_all
    from onewindow.platform.counties.services import ensure_platform_tenant
    from onewindow.platform.onboarding.services import onboard_now
    from onewindow.tenants.hall.models import Window, Zone
    from onewindow.tenants.queueing.models import Queue, QueueSettings
    from onewindow.tenants.queueing.selectors import board
    from onewindow.tenants.queueing.services import call_next, finish_consultation, take_ticket

    migrate_all(progress=lambda _m: None)
    ensure_platform_tenant()
    ensure_example_catalogs()
    onboard_now("331081", "温岭市", "浙江省", preset="wenling", actor="bench")
    county = County.objects.get(code="331081")
    connection.set_tenant(county)
    day = dt.date(2026, 11, 30)
    at = dt.datetime.combine(day, dt.time(9), tzinfo=clock.COUNTY_TZ)
    Queue.objects.create(code="BQ", name="压测", prefix="Q", position=99)
    zone = Zone.objects.get(code="intake")
    Window.objects.bulk_create(
        [
            Window(code=f"BQ{i:02d}", name=f"压测{i}号窗口", kind="universal", zone=zone, position=100 + i)
            for i in range(args.windows + 1)
        ]
    )
    settings = QueueSettings.objects.get()
    settings.serving = [
        *settings.serving,
        *({"window": f"BQ{i:02d}", "queues": ["BQ"]} for i in range(args.windows + 1)),
    ]
    settings.save()
    with clock.frozen_at(at):
        for _ in range(args.tickets):
            take_ticket("BQ", source="kiosk", actor=None)

    latencies: list[float] = []
    lock = threading.Lock()
    barrier = threading.Barrier(args.windows)

    def caller(i: int) -> None:
        connection.set_tenant(county)
        barrier.wait()
        with clock.frozen_at(at + dt.timedelta(hours=1)):
            while True:
                started = time.perf_counter()
                ticket = call_next(f"BQ{i:02d}", actor="bench")
                took = time.perf_counter() - started
                if ticket is None:
                    break
                with lock:
                    latencies.append(took)
                finish_consultation(ticket.pk, window=f"BQ{i:02d}", actor="bench")
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=caller, args=(i,)) for i in range(args.windows)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    wall = time.perf_counter() - started
    print(f"call next, {args.windows} windows at once, {len(latencies)} tickets in {wall:.1f} s:")
    print(
        f"  p50 {pct(latencies, 50) * 1000:.1f} ms  p95 {pct(latencies, 95) * 1000:.1f} ms  max {max(latencies) * 1000:.1f} ms"
    )

    # --- the display ---
    with clock.frozen_at(at + dt.timedelta(hours=2)):
        for _ in range(int(args.seconds * 2) + 5):
            take_ticket("BQ", source="kiosk", actor=None)
    called_at: dict[str, float] = {}
    seen: dict[tuple[int, str], float] = {}
    reads: list[float] = []
    stop = threading.Event()
    interval = 2.0

    def display_pool(t: int) -> None:
        connection.set_tenant(county)
        mine = list(range(t, args.displays, args.poll_threads))
        offsets = {d: (d * interval / args.displays) for d in mine}  # displays poll out of phase
        begin = time.monotonic()
        nxt = {d: begin + offsets[d] for d in mine}
        with clock.frozen_at(at + dt.timedelta(hours=2)):
            while not stop.is_set():
                d = min(nxt, key=nxt.get)  # type: ignore[arg-type]
                wait = nxt[d] - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
                s = time.perf_counter()
                keys = [f"{x.pk}-{x.call_count}" for x in board().recent]
                now = time.monotonic()
                with lock:
                    reads.append(time.perf_counter() - s)
                    for key in keys:
                        seen.setdefault((d, key), now)
                nxt[d] += interval
        connection.close()

    def announcer() -> None:
        connection.set_tenant(county)
        with clock.frozen_at(at + dt.timedelta(hours=2)):
            end = time.monotonic() + args.seconds
            while time.monotonic() < end:
                ticket = call_next(f"BQ{args.windows:02d}", actor="bench")
                if ticket is None:
                    break
                called_at[f"{ticket.pk}-{ticket.call_count}"] = time.monotonic()
                time.sleep(0.5)
                finish_consultation(ticket.pk, window=f"BQ{args.windows:02d}", actor="bench")
        connection.close()

    pool = [threading.Thread(target=display_pool, args=(t,)) for t in range(args.poll_threads)]
    [t.start() for t in pool]
    time.sleep(interval)
    a = threading.Thread(target=announcer)
    a.start()
    a.join()
    time.sleep(interval * 2)
    stop.set()
    [t.join() for t in pool]
    delays = [seen[(d, k)] - called_at[k] for (d, k) in seen if k in called_at]
    missed = sum(1 for k in called_at for d in range(args.displays) if (d, k) not in seen)
    print(
        f"display, {args.displays} displays polling every {interval:.0f} s ({len(reads) / (args.seconds + 3 * interval):.0f} board reads/s), {len(called_at)} calls:"
    )
    print(
        f"  update delay p50 {pct(delays, 50):.2f} s  p95 {pct(delays, 95):.2f} s  max {max(delays):.2f} s; calls a display never showed: {missed}"
    )
    print(f"  one board read p50 {pct(reads, 50) * 1000:.1f} ms  p95 {pct(reads, 95) * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
