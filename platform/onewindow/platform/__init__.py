"""OneWindow platform: the shared primitives (``core``), the public-schema apps, onboarding,
and the project wiring on top (``project``)."""
