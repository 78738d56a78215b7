"""The audit trail is append-only in the database itself, for counties and the platform alike."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from onewindow.platform.audit.models import PlatformAuditEvent
from onewindow.platform.audit.services import record_platform_event
from onewindow.platform.core import clock
from onewindow.tenants.audit.models import AuditEvent
from onewindow.tenants.audit.selectors import timeline
from onewindow.tenants.audit.services import record_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def append_only_trigger() -> None:
    """The trigger is there unless the database refuses triggers (Citus without
    citus.enable_unsafe_triggers); then privileges alone keep audit rows append-only, which
    tests/security/test_database_role.py proves (docs/citus.md)."""
    from onewindow.platform.core.audit import triggers_allowed

    with connection.cursor() as cursor:
        if not triggers_allowed(cursor):
            pytest.skip("Citus without citus.enable_unsafe_triggers: append-only by privileges only")


def _event() -> AuditEvent:
    with transaction.atomic():
        return record_event("probe.recorded", "Probe", actor="tests", data={"n": 1})


def test_event_records_actor_time_and_data() -> None:
    with clock.frozen_at("2026-05-06 09:30"):
        event = _event()
    event.refresh_from_db()
    assert event.actor_label == "tests"
    assert event.occurred_at.astimezone(clock.COUNTY_TZ).strftime("%Y-%m-%d %H:%M") == "2026-05-06 09:30"
    assert event.data == {"n": 1}


@pytest.mark.parametrize(
    "sql",
    ["UPDATE audit_event SET action = 'forged' WHERE id = %s", "DELETE FROM audit_event WHERE id = %s"],
)
@pytest.mark.usefixtures("append_only_trigger")
def test_database_refuses_update_and_delete(sql: str) -> None:
    event = _event()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "probe.recorded"


@pytest.mark.usefixtures("append_only_trigger")
def test_orm_writes_are_refused_too() -> None:
    event = _event()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="forged")
    with pytest.raises(DatabaseError), transaction.atomic():
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk, action="probe.recorded").exists()


@pytest.mark.usefixtures("append_only_trigger")
def test_platform_audit_is_append_only() -> None:
    connection.set_schema_to_public()
    with transaction.atomic():
        event = record_platform_event("probe.recorded", "Probe", actor="tests")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        PlatformAuditEvent.objects.filter(pk=event.pk).delete()


def test_record_event_refuses_to_run_outside_a_transaction() -> None:
    # In autocommit an event could commit without its change. (The test itself runs in a
    # transaction, so step outside it the way a careless caller would be: no atomic block.)
    from unittest import mock

    with mock.patch.object(connection, "in_atomic_block", False), pytest.raises(RuntimeError):
        record_event("probe.recorded", "Probe")
    assert not AuditEvent.objects.filter(action="probe.recorded").exists()


def test_timeline_lists_a_subjects_events_in_order() -> None:
    with transaction.atomic():
        record_event("a", "Case", data={}, actor="tests")
    with clock.frozen_at("2020-01-01 00:00"), transaction.atomic():
        record_event("earlier", "Case", actor="tests")
    assert [e.action for e in timeline("Case", "")] == ["earlier", "a"]
