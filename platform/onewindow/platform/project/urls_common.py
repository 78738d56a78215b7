"""Routes every host serves: health checks and browser login."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import include, path

from onewindow.platform.project.health import healthz, readyz

common_patterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("onewindow.bff.account_urls")),
]
