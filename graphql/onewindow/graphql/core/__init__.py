"""Base classes that make the safe path the only easy one: context, permissions, errors, limits."""
