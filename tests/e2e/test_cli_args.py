"""Bad arguments are exit 2 with one line on stderr, before any browser starts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _cli(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    # A Chromium that does not exist: reaching the browser would be a different message.
    full = dict(os.environ, CI="true", PYTHONPATH=str(ROOT), AUDITOR_CHROMIUM="/nonexistent")
    return subprocess.run(
        [sys.executable, "-m", "auditor", *args],
        capture_output=True,
        text=True,
        env={**full, **env},
        cwd=cwd,
        timeout=120,
    )


URL = "http://127.0.0.1:9/"
CASES = [
    (["audit", URL, "--out", "afile"], "is a file, not a folder"),
    (["audit", URL, "--out", "afile/sub"], "is a file, not a folder"),
    (["audit", "http://127.0.0.1:99999/"], "Port out of range"),
    (["audit", "http://127.0.0.1:0/"], "port 0"),
    (["audit", URL, "--time-limit", "-1"], "--time-limit"),
    (["audit", URL, "--time-limit", "0"], "--time-limit"),
    (["audit", URL, "--max-pages", "0"], "--max-pages"),
    (["audit", URL, "--max-pages", "-3"], "--max-pages"),
    (["audit", URL, "--max-depth", "0"], "--max-depth"),
    (["audit", URL, "--parallel", "99"], "--parallel"),
    (["audit", URL, "--max-pages", "many"], "--max-pages"),
    (["audit", URL, "--viewport", "tablet"], "--viewport"),
    (["audit", URL, "--profile", "mars"], "unknown profile 'mars'"),
    (["audit", URL, "--format", "html,docx"], "--format"),
    (["audit", URL, "--fail-on", "huge"], "--fail-on"),
    (["audit", URL, "--fail-over", "101"], "--fail-over"),
    (["audit", URL, "--baseline", "missing.json"], "baseline not found"),
    (["audit", URL, "--region", "Great Britain"], "--region"),
    (["audit", URL, "--no-such-option"], "No such option"),
    (["audit", "https://user:s3cret@127.0.0.1:9/"], "credentials"),
    (["audit", "ftp://127.0.0.1/"], "not an http(s) URL"),
    (["audit"], "give a start URL"),
    (["sweep", "urls.txt", "--max-pages", "0"], "--max-pages"),
    (["rescore", "missing.json", "--out", "x"], "no such file"),
    (["verify", "."], "no manifest.json"),
]


@pytest.mark.parametrize(("args", "expected"), CASES, ids=[" ".join(a[1:]) for a, _ in CASES])
def test_bad_arguments_are_one_line_and_exit_2(
    tmp_path: Path, args: list[str], expected: str
) -> None:
    (tmp_path / "afile").write_text("not a folder")
    (tmp_path / "urls.txt").write_text(URL + "\n")
    proc = _cli(*args, cwd=tmp_path)
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert proc.returncode == 2, proc.stderr
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert expected in lines[0]
    assert "s3cret" not in proc.stderr + proc.stdout
    assert not (tmp_path / "audit-out").exists(), "nothing is written for a bad argument"


def test_a_bad_env_value_names_the_variable(tmp_path: Path) -> None:
    proc = _cli("audit", URL, cwd=tmp_path, AUDITOR_MAX_PAGES="lots")
    assert proc.returncode == 2 and "AUDITOR_MAX_PAGES" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_a_non_empty_out_is_refused_without_replace(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "notes.txt").write_text("mine")
    proc = _cli("audit", URL, "--out", "out", cwd=tmp_path)
    assert proc.returncode == 2 and "not empty" in proc.stderr
    replaced = _cli("audit", URL, "--out", "out", "--replace", cwd=tmp_path)
    assert replaced.returncode == 2 and "does not hold an earlier run" in replaced.stderr
    assert (tmp_path / "out" / "notes.txt").read_text() == "mine"


def test_no_browser_means_exit_2_in_one_line(tmp_path: Path) -> None:
    proc = _cli("audit", URL, "--out", "out", cwd=tmp_path)
    assert proc.returncode == 2 and "AUDITOR_CHROMIUM" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_config_shows_where_each_value_came_from(tmp_path: Path) -> None:
    (tmp_path / "auditor.toml").write_text("max_pages = 12\n")
    proc = _cli("config", cwd=tmp_path, AUDITOR_PROFILE="de")
    assert proc.returncode == 0, proc.stderr
    rows = {line.split("\t")[0]: line.split("\t")[1:] for line in proc.stdout.splitlines()}
    assert rows["max_pages"][0] == "12" and rows["max_pages"][1].endswith("auditor.toml")
    assert rows["profile"] == ["de", "AUDITOR_PROFILE"]
    assert rows["rate"] == ["10.0", "default"]
