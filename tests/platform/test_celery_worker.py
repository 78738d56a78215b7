"""A real Celery worker process: tasks run in their county's schema; onboarding clones.

These tests commit (the worker is another process with its own connection), so they use
fresh keys and never rely on rollback.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client
from django_tenants.utils import schema_context, tenant_context

from onewindow.platform.accounts.roles import Role
from onewindow.platform.core.audit import triggers_allowed
from onewindow.platform.counties.models import County, CountyStatus
from onewindow.tenants.audit.models import AuditEvent
from onewindow.tenants.outbox.models import OutboxMessage, OutboxStatus
from onewindow.tenants.outbox.services import enqueue_notification
from tests.dbhelpers import child_env
from tests.factories import member_of
from tests.graphql.helpers import county_path, gql

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.worker


@pytest.fixture(scope="module")
def worker(django_db_setup: None, django_db_blocker: Any) -> Iterator[subprocess.Popen[bytes]]:
    with django_db_blocker.unblock():
        env = child_env()
    log = open(ROOT / ".onewindow" / "test-worker.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(
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
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    yield proc
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


def wait_for(check: Callable[[], bool], timeout: float = 90.0) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if check():
            return time.monotonic() - started
        time.sleep(0.2)
    raise AssertionError(f"not done within {timeout}s; see .onewindow/test-worker.log")


def test_a_tenant_task_runs_in_its_county(worker: Any, django_db_blocker: Any) -> None:
    body = f"probe {uuid.uuid4()}"
    with django_db_blocker.unblock():
        wushen = County.objects.get(code="150626")
        wenling = County.objects.get(code="331081")
        with tenant_context(wushen), transaction.atomic():
            # committing kicks `deliver_outbox` with 乌审旗's schema in the task header
            message = enqueue_notification("console", "13800138000", body)

        def delivered() -> bool:
            with tenant_context(wushen):
                return OutboxMessage.objects.get(pk=message.pk).status == OutboxStatus.SENT

        wait_for(delivered)
        with tenant_context(wushen):
            assert AuditEvent.objects.filter(action="notification.sent", subject_id=str(message.pk)).exists()
        with tenant_context(wenling):
            assert not OutboxMessage.objects.filter(body=body).exists()
        connection.set_schema_to_public()


def test_onboarding_runs_in_the_worker_from_a_preset(
    worker: Any, django_db_blocker: Any, client: Client
) -> None:
    with django_db_blocker.unblock():
        operator = member_of(None, Role.PROVINCIAL_OPERATOR, username=f"op-{uuid.uuid4().hex[:8]}")
        client.force_login(operator)
        _, body = gql(
            client,
            'mutation { onboardCounty(input: {code: "990001", name: "测试旗", province: "内蒙古自治区", '
            'preset: "wushen", admin: "ceshi-admin", hosts: ["ceshi.localhost"]}) '
            "{ job { id status } errors { code } } }",
        )
        payload = body["data"]["onboardCounty"]
        assert payload["errors"] == [] and payload["job"]["status"] == "QUEUED"
        job_query = (
            "query($id: ID!) { onboardingJob(id: $id) { status step progress seconds errors { code } } }"
        )

        def ready() -> bool:
            _, body = gql(client, job_query, {"id": payload["job"]["id"]})
            return body["data"]["onboardingJob"]["status"] in ("READY", "FAILED")

        wait_for(ready)
        _, body = gql(client, job_query, {"id": payload["job"]["id"]})
        job = body["data"]["onboardingJob"]
        assert (job["status"], job["progress"], job["errors"]) == ("READY", 100, [])
        county = County.objects.get(code="990001")
        assert county.schema_name == "county_990001" and county.status == CountyStatus.ACTIVE
        with schema_context("public"), connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM county_990001.django_migrations UNION ALL "
                "SELECT count(*) FROM county_template.django_migrations"
            )
            faked, template = (row[0] for row in cursor.fetchall())
            cursor.execute(
                "SELECT tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = 'county_990001' AND NOT t.tgisinternal"
            )
            triggers = [row[0] for row in cursor.fetchall()]
            # on Citus without citus.enable_unsafe_triggers none: privileges guard (docs/citus.md)
            allowed = triggers_allowed(cursor)
        assert faked == template > 0
        assert triggers == (["audit_event_no_update_delete"] if allowed else [])
        # the preset was applied to the new county, under its own identity
        from onewindow.tenants.hall.models import Window
        from onewindow.tenants.policy.services import export_pack

        with tenant_context(county):
            assert Window.objects.filter(code="CJ01", kind="issuance").exists()
            assert export_pack().county.code == "990001"
        # the admin can sign in to it, and its host reaches it
        from onewindow.platform.accounts.models import Membership

        assert Membership.objects.filter(user__username="ceshi-admin", county=county).exists()
        client.logout()
        _, body = gql(client, "{ county { code name } }", path="/graphql", HTTP_HOST="ceshi.localhost")
        assert body["data"]["county"] == {"code": "990001", "name": "测试旗"}
        _, body = gql(client, "{ county { code name } }", path=county_path("990001"))
        assert body["data"]["county"] == {"code": "990001", "name": "测试旗"}
        print(f"onboarding from a preset through the worker: {job['seconds']:.2f}s in the job")
