"""OneWindow platform: Django project and public-schema apps."""

# Load the Celery app whenever Django loads, so `shared_task`s bind to it (and to its broker)
# rather than to Celery's unconfigured default app.
from onewindow.platform.celery_app import app as celery_app

__all__ = ["celery_app"]
