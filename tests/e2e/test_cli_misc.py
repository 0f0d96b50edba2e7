"""CLI contracts without a browser walk: configuration files, rescore, --help/--version."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import AuditCache


def _cli(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = dict(os.environ, CI="true", **env)
    root = Path(__file__).resolve().parents[2]
    full_env["PYTHONPATH"] = str(root)
    return subprocess.run(
        [sys.executable, "-m", "auditor", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd,
        timeout=120,
    )


def test_help_and_version() -> None:
    help_ = _cli("--help")
    assert help_.returncode == 0
    commands = ("audit", "demo", "sweep", "rescore", "rules", "report", "diff", "bench", "accuracy")
    for command in commands:
        assert command in help_.stdout
    version = _cli("--version")
    assert version.returncode == 0 and version.stdout.startswith("auditor ")


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("auditor.toml", 'url = "http://127.0.0.1:9/"\nmax_pagez = 3\n', "max_pagez"),
        ("auditor.toml", '[auditor]\nmax_pages = "many"\n', "max_pages"),
        ("pyproject.toml", '[tool.auditor]\nviewport = "tablet"\n', "viewport"),
        ("auditor.toml", "url = [broken\n", "cannot read TOML"),
    ],
)
def test_bad_configuration_is_one_line_and_exit_2(
    tmp_path: Path, name: str, content: str, expected: str
) -> None:
    (tmp_path / name).write_text(content)
    proc = _cli("audit", "http://127.0.0.1:9/", cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in proc.stderr
    assert name in lines[0] and expected in lines[0]


def test_unknown_profile_and_bad_date_are_usage_errors(tmp_path: Path) -> None:
    bad_profile = _cli("audit", "http://127.0.0.1:9/", "--profile", "mars", cwd=tmp_path)
    assert bad_profile.returncode == 2 and "mars" in bad_profile.stderr
    bad_date = _cli("audit", "http://127.0.0.1:9/", "--as-of", "yesterday", cwd=tmp_path)
    assert bad_date.returncode == 2 and "--as-of" in bad_date.stderr


@pytest.mark.browser
def test_rescore_rejudges_without_a_browser(audits: AuditCache, tmp_path: Path) -> None:
    audited = audits.get("en-good")
    observations = audited.out / "observations.json"
    proc = _cli(
        "rescore", str(observations), "--profile", "de", "--as-of", "2026-06-19",
        "--out", str(tmp_path), AUDITOR_CHROMIUM="/nonexistent/chrome",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["profile"] == {**report["profile"], "id": "de", "as_of": "2026-06-19"}
    assert report["milestones"]["contact"]["clicks"] == 0
    assert (tmp_path / "report.html").is_file()


def test_rescore_of_a_bad_file_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "observations.json"
    bad.write_text('{"not": "observations"}')
    proc = _cli("rescore", str(bad), "--out", str(tmp_path / "out"))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "not an observations.json" in proc.stderr
