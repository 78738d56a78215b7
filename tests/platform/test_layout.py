"""The layout rule of ARCHITECTURE §1: top-level folders are source roots, never packages."""

from __future__ import annotations

import importlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_top_level_folders_are_not_packages() -> None:
    for folder in ("platform", "tenants", "graphql", "frontend-bff"):
        assert not (ROOT / folder / "__init__.py").exists(), folder
        assert not (ROOT / folder / "onewindow" / "__init__.py").exists(), f"{folder}/onewindow"


def test_stdlib_and_graphql_core_are_not_shadowed() -> None:
    platform = importlib.import_module("platform")
    graphql = importlib.import_module("graphql")
    assert callable(platform.system) and "site-packages" not in (platform.__file__ or "")
    assert hasattr(graphql, "GraphQLSchema")


def test_every_part_of_the_namespace_imports() -> None:
    for name in ("onewindow.platform", "onewindow.tenants", "onewindow.graphql", "onewindow.bff"):
        assert importlib.import_module(name).__name__ == name
