"""A real worker killed (SIGKILL) in the middle of a scan: no reminder lost, none sent twice.

Runs against its own county (committed data, cloned from the 乌审旗 preset), so the rest of the
suite never sees its cases.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django_tenants.utils import tenant_context

from onewindow.platform.core import clock
from onewindow.platform.counties.models import County
from onewindow.platform.onboarding.services import onboard_now
from onewindow.tenants.cases.services import accept_case
from onewindow.tenants.escalation.models import Firing, Watch
from onewindow.tenants.escalation.tasks import scan_county
from onewindow.tenants.outbox.models import OutboxMessage
from tests.dbhelpers import child_env
from tests.tenants.cases_helpers import receive

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.worker
CASES = 300


def start_worker(log: Any) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "onewindow.platform.project.celery_app",
            "worker",
            "--pool=solo",
            "--queues=onewindow-test",
            "--loglevel=INFO",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=child_env(),
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def test_killing_a_worker_mid_scan_loses_nothing_and_sends_nothing_twice(
    django_db_setup: None, django_db_blocker: Any
) -> None:
    with django_db_blocker.unblock():
        job = onboard_now("990002", "断电旗", "内蒙古自治区", preset="wushen", actor="tests")
        assert job.status == "ready", job.errors
        county = County.objects.get(code="990002")
        with tenant_context(county):
            with clock.frozen_at("2026-03-02 10:00"):
                for _ in range(CASES):
                    case = receive("QY-ZX", provided=["sqs", "qsbg"])
                    accept_case(case.number, version=case.version, actor="clerk")
            total = CASES * 3  # every level of every case is long past: the scan catches up
            assert Watch.objects.filter(next_due_at__isnull=False).count() == CASES

        log = open(ROOT / ".onewindow" / "test-escalation-worker.log", "wb")  # noqa: SIM115
        worker = start_worker(log)
        try:
            with tenant_context(county):
                scan_county.apply_async(headers={"_schema_name": county.schema_name})
                deadline = time.monotonic() + 120
                while Firing.objects.count() < 30:  # mid-scan: some fired, most not
                    assert time.monotonic() < deadline, "the scan never started"
                    time.sleep(0.05)
                os.kill(worker.pid, signal.SIGKILL)
                worker.wait(timeout=30)
                at_kill = Firing.objects.count()
                assert 0 < at_kill < total
                # the next beat tick, on a fresh worker
                worker = start_worker(log)
                scan_county.apply_async(headers={"_schema_name": county.schema_name})
                while Firing.objects.count() < total:
                    assert time.monotonic() < deadline + 120, f"stuck at {Firing.objects.count()}/{total}"
                    time.sleep(0.2)
                time.sleep(1)  # anything sent twice would show up now
                assert Firing.objects.count() == total
                reminders = OutboxMessage.objects.filter(subject__contains="提醒")
                assert reminders.count() == total  # one notification per (case, level), none twice
                assert not Watch.objects.filter(next_due_at__isnull=False).exists()
                print(f"killed after {at_kill}/{total} firings; all {total} fired exactly once")
        finally:
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()
            log.close()
            connection.set_schema_to_public()
