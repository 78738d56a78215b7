"""Users are global (public schema); what they may do is per county, through memberships."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.contrib.postgres.fields import ArrayField
from django.db import models

from onewindow.platform.accounts.roles import Role


class User(AbstractUser):
    """用户 — one account across counties; roles come from ``Membership``."""

    display_name = models.CharField("姓名", max_length=100, blank=True)

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def __str__(self) -> str:
        return self.display_name or self.username


class Membership(models.Model):
    """成员资格: a user's roles in one county, or (``county`` empty) on the platform."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    county = models.ForeignKey(
        "counties.County",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
    )
    roles = ArrayField(models.CharField(max_length=32, choices=Role.choices), default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "成员资格"
        verbose_name_plural = "成员资格"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "county"], name="membership_one_per_scope", nulls_distinct=False
            ),
        ]

    def __str__(self) -> str:
        scope = self.county.code if self.county_id and self.county else "platform"
        return f"{self.user} @ {scope}: {','.join(self.roles)}"


class ApiToken(models.Model):
    """API 令牌 for integrations: scoped to one county or (``county`` empty) the platform.

    Only a SHA-256 of the secret is stored; the full token is shown once, at creation.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    county = models.ForeignKey(
        "counties.County", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, unique=True)
    key_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "API 令牌"
        verbose_name_plural = "API 令牌"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class FailedAttempt(models.Model):
    """A failed guess at something the public may look up (a receipt link, a case's phone tail).

    One row per failure and key (the client's address, the target); counted over a sliding
    window by ``onewindow.platform.accounts.throttle`` and deleted once older than it.
    Login failures are django-axes' (its own tables)."""

    scope = models.CharField(max_length=32)
    key = models.CharField(max_length=200)
    occurred_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["scope", "key", "occurred_at"], name="failed_attempt_lookup")]

    def __str__(self) -> str:
        return f"{self.scope} {self.key} {self.occurred_at:%Y-%m-%d %H:%M}"
