"""A county's working-day calendar: national holidays and 调休, plus the county's own overrides."""
