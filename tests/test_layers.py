"""The import contracts in ``pyproject.toml`` hold, and they do catch what they are there for.

``lint-imports`` reports on the code as it is; the rest of this file checks the contracts
themselves against the real import graph with one import added, so a contract that silently
stopped checking (a renamed package, a typo in a layer) fails here.
"""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
from typing import Any

import grimp
import pytest
from importlinter import api  # noqa: F401  (configures import-linter's settings on import)
from importlinter.application.use_cases import read_user_options
from importlinter.contracts.acyclic_siblings import AcyclicSiblingsContract
from importlinter.contracts.forbidden import ForbiddenContract
from importlinter.contracts.layers import LayersContract

ROOT = Path(__file__).resolve().parents[1]
CONTRACT_TYPES: dict[str, Any] = {
    "layers": LayersContract,
    "forbidden": ForbiddenContract,
    "acyclic_siblings": AcyclicSiblingsContract,
}


@pytest.fixture(scope="module")
def config() -> Any:
    return read_user_options(str(ROOT / "pyproject.toml"))


@pytest.fixture(scope="module")
def graph(config: Any) -> grimp.ImportGraph:
    return grimp.build_graph(*config.session_options["root_packages"], cache_dir=None)


def _contract(config: Any, contract_id: str) -> Any:
    options = next(c for c in config.contracts_options if c["id"] == contract_id)
    return CONTRACT_TYPES[options["type"]](
        name=options["name"], session_options=config.session_options, contract_options=options
    )


def _kept(config: Any, graph: grimp.ImportGraph, contract_id: str) -> bool:
    return bool(_contract(config, contract_id).check(copy.deepcopy(graph), verbose=False).kept)


def test_the_code_keeps_every_contract() -> None:
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache", "--config", "pyproject.toml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_contract_is_checked_here(config: Any) -> None:
    assert {c["type"] for c in config.contracts_options} <= CONTRACT_TYPES.keys()


@pytest.mark.parametrize(
    ("importer", "imported", "contract_id"),
    [
        ("onewindow.platform.core.clock", "onewindow.platform.counties.models", "layers"),
        ("onewindow.platform.catalog.services", "onewindow.tenants.catalog.models", "layers"),
        ("onewindow.platform.accounts.roles", "onewindow.platform.onboarding.services", "layers"),
        ("onewindow.tenants.hall.services", "onewindow.graphql.schemas", "layers"),
        ("onewindow.tenants.policy.services", "onewindow.platform.onboarding.services", "layers"),
        ("onewindow.graphql.schemas", "onewindow.platform.project.settings", "layers"),
        ("onewindow.graphql.schemas", "onewindow.bff", "layers"),
        ("onewindow.bff", "onewindow.platform.core.errors", "bff"),
        ("onewindow.platform.counties.tasking", "onewindow.platform.project.celery_app", "platform-layers"),
    ],
)
def test_an_upward_import_breaks_the_layers(
    config: Any, graph: grimp.ImportGraph, importer: str, imported: str, contract_id: str
) -> None:
    assert _kept(config, graph, contract_id)
    graph = copy.deepcopy(graph)
    graph.add_import(importer=importer, imported=imported)
    assert not _kept(config, graph, contract_id)


def test_a_platform_module_without_a_layer_breaks_the_contract(config: Any, graph: grimp.ImportGraph) -> None:
    graph = copy.deepcopy(graph)
    graph.add_module("onewindow.platform.stray")
    assert not _kept(config, graph, "platform-layers")


@pytest.mark.parametrize(
    ("importer", "imported", "contract_id"),
    [
        ("onewindow.tenants.hall.models", "onewindow.tenants.cases.models", "tenant-domains-acyclic"),
        ("onewindow.platform.counties.models", "onewindow.platform.accounts.models", "platform-acyclic"),
    ],
)
def test_a_new_cycle_breaks_the_contract(
    config: Any, graph: grimp.ImportGraph, importer: str, imported: str, contract_id: str
) -> None:
    graph = copy.deepcopy(graph)
    graph.add_import(importer=importer, imported=imported)
    assert not _kept(config, graph, contract_id)


def test_each_allowed_cycle_is_still_a_cycle(config: Any, graph: grimp.ImportGraph) -> None:
    """The allow-list only shrinks: once a cycle is gone, its entry must go too."""
    options = next(c for c in config.contracts_options if c["id"] == "tenant-domains-acyclic")
    stale = []
    for line in options.get("ignore_imports", []):
        importer, imported = (part.strip() for part in line.split("->"))
        importer_domain, imported_domain = (".".join(m.split(".")[:3]) for m in (importer, imported))
        if not graph.chain_exists(importer=imported_domain, imported=importer_domain, as_packages=True):
            stale.append(line)
    assert not stale, f"no longer a cycle, remove from pyproject.toml: {stale}"
