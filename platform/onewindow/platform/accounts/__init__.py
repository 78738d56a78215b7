"""Global users, their memberships in counties, roles, and API tokens."""
