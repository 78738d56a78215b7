from __future__ import annotations

from django.urls import path

from onewindow.bff.account import views

app_name = "bff-account"

urlpatterns = [
    path("accounts/password/", views.change_password, name="password"),
    path("accounts/tokens/", views.tokens, name="tokens"),
    path("accounts/tokens/<str:action>", views.token_action, name="token-action"),
]
