"""Counties (县/旗/市): the tenants, their host names, onboarding job records, their schemas'
maintenance, and the fan-out of tasks to them."""
