"""Concurrent intake (issue 14): real threads, each with its own database connection, on
committed data in a county of their own. One idempotency key, or one new applicant, sent 30
times at once: the first result or a typed error, never a unique violation, and no log line
with the full ID number."""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection
from django_tenants.utils import tenant_context

from onewindow.platform.core.errors import BusinessError
from onewindow.platform.counties.models import County
from onewindow.platform.onboarding.services import onboard_now
from onewindow.tenants.audit.models import AuditEvent
from onewindow.tenants.cases.models import Applicant, Case
from onewindow.tenants.cases.services import ApplicantInput, receive_case

THREADS = 30
CODE = "990101"  # a county of its own: the rest of the suite never sees these commits
ID_NUMBER = "150626200501011230"


@pytest.fixture(scope="module")
def county(django_db_setup: None, django_db_blocker: Any) -> Iterator[County]:
    with django_db_blocker.unblock():
        found = County.objects.filter(code=CODE).first()
        if found is None:
            job = onboard_now(CODE, "并发旗", "内蒙古自治区", preset="wushen", actor="tests")
            assert job.status == "ready", job.errors
            found = County.objects.get(code=CODE)
        yield found
        connection.set_schema_to_public()


def at_once(county: County, call: Callable[[int], Any]) -> list[Any]:
    """``call(i)`` in THREADS threads released together; each result or the error's code."""
    start = threading.Barrier(THREADS)
    results: list[Any] = [None] * THREADS

    def run(i: int) -> None:
        try:
            connection.set_tenant(county)
            start.wait()
            results[i] = call(i)
        except BusinessError as error:
            results[i] = error.code
        except Exception as error:  # anything else is the bug this test is about
            results[i] = f"UNEXPECTED {type(error).__name__}: {error}"
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def _receive(applicant: ApplicantInput, key: str | None) -> str:
    case = receive_case(
        applicant=applicant,
        item="QY-SL",
        channel="window",
        window="ZC01",
        provided=["sqs"],
        idempotency_key=key,
        actor="clerk",
    )
    return case.number


def test_one_idempotency_key_thirty_times_at_once_makes_one_case(
    county: County, django_db_blocker: Any, caplog: pytest.LogCaptureFixture
) -> None:
    person = ApplicantInput("person", "赵敏", ID_NUMBER, "13930790605")
    with django_db_blocker.unblock(), caplog.at_level(logging.DEBUG):
        results = at_once(county, lambda i: _receive(person, "terminal-7:20260302:0001"))
        with tenant_context(county):
            cases = list(Case.objects.filter(idempotency_key="terminal-7:20260302:0001"))
    numbers = [r for r in results if r and r.startswith(CODE)]
    assert len(cases) == 1 and numbers == [cases[0].number], results
    assert Counter(results)["DUPLICATE_SUBMISSION"] == THREADS - 1, results
    assert ID_NUMBER not in caplog.text


def test_one_new_applicant_thirty_times_at_once_is_one_person(
    county: County, django_db_blocker: Any, caplog: pytest.LogCaptureFixture
) -> None:
    number = "331081198406131230"
    person = ApplicantInput("person", "钱芳", number, "13857612345")
    with django_db_blocker.unblock(), caplog.at_level(logging.DEBUG):
        results = at_once(county, lambda i: _receive(person, None))
        with tenant_context(county):
            applicants = list(Applicant.objects.filter(id_number=number))
            cases = Case.objects.filter(applicant__id_number=number).count()
    assert all(r and r.startswith(CODE) for r in results), results
    assert len(applicants) == 1 and cases == THREADS
    assert number not in caplog.text


def test_one_new_number_with_two_names_at_once_keeps_the_first_name(
    county: County, django_db_blocker: Any
) -> None:
    number = "410222198406131230"
    people = [ApplicantInput("person", "孙丽", number), ApplicantInput("person", "李娜", number)]
    with django_db_blocker.unblock():
        results = at_once(county, lambda i: _receive(people[i % 2], None))
        with tenant_context(county):
            applicant = Applicant.objects.get(id_number=number)
            attached = Case.objects.filter(applicant=applicant).count()
    refused = Counter(results)["ID_NUMBER_NAME_MISMATCH"]
    assert refused + attached == THREADS and 0 < refused < THREADS, results
    # whoever came first owns the number; every case of it carries that name
    assert applicant.name in ("孙丽", "李娜")
    assert attached == THREADS // 2


def test_a_new_phone_is_an_audited_change(county: County, django_db_blocker: Any) -> None:
    number = "150626200502021238"
    with django_db_blocker.unblock(), tenant_context(county):
        _receive(ApplicantInput("person", "周红", number, "13930790605"), None)
        second = _receive(ApplicantInput("person", "周红", number, "139 3079 0606"), None)
        applicant = Applicant.objects.get(id_number=number)
        event = AuditEvent.objects.get(action="applicant.phone_changed", subject_id=str(applicant.pk))
    assert applicant.phone == "13930790606"
    assert event.data == {"case": second, "from": "139****0605", "to": "139****0606"}
