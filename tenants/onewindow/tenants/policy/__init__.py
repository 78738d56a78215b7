"""Policy packs: a county's whole configuration as one versioned YAML document (ARCHITECTURE §4)."""
