"""好差评 moved from ``cases`` to ``reviews`` by state-only migrations: a county schema migrates
without copying a row, and a review written before the move is read after it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from onewindow.platform.core import clock
from onewindow.tenants.cases.services import accept_case
from onewindow.tenants.reviews.models import Review, ReviewSettings
from tests.tenants.cases_helpers import receive

pytestmark = pytest.mark.django_db
BEFORE = [("cases", "0005_reviewsettings_callback_days_and_more"), ("workorders", "0002_assistancecomplaint")]


def test_a_review_written_before_the_move_is_read_after_it() -> None:
    case = receive()
    case = accept_case(case.number, version=case.version, actor="clerk")
    executor = MigrationExecutor(connection)
    executor.migrate([*BEFORE, ("reviews", None)])  # back to before the move, in this county
    old = executor.loader.project_state(BEFORE, at_end=True).apps
    old_case = old.get_model("cases", "Case").objects.get(pk=case.pk)
    old.get_model("cases", "Review").objects.create(
        case=old_case, level=2, channel="qr", created_at=clock.now()
    )
    old.get_model("cases", "ReviewSettings").objects.create(default_rating_after_days=5)

    # The rows above leave deferred foreign-key checks pending in the test's transaction, and
    # PostgreSQL creates no index (cases 0007) while they are: check them now, as a commit would.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # forward again: state only (and 0007's indexes)
    after = MigrationExecutor(connection)
    assert after.migration_plan(after.loader.graph.leaf_nodes()) == []
    review = Review.objects.get(case=case)
    assert (review.level, review.is_bad, review._meta.db_table) == (2, True, "cases_review")
    assert ReviewSettings.objects.get().default_rating_after_days == 5
