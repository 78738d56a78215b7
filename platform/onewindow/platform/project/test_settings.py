"""Settings for the test suite: the real settings, with a test-only secret, broker and queue."""

from __future__ import annotations

import os

os.environ.setdefault("ONEWINDOW_TESTING", "1")
os.environ.setdefault(
    "ONEWINDOW_BROKER_DIR",
    os.path.join(os.environ.get("ONEWINDOW_DATA_DIR", ".onewindow"), "test-broker"),
)

from onewindow.platform.project.settings import *  # noqa: F403

# A queue of its own, so a test worker never eats a running `onewindow up`'s messages.
CELERY_TASK_DEFAULT_QUEUE = "onewindow-test"
COUNTY_SPARE_SCHEMAS = 0  # counties are made from the DDL; tests/platform/test_blueprint.py makes spares
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
GRAPHQL_INTROSPECTION = True
