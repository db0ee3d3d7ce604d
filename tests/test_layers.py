"""Import direction between the project's packages.

Each package may import only packages of a lower layer (and itself). Packages that share a layer
(``jobs``, ``search`` and ``exporters`` all read the store) must not import one another. Imports
inside functions and under ``TYPE_CHECKING`` count too: a lazy import is still an arrow.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

LAYERS: dict[str, int] = {
    "core": 0,
    "ingest": 1,
    "nlp": 2,
    "models": 3,
    "extractors": 4,
    "store": 5,
    "jobs": 6,
    "search": 6,
    "exporters": 6,
    "api": 7,
    "nirdesh": 8,
}


def imported_packages(source: str) -> Iterator[tuple[int, str]]:
    """(line, top-level package) for every absolute import in ``source``."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module.split(".")[0]


def back_arrows(package: str, source: str, where: str = "<source>") -> list[str]:
    """Imports in ``source`` (a module of ``package``) that point up or sideways in the layering."""
    own = LAYERS[package]
    found = []
    for line, target in imported_packages(source):
        if target == package or target not in LAYERS:
            continue
        if LAYERS[target] >= own:
            found.append(f"{where}:{line}: {package} (layer {own}) imports {target} (layer {LAYERS[target]})")
    return found


def project_modules() -> Iterator[tuple[str, Path]]:
    for package in LAYERS:
        for path in sorted((ROOT / package).rglob("*.py")):
            yield package, path


def test_every_package_is_layered():
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")} - {"tests", "evaluation", "bench", "scripts"}
    assert packages <= set(LAYERS), f"packages without a layer: {sorted(packages - set(LAYERS))}"


def test_no_import_points_against_the_layers():
    problems = []
    for package, path in project_modules():
        problems += back_arrows(package, path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("package", "source"),
    [
        ("store", "from api.app import create_app\n"),  # up
        ("ingest", "def f():\n    import core.settings\n    from extractors import extract_document\n"),  # lazy, up
        ("search", "from exporters import rows\n"),  # sideways between peers
        ("core", "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from store.models import Document\n"),
    ],
)
def test_a_back_arrow_is_caught(package, source):
    assert back_arrows(package, source), f"{package}: {source!r} should be reported"


def test_downward_and_outside_imports_pass():
    assert (
        back_arrows("api", "import fastapi\nfrom store.db import Database\nfrom core.settings import Settings\n") == []
    )
