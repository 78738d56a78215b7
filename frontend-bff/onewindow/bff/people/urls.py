"""人员与权限, included by the county pages (``people/``) and the platform's (``operators/``)."""

from __future__ import annotations

from django.urls import path

from onewindow.bff.people import views

app_name = "people"

urlpatterns = [
    path("", views.members, name="members"),
    path("create", views.create, name="create"),
    path("history", views.history, name="history"),
    path("<str:username>/<str:action>", views.member_action, name="action"),
]
