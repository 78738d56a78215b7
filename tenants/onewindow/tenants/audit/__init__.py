"""A county's append-only audit trail: every state change, written in the same transaction."""
