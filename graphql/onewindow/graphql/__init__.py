"""OneWindow GraphQL API: the county and platform schemas."""
