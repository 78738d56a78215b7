"""Primitives every domain shares: clock, errors, audit base, logging context, tenancy helpers."""
