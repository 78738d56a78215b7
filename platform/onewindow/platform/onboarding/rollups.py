"""The province asks for the benchmark rollup now (on demand): one task per county, as the
nightly run does — a platform act (the public schema, every county), hence this layer."""

from __future__ import annotations

from django.db import transaction

from onewindow.platform.audit.services import record_platform_event
from onewindow.platform.core.errors import BusinessError
from onewindow.platform.core.tenancy import in_public
from onewindow.platform.counties.models import County
from onewindow.platform.counties.tasking import send_to_county
from onewindow.tenants.metrics.tasks import roll_up_county


@transaction.atomic
def request_rollups(*, full: bool, codes: list[str] | None, actor: object) -> int:
    """Queue each county's rollup (all active counties, or ``codes``); returns how many."""
    with in_public():
        counties = County.objects.active()
        if codes:
            counties = counties.filter(code__in=codes)
        schemas = list(counties.values_list("schema_name", flat=True))
        if codes and len(schemas) != len(set(codes)):
            raise BusinessError("NOT_FOUND", "有的县不存在或未在运行", field="codes")
        record_platform_event(
            "benchmarks.rollup_requested",
            "RollupState",
            actor=actor,
            data={"full": full, "counties": len(schemas)},
        )

    def enqueue() -> None:
        for schema in schemas:
            send_to_county(roll_up_county, schema, full=full)

    transaction.on_commit(enqueue)
    return len(schemas)
