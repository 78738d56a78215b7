"""Server-rendered pages the platform itself needs (login); the product UI is the BFF's."""
