"""``claim_once``: the idempotency helper for tasks whose effect must happen exactly once.

Use it inside the transaction that performs the effect::

    with transaction.atomic():
        if not claim_once(f"reminder:{case.pk}:{level}"):
            return  # an earlier run (or a concurrent one) already did it
        ...do the effect...

The claim and the effect commit together; if the effect fails, the claim rolls back and a
retry may try again. A concurrent claimer blocks on the unique index until the first commits,
then sees the key taken.
"""

from __future__ import annotations

from django.db import connection

from onewindow.platform.core import clock


def claim_once(key: str) -> bool:
    """True if this call claimed ``key`` (do the effect); False if it was claimed before."""
    if not connection.in_atomic_block:
        raise RuntimeError("claim_once must run inside the effect's transaction")
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO effects_effect (key, claimed_at) VALUES (%s, %s) "
            "ON CONFLICT (key) DO NOTHING RETURNING id",
            [key, clock.now()],
        )
        return cursor.fetchone() is not None
