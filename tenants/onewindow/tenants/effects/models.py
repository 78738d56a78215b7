from __future__ import annotations

from django.db import models


class Effect(models.Model):
    """A claimed effect key. The unique key is what makes a retried task act once."""

    key = models.CharField(max_length=200, unique=True)
    claimed_at = models.DateTimeField()

    class Meta:
        verbose_name = "幂等记录"

    def __str__(self) -> str:
        return self.key
