"""The top of the stack: settings, URLs, WSGI, the Celery app, the CLI and request routing.

It wires every layer together, so nothing below imports it (the import contracts in
``pyproject.toml`` refuse that).
"""

# Load the Celery app whenever Django loads (the settings module is in this package), so
# `shared_task`s bind to it (and to its broker) rather than to Celery's unconfigured default app.
from onewindow.platform.project.celery_app import app as celery_app

__all__ = ["celery_app"]
