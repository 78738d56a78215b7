"""Escalation chains: 三级提醒 on deadlines, and the tiers of work orders (DOMAIN §5)."""
