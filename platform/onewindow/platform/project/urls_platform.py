"""Platform (provincial) URLs on the public host."""

from __future__ import annotations

from django.urls import include, path

from onewindow.graphql.core.views import PlatformGraphQLView
from onewindow.graphql.schemas import platform_schema
from onewindow.platform.onboarding.views import county_export
from onewindow.platform.project.urls_common import common_patterns

urlpatterns = [
    *common_patterns,
    path("graphql", PlatformGraphQLView.as_view(schema=platform_schema), name="graphql"),
    path("counties/<str:code>/export.zip", county_export, name="county-export"),
    path("operators/", include("onewindow.bff.people.urls")),
    path("", include("onewindow.bff.platform_urls")),
]
