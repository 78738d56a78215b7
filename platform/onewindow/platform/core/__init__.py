"""The bottom layer, shared by every other: clock, errors, audit base, versioning, tenancy
helpers, logging context, the pre-GraphQL error response and Sentry set-up. It imports no app."""
