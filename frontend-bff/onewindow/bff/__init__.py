"""Browser-facing web tier (BFF); it speaks GraphQL to the API and imports nothing else."""
