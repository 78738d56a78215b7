"""The PostgreSQL backend under django-tenants' (``ORIGINAL_BACKEND``): Django's, with a schema
editor whose DDL Citus can forward to its workers (see ``schema.py``)."""
