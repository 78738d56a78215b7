"""Pages on the platform (provincial) host."""

from __future__ import annotations

from django.urls import path

from onewindow.bff.home import views as home

app_name = "bff-platform"

urlpatterns = [
    path("", home.county_picker, name="home"),
]
