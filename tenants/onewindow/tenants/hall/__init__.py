"""The hall: sites, zones, windows, departments, staff and service teams (DOMAIN §1)."""
