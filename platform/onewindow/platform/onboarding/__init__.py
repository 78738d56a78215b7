"""Provincial onboarding: a county from code and name to a configured, usable tenant.

It spans the public schema (County, Domain, memberships) and the new county's schema (its
policy pack), so it lives here and calls both sides' services.
"""
