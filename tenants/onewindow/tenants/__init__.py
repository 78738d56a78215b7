"""County-schema apps, one package per domain."""
