from __future__ import annotations

import datetime as dt
from typing import Any

import graphene

from onewindow.graphql.benchmarks.types import BenchmarkPeriod
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.platform.benchmarks.services import set_publication
from onewindow.platform.core import clock


class PublishBenchmark(BaseMutation):
    """公布（或撤回）某期各县名称：公布后，各县在对标表中能看到其他县的名称；未公布时只看到名次。"""

    class Arguments:
        period = BenchmarkPeriod(required=True)
        day = graphene.Date(description="期间内的任一天；默认今天")
        published = graphene.Boolean(required=True)

    published = graphene.Boolean()

    class Meta:
        permission = Perm.PLATFORM_MANAGE_POLICY

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> PublishBenchmark:
        period = getattr(data["period"], "value", data["period"])
        day: dt.date = data.get("day") or clock.today()
        return cls(published=set_publication(str(period), day, published=data["published"], actor=ctx.user))
