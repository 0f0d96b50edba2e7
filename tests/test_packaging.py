"""The wheel ships the product and nothing else, and works without the source checkout.

Tests and fixtures (the fault-injecting site server, labels) stay in the repository; the
installed auditor must still run its demo and write its generated files where it is told,
never into site-packages.  The wheel is built from a copy of the sources, so the build
leaves nothing behind in the checkout.
"""

from __future__ import annotations

import email
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.paths import REPO

PRODUCT = ("auditor", "rules", "reports")


def _product_files() -> set[str]:
    """Every file of the product packages in the checkout (caches excluded)."""
    files = set()
    for package in PRODUCT:
        for path in (REPO / package).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                files.add(path.relative_to(REPO).as_posix())
    return files


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, src / name)
    for package in PRODUCT:
        shutil.copytree(
            REPO / package, src / package, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
        )
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(src)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr
    (built,) = out.glob("*.whl")
    yield built


def test_wheel_holds_the_product_packages_and_nothing_else(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {n for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert shipped == _product_files(), {
        "missing": sorted(_product_files() - shipped),
        "extra": sorted(shipped - _product_files()),
    }
    test_material = [
        n for n in names if n.startswith("tests/") or n.endswith(("siteserver.py", "labels.json"))
    ]
    assert test_material == []
    assert "auditor/demo/site/index.html" in names and "auditor/demo/serve.py" in names


def test_wheel_requires_what_pyproject_declares(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as z:
        meta_name = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
        meta = email.message_from_bytes(z.read(meta_name))
    declared = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    required = [r for r in meta.get_all("Requires-Dist") or [] if "extra ==" not in r]
    assert sorted(r.replace(" ", "") for r in required) == sorted(declared["dependencies"])


def test_product_never_imports_the_tests() -> None:
    offenders = [
        str(p.relative_to(REPO))
        for package in PRODUCT
        for p in (REPO / package).rglob("*.py")
        if "import tests" in (text := p.read_text("utf-8")) or "from tests" in text
    ]
    assert offenders == []


@pytest.mark.browser
def test_unpacked_wheel_runs_demo_schema_and_docs_away_from_the_checkout(
    wheel: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site-packages"
    zipfile.ZipFile(wheel).extractall(site)
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = dict(os.environ, PYTHONPATH=str(site), CI="true")

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "auditor", *args],
            capture_output=True,
            text=True,
            cwd=work,
            env=env,
            timeout=180,
        )

    where = subprocess.run(
        [sys.executable, "-c", "import auditor, rules, reports; print(auditor.__file__)"],
        capture_output=True,
        text=True,
        cwd=work,
        env=env,
    )
    assert where.stdout.strip() == str(site / "auditor" / "__init__.py"), where.stderr
    assert cli("--help").returncode == 0
    schema = cli("schema")
    assert schema.returncode == 0, schema.stderr
    assert (work / "docs" / "report.schema.json").read_text("utf-8") == (
        REPO / "docs" / "report.schema.json"
    ).read_text("utf-8")
    docs = cli("rules", "docs", "--out", str(tmp_path / "rd"))
    assert docs.returncode == 0, docs.stderr
    assert (tmp_path / "rd" / "README.md").is_file()
    assert not list(site.rglob("*.schema.json")) and not (site / "docs").exists()
    demo = cli("demo", "--out", str(tmp_path / "demo-out"))
    assert demo.returncode == 0, demo.stderr
    assert (tmp_path / "demo-out" / "report.json").is_file()
    assert "status complete" in demo.stdout
    accuracy = cli("accuracy", "--sites", str(work))
    assert accuracy.returncode == 2
    assert "source checkout" in accuracy.stderr and "Traceback" not in accuracy.stderr
