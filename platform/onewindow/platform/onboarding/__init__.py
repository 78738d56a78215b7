"""Provincial onboarding: a county from code and name to a configured, usable tenant; and the
county's export to one file.

It spans the public schema (County, Domain, memberships) and the county's own schema (its
policy pack), so it is a layer of its own: above the county-schema apps, whose services it
calls, and below the API and the CLI, which call it.
"""
