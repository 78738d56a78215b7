"""The notification outbox: messages written in the business transaction, delivered by Celery."""
