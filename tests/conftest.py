"""Test counties are created once per session by the real onboarding path (template clone);
each test then runs in a transaction with a county active (乌审旗 unless it asks otherwise)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import connection

from onewindow.platform.counties.models import County


@pytest.fixture(scope="session")
def django_db_setup(  # type: ignore[no-untyped-def]
    request, django_test_environment, django_db_blocker, django_db_keepdb, django_db_createdb
):
    """pytest-django's setup, for ``default`` always (the worker tests commit outside any
    ``django_db`` mark), plus the three seed counties onboarded through the real path."""
    from django.test.utils import setup_databases, teardown_databases

    from onewindow.platform.catalog.services import ensure_example_catalogs, ensure_example_national_bundles
    from onewindow.platform.counties.services import SEED_COUNTIES, ensure_platform_tenant
    from onewindow.platform.onboarding.services import onboard_now
    from onewindow.tenants.policy.presets import SEED_PRESETS

    keepdb = django_db_keepdb and not django_db_createdb
    verbosity = request.config.option.verbose
    with django_db_blocker.unblock():
        db_cfg = setup_databases(verbosity=verbosity, interactive=False, keepdb=keepdb, aliases={"default"})
        ensure_platform_tenant()
        ensure_example_catalogs()
        ensure_example_national_bundles()
        for code, name, province in SEED_COUNTIES:
            job = onboard_now(code, name, province, preset=SEED_PRESETS[code], actor="tests")
            assert job.status == "ready", job.errors
        connection.set_schema_to_public()
    yield
    if not keepdb:
        with django_db_blocker.unblock():
            teardown_databases(db_cfg, verbosity=verbosity)


@pytest.fixture
def wushen(db) -> County:  # type: ignore[no-untyped-def]
    return County.objects.get(code="150626")


@pytest.fixture
def wenling(db) -> County:  # type: ignore[no-untyped-def]
    return County.objects.get(code="331081")


@pytest.fixture
def tongxu(db) -> County:  # type: ignore[no-untyped-def]
    return County.objects.get(code="410222")


@pytest.fixture(autouse=True)
def active_county(request: pytest.FixtureRequest) -> Iterator[County | None]:
    """For database tests: 乌审旗's schema is active unless the test switches."""
    if request.node.get_closest_marker("django_db") is None and "db" not in request.fixturenames:
        yield None
        return
    request.getfixturevalue("db")
    county = County.objects.get(code="150626")
    connection.set_tenant(county)
    try:
        yield county
    finally:
        connection.set_schema_to_public()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    # Let go of the embedded PostgreSQL while pytest's streams are still open.
    from onewindow.platform.project import embedded

    embedded.stop_postgres()
