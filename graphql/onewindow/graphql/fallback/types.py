from __future__ import annotations

from typing import Any

import graphene
from graphene_django import DjangoObjectType

from onewindow.graphql.cases.types import mask
from onewindow.graphql.core.connections import CountableConnection
from onewindow.graphql.core.context import api_context
from onewindow.graphql.core.loaders import related
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.fallback.models import Assignment, FallbackCase, FallbackStatus

FallbackStatusEnum = graphene.Enum.from_enum(FallbackStatus, description="办不成事状态")


class AssignmentType(DjangoObjectType):
    """交办单 (附件2)."""

    department_code = graphene.String(required=True)

    class Meta:
        model = Assignment
        name = "Assignment"
        fields = (
            "number",
            "assigned_at",
            "due_on",
            "responsible",
            "matter",
            "leader",
            "completion",
            "completed_at",
            "applicant_feedback",
        )

    @staticmethod
    def resolve_department_code(root: Assignment, info: Any) -> str:
        return root.department.code


class FallbackCaseType(DjangoObjectType):
    """办不成事记录 (附件1)."""

    status = FallbackStatusEnum(required=True)
    departments = graphene.List(graphene.NonNull(graphene.String), required=True, description="涉及部门")
    applicant_phone = graphene.String(required=True)
    assignments = graphene.List(graphene.NonNull(AssignmentType), required=True)
    hotline_order_number = graphene.String(description="所出自的 12345 工单（经接口接收的）")

    class Meta:
        model = FallbackCase
        name = "FallbackCase"
        use_connection = True
        connection_class = CountableConnection
        fields = (
            "number",
            "version",
            "registered_at",
            "channel",
            "hotline_ref",
            "summary",
            "process",
            "result",
            "applicant_name",
            "tier",
            "owner",
            "deadline_on",
            "satisfied",
            "closed_at",
        )

    @staticmethod
    def resolve_departments(root: FallbackCase, info: Any) -> list[str]:
        return [d.code for d in related(root, "departments")]

    @staticmethod
    def resolve_applicant_phone(root: FallbackCase, info: Any) -> str:
        ctx = api_context(info)
        if not ctx.has(Perm.VIEW_PII) or not root.applicant_phone:
            return mask(root.applicant_phone)
        ctx.pii_reads.setdefault("fallback_case.applicant_phone", set()).add(root.pk)  # audited per request
        return root.applicant_phone

    @staticmethod
    def resolve_hotline_order_number(root: FallbackCase, info: Any) -> str | None:
        return root.hotline_order.number if root.hotline_order else None

    @staticmethod
    def resolve_assignments(root: FallbackCase, info: Any) -> list[Assignment]:
        return related(root, "assignments", Assignment.objects.select_related("department"))


class LibraryEntry(graphene.ObjectType):
    """案例库: a solved case, anonymised (read off a published ``FallbackCase``)."""

    number = graphene.String(required=True)
    title = graphene.String(required=True, source="library_title")
    text = graphene.String(required=True, source="library_text")
    published_at = graphene.DateTime(required=True)
