"""Runs as evidence: fresh folders, a manifest of exactly this run, `auditor verify`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from auditor import __version__
from auditor.api import verify
from auditor.api.evidence import write_manifest
from tests.conftest import SITES_DIR
from tests.support.siteserver import SiteServer

ROOT = Path(__file__).resolve().parents[2]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, CI="true", PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "auditor", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def _audit(url: str, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return _cli(
        "audit", url, "--out", str(out), "--viewport", "desktop", "--max-pages", "8",
        "--no-screenshots", "--format", "json,md", *extra,
    )  # fmt: skip


@pytest.mark.browser
def test_a_run_folder_is_fresh_hashed_and_verifiable(tmp_path: Path) -> None:
    out = tmp_path / "run"
    with SiteServer(SITES_DIR / "en-good") as server:
        first = _audit(server.url + "/", out)
        assert first.returncode == 0, first.stderr
        manifest = json.loads((out / "manifest.json").read_text())
        assert manifest["tool"]["version"] == __version__
        assert manifest["target"]["start_url"] == server.url + "/"
        assert manifest["started_at"] <= manifest["finished_at"]
        on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
        assert set(manifest["files"]) == on_disk - {"manifest.json"}
        assert {"observations.json", "report.json", "summary.md"} <= set(manifest["files"])

        intact = _cli("verify", str(out))
        assert intact.returncode == 0 and "intact" in intact.stdout, intact.stderr

        # A second audit into the same folder would mix two runs: refused, then replaced.
        (out / "stray.txt").write_text("left from before")
        again = _audit(server.url + "/", out)
        assert again.returncode == 2 and "not empty" in again.stderr
        # The baseline may be the very run being replaced: it is read before the folder clears.
        replaced = _audit(
            server.url + "/", out, "--replace", "--baseline", str(out / "report.json")
        )
        assert replaced.returncode == 0, replaced.stderr
    assert not (out / "stray.txt").exists()
    assert "stray.txt" not in json.loads((out / "manifest.json").read_text())["files"]

    report = out / "report.json"
    report.write_text(report.read_text().replace('"complete"', '"completed"', 1))
    (out / "summary.md").unlink()
    (out / "added.png").write_bytes(b"\x89PNG")
    tampered = _cli("verify", str(out))
    assert tampered.returncode == 1
    lines = tampered.stdout.splitlines()
    assert "changed: report.json" in lines
    assert "missing: summary.md" in lines
    assert "extra: added.png" in lines


def test_verify_names_changed_missing_and_extra_files(tmp_path: Path) -> None:
    (tmp_path / "screenshots").mkdir()
    (tmp_path / "screenshots" / "a.png").write_bytes(b"a")
    (tmp_path / "report.json").write_text("{}")
    (tmp_path / "gone.txt").write_text("x")
    write_manifest(
        tmp_path, run="audit", start_url="http://127.0.0.1/", final_url=None, started_at="t"
    )
    assert verify(tmp_path).intact and verify(tmp_path).checked == 3
    (tmp_path / "screenshots" / "a.png").write_bytes(b"b")
    (tmp_path / "gone.txt").unlink()
    (tmp_path / "screenshots" / "new.png").write_bytes(b"n")
    result = verify(tmp_path)
    assert (result.changed, result.missing, result.extra) == (
        ["screenshots/a.png"],
        ["gone.txt"],
        ["screenshots/new.png"],
    )
    assert result.exit_code == 1


def test_a_manifest_pointing_outside_its_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text(json.dumps({"files": {"../secret": "00"}}))
    proc = _cli("verify", str(tmp_path))
    assert proc.returncode == 2 and "outside the folder" in proc.stderr


@pytest.mark.browser
def test_the_library_audits_without_the_cli(tmp_path: Path) -> None:
    from auditor.api import AuditorConfig, audit
    from auditor.errors import TargetError

    with SiteServer(SITES_DIR / "en-good") as server:
        config = AuditorConfig(
            url=server.url + "/", out=tmp_path / "lib", viewport="desktop", max_pages=6,
            screenshots=False, fail_over=0,
        )  # fmt: skip
        result = audit(config)
    assert result.report.status == "complete"
    assert result.gate_failures and result.exit_code == 1  # friction above 0 fails the gate
    assert result.files["json"].is_file() and verify(result.out).intact
    with pytest.raises(TargetError):
        audit(AuditorConfig(url="http://u:p@127.0.0.1:9/", out=tmp_path / "never"))
    assert not (tmp_path / "never").exists()
