"""Effects that must happen once: a unique key per effect, claimed in the effect's transaction."""
