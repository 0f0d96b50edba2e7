"""pyproject.toml declares exactly what the code imports: no dead dependency, none missing.

A dependency nobody imports still costs every install (lxml is a native build) and every
security review; an import nobody declares works only by the accident of another package
pulling it in.  Import names are mapped to distributions through the installed metadata
(``bs4`` → beautifulsoup4, ``yaml`` → PyYAML), so no hand-kept table can go stale.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

from tests.support.paths import REPO

PRODUCT = ("auditor", "rules", "reports")
FIRST_PARTY = {*PRODUCT, "tests"}


def _normal(name: str) -> str:
    """PEP 503 name: case and runs of -_. do not matter."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared(requirements: list[str]) -> set[str]:
    return {_normal(re.split(r"[\s<>=!~;\[(]", req, maxsplit=1)[0]) for req in requirements}


def _imported_modules(folders: tuple[str, ...]) -> dict[str, str]:
    """Top-level third-party module → first file importing it (nested imports included)."""
    found: dict[str, str] = {}
    # Test helpers beside the tests are imported as top-level modules (pytest rootdir).
    local = {p.stem for folder in folders for p in (REPO / folder).rglob("*.py")}
    for folder in folders:
        for file in sorted((REPO / folder).rglob("*.py")):
            if "sites" in file.relative_to(REPO).parts:
                continue
            tree = ast.parse(file.read_text(encoding="utf-8"), str(file))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top not in sys.stdlib_module_names | FIRST_PARTY | local:
                        found.setdefault(top, str(file.relative_to(REPO)))
    return found


def _distributions(modules: dict[str, str]) -> dict[str, str]:
    """Distribution (normalised) → a file that imports it; unknown modules keep their name."""
    owners = packages_distributions()
    out: dict[str, str] = {}
    for module, file in modules.items():
        for dist in owners.get(module, [module]):
            out.setdefault(_normal(dist), f"{file} (import {module})")
    return out


def _project() -> dict[str, object]:
    data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    project: dict[str, object] = data["project"]
    return project


def test_every_runtime_dependency_is_imported_by_the_product_and_vice_versa() -> None:
    declared = _declared(_project()["dependencies"])  # type: ignore[arg-type]
    used = _distributions(_imported_modules(PRODUCT))
    dead = sorted(declared - set(used))
    assert not dead, (
        f"declared in pyproject.toml but imported by nothing in {', '.join(PRODUCT)}: {dead} "
        "(remove them, or use them for a real job)"
    )
    undeclared = {dist: where for dist, where in used.items() if dist not in declared}
    assert not undeclared, f"imported but not declared in [project].dependencies: {undeclared}"


def test_every_test_import_is_declared() -> None:
    extras: dict[str, list[str]] = _project()["optional-dependencies"]  # type: ignore[assignment]
    declared = _declared(_project()["dependencies"]) | _declared(extras["test"])  # type: ignore[arg-type]
    used = _distributions(_imported_modules(("tests",)))
    missing = {dist: where for dist, where in used.items() if dist not in declared}
    assert not missing, f"tests import packages no extra declares: {missing}"
