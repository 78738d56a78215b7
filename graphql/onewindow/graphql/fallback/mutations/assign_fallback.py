from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.fallback.types import AssignmentType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.fallback import services


class AssignFallback(BaseMutation):
    """交办单：承办部门、完成时限、责任人、交办事项、主管领导签发。"""

    class Arguments:
        number = graphene.String(required=True)
        version = graphene.Int(required=True)
        department = graphene.String(required=True)
        due_on = graphene.Date(required=True)
        responsible = graphene.String(required=True)
        matter = graphene.String(required=True)
        leader = graphene.String(required=True)

    assignment = graphene.Field(AssignmentType)

    class Meta:
        permission = Perm.WORK_ORDERS

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> AssignFallback:
        assignment = services.assign(
            data["number"],
            version=data["version"],
            department=data["department"],
            due_on=data["due_on"],
            responsible=data["responsible"],
            matter=data["matter"],
            leader=data["leader"],
            actor=ctx.user,
        )
        return cls(assignment=assignment)
