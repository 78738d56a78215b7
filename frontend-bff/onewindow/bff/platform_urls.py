"""Pages on the platform (provincial) host."""

from __future__ import annotations

from django.urls import path

from onewindow.bff.benchmarks import views as benchmarks
from onewindow.bff.console import views as console
from onewindow.bff.home import views as home

app_name = "bff-platform"

urlpatterns = [
    path("", home.county_picker, name="home"),
    path("counties/", console.counties, name="counties"),
    path("counties/new", console.onboard, name="onboard"),
    path("counties/jobs/<str:job_id>/", console.job, name="job"),
    path("counties/jobs/<str:job_id>/admin-password", console.admin_password, name="job-admin-password"),
    path("counties/<str:code>/status", console.set_status, name="county-status"),
    path("calendar/", console.calendar_years, name="calendar"),
    path("calendar/load", console.load_year, name="calendar-load"),
    path("calendar/<int:year>/", console.calendar_year, name="calendar-year"),
    path("benchmarks/", benchmarks.league, name="benchmarks"),
    path("benchmarks/publish", benchmarks.publish, name="benchmark-publish"),
    path("benchmarks/rollup", benchmarks.rollup, name="benchmark-rollup"),
    path("benchmarks/counties/<str:code>/", benchmarks.profile, name="benchmark-county"),
    path("catalog/", console.catalog, name="catalog"),
    path("catalog/load", console.load_catalog, name="catalog-load"),
    path("catalog/bundles/", console.bundles, name="bundles"),
    path("catalog/bundles/load", console.load_bundles, name="bundles-load"),
]
