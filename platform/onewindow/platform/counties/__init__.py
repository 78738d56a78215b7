"""Counties (县/旗/市): the tenants, their domains, and onboarding."""
