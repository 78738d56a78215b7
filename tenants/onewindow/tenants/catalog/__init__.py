"""A county's item catalog: claimed and local items, materials, bundles, change requests (DOMAIN §2)."""
