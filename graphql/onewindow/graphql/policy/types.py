from __future__ import annotations

from typing import Any

import graphene
from graphene.types.generic import GenericScalar

from onewindow.tenants.policy.models import PolicyVersion


class PolicyChange(graphene.ObjectType):
    """One change a pack makes: ``path`` is ``section.code`` (e.g. ``windows.CJ01``)."""

    path = graphene.String(required=True)
    change = graphene.String(required=True, description="added / changed / retired / reordered")
    fields = graphene.List(graphene.NonNull(graphene.String), required=True)
    before = GenericScalar()
    after = GenericScalar()

    @staticmethod
    def resolve_fields(root: dict[str, Any], info: Any) -> list[str]:
        return list(root.get("fields", []))

    @staticmethod
    def resolve_path(root: dict[str, Any], info: Any) -> str:
        return str(root["path"])

    @staticmethod
    def resolve_change(root: dict[str, Any], info: Any) -> str:
        return str(root["change"])

    @staticmethod
    def resolve_before(root: dict[str, Any], info: Any) -> Any:
        return root.get("before")

    @staticmethod
    def resolve_after(root: dict[str, Any], info: Any) -> Any:
        return root.get("after")


class PolicyVersionType(graphene.ObjectType):
    """政策包版本: who applied what, when, and what it changed."""

    class Meta:
        name = "PolicyVersion"

    number = graphene.Int(required=True)
    applied_at = graphene.DateTime(required=True)
    author = graphene.String(required=True)
    source = graphene.String(required=True)
    changes = graphene.List(graphene.NonNull(PolicyChange), required=True)
    document = graphene.String(required=True, description="该版本的完整政策包 YAML")

    @staticmethod
    def resolve_changes(root: PolicyVersion, info: Any) -> list[dict[str, Any]]:
        return list(root.diff)
