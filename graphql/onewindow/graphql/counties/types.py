from __future__ import annotations

import graphene
from graphene_django import DjangoObjectType

from onewindow.graphql.core.connections import CountableConnection
from onewindow.platform.counties.models import County, CountyStatus

CountyStatusEnum = graphene.Enum.from_enum(CountyStatus, description="县的状态")


class CountyType(DjangoObjectType):
    """县 — a tenant. ``code`` is the 6-digit 行政区划代码."""

    code = graphene.String(required=True, description="行政区划代码")
    status = CountyStatusEnum(required=True)

    class Meta:
        model = County
        name = "County"
        fields = ("code", "name", "province", "status")
        interfaces = (graphene.relay.Node,)
        connection_class = CountableConnection

    @classmethod
    def get_queryset(cls, queryset, info):  # type: ignore[no-untyped-def]
        return queryset.counties()
