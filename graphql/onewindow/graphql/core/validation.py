"""Validation rules run before any resolver: depth, cost and (in production) introspection.

Each rejection is a GraphQL error with ``extensions.code``: ``QUERY_TOO_DEEP``,
``QUERY_TOO_COSTLY``, ``INTROSPECTION_DISABLED``.
"""

from __future__ import annotations

from typing import Any

from graphql import (
    ASTValidationRule,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    specified_rules,
)
from onewindow.graphql.core.connections import MAX_PAGE

_INTROSPECTION = {"__schema", "__type"}


def _walk(
    selection_set: SelectionSetNode | None,
    fragments: dict[str, FragmentDefinitionNode],
    depth: int,
    multiplier: int,
    seen: frozenset[str],
    acc: dict[str, int],
) -> None:
    """Accumulate max depth and total cost of a selection set (fragments inlined)."""
    if selection_set is None:
        return
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            name = selection.name.value
            if name.startswith("__"):
                continue  # __typename and introspection cost nothing here
            acc["depth"] = max(acc["depth"], depth)
            acc["cost"] += multiplier
            page = _page_size(selection)
            _walk(selection.selection_set, fragments, depth + 1, multiplier * page, seen, acc)
        elif isinstance(selection, InlineFragmentNode):
            _walk(selection.selection_set, fragments, depth, multiplier, seen, acc)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            fragment = fragments.get(name)
            if fragment is not None and name not in seen:
                _walk(fragment.selection_set, fragments, depth, multiplier, seen | {name}, acc)


def _page_size(field: FieldNode) -> int:
    """A connection's children cost ``first``/``last`` times; a variable counts as the max."""
    for arg in field.arguments or ():
        if arg.name.value in ("first", "last"):
            if isinstance(arg.value, IntValueNode):
                return max(1, int(arg.value.value))
            return MAX_PAGE
    return 1


def limits_rule(max_depth: int, max_cost: int) -> type[ValidationRule]:
    class QueryLimits(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            document = context.document
            self.fragments = {
                d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
            }

        def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
            acc = {"depth": 0, "cost": 0}
            _walk(node.selection_set, self.fragments, 1, 1, frozenset(), acc)
            if acc["depth"] > max_depth:
                self.report_error(
                    GraphQLError(
                        f"查询深度 {acc['depth']} 超过上限 {max_depth}",
                        node,
                        extensions={"code": "QUERY_TOO_DEEP", "depth": acc["depth"], "maxDepth": max_depth},
                    )
                )
            if acc["cost"] > max_cost:
                self.report_error(
                    GraphQLError(
                        f"查询开销 {acc['cost']} 超过上限 {max_cost}",
                        node,
                        extensions={"code": "QUERY_TOO_COSTLY", "cost": acc["cost"], "maxCost": max_cost},
                    )
                )

    return QueryLimits


class NoIntrospection(ValidationRule):
    def enter_field(self, node: FieldNode, *_: Any) -> None:
        if node.name.value in _INTROSPECTION:
            self.report_error(
                GraphQLError(
                    "生产环境已关闭 GraphQL 内省；架构见仓库中的 schema.graphql",
                    node,
                    extensions={"code": "INTROSPECTION_DISABLED"},
                )
            )


def validation_rules(
    max_depth: int, max_cost: int, introspection: bool
) -> tuple[type[ASTValidationRule], ...]:
    """The spec's rules plus ours (graphql-core runs only the rules it is given)."""
    rules: list[type[ASTValidationRule]] = [*specified_rules, limits_rule(max_depth, max_cost)]
    if not introspection:
        rules.append(NoIntrospection)
    return tuple(rules)
