"""CI conventions end to end (issue 16, criterion 7): real audits of fixture sites on
127.0.0.1 through the CLI, as a GitHub Actions job would run them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import SITES_DIR
from tests.support.siteserver import SiteServer

pytestmark = pytest.mark.browser


def _cli(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    environ.update(CI="true", **env)
    return subprocess.run(
        [sys.executable, "-m", "auditor", *args],
        capture_output=True,
        text=True,
        env=environ,
        cwd=cwd,
        timeout=300,
    )


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> tuple[SiteServer, Path]:
    """One audit of en-footer-tiny with every CI output; its report is the baseline."""
    base = tmp_path_factory.mktemp("ci")
    server = SiteServer(SITES_DIR / "en-footer-tiny").__enter__()
    proc = _cli(
        "audit", server.url + "/", "--out", str(base / "first"), "--viewport", "desktop",
        "--max-pages", "20", "--no-screenshots", "--format", "json,sarif,junit",
        GITHUB_STEP_SUMMARY=str(base / "step.md"),
    )  # fmt: skip
    assert proc.returncode in (0, 1), proc.stderr
    yield server, base
    server.__exit__(None, None, None)


def _audit(
    server: SiteServer, out: Path, *extra: str, **env: str
) -> subprocess.CompletedProcess[str]:
    return _cli(
        "audit", server.url + "/", "--out", str(out), "--viewport", "desktop",
        "--max-pages", "20", "--no-screenshots", *extra, **env,
    )  # fmt: skip


def test_the_step_summary_is_appended_where_github_says(tiny: tuple[SiteServer, Path]) -> None:
    _, base = tiny
    text = (base / "step.md").read_text(encoding="utf-8")
    assert text.startswith("## Complaint friction:")
    assert "| milestone |" in text


def test_junit_suite_is_named_by_host_and_port_with_a_duration(
    tiny: tuple[SiteServer, Path],
) -> None:
    server, base = tiny
    suite = ET.parse(base / "first" / "junit.xml").getroot().find("testsuite")
    assert suite is not None
    assert suite.get("name") == server.url.removeprefix("http://")
    assert float(suite.get("time") or 0) > 0


def test_sarif_points_at_the_url_without_a_config(tiny: tuple[SiteServer, Path]) -> None:
    server, base = tiny
    sarif = json.loads((base / "first" / "report.sarif").read_text())
    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for result in sarif["runs"][0]["results"]
        for loc in result["locations"]
    }
    assert uris and all(u.startswith(server.url) for u in uris), uris


def test_an_error_level_rule_fails_the_gate_and_off_removes_it(
    tiny: tuple[SiteServer, Path], tmp_path: Path
) -> None:
    server, base = tiny
    first = json.loads((base / "first" / "report.json").read_text())
    failing = sorted(f["slug"] for f in first["findings"] if f["outcome"] == "fail")
    assert failing, "en-footer-tiny should fail some rule"
    slug = failing[0]
    proc = _audit(server, tmp_path / "err", "--rule", f"{slug}=error")
    assert proc.returncode == 1, proc.stderr
    assert f"error-level rule(s) failed: {slug}" in proc.stderr
    (tmp_path / "pyproject.toml").write_text(f'[tool.auditor.rules]\n"{slug}" = "off"\n')
    proc = _cli(
        "audit", server.url + "/", "--out", "off", "--viewport", "desktop", "--max-pages", "20",
        "--no-screenshots", "--format", "json,sarif", cwd=tmp_path,
    )  # fmt: skip
    assert proc.returncode in (0, 1), proc.stderr
    report = json.loads((tmp_path / "off" / "report.json").read_text())
    assert slug not in {f["slug"] for f in report["findings"]}
    sarif = json.loads((tmp_path / "off" / "report.sarif").read_text())
    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for result in sarif["runs"][0]["results"]
        for loc in result["locations"]
    }
    assert uris == {"pyproject.toml"}, "SARIF should cite the config file actually read"


def test_only_tags_and_a_profile_file(tiny: tuple[SiteServer, Path], tmp_path: Path) -> None:
    _, base = tiny
    obs = base / "first" / "observations.json"
    proc = _cli("rescore", str(obs), "--out", str(tmp_path / "tags"), "--only-tags", "login")
    assert proc.returncode in (0, 1), proc.stderr
    report = json.loads((tmp_path / "tags" / "report.json").read_text())
    assert report["findings"]
    assert {f["slug"] for f in report["findings"]} <= {"login-wall", "complaint-behind-login"}
    profile = tmp_path / "strict.toml"
    profile.write_text('extends = "eu"\nname = "Strict"\n[thresholds]\nmax_contact_clicks = 0\n')
    proc = _cli("rescore", str(obs), "--out", str(tmp_path / "mine"), "--profile", str(profile))
    assert proc.returncode in (0, 1), proc.stderr
    report = json.loads((tmp_path / "mine" / "report.json").read_text())
    assert report["profile"]["id"] == "strict"
    assert report["profile"]["thresholds"]["max_contact_clicks"] == 0
    proc = _cli("rescore", str(obs), "--out", str(tmp_path / "bad"), "--only-tags", "logn")
    assert proc.returncode == 2 and "unknown rule tag" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_baseline_state_and_a_regression_message(
    tiny: tuple[SiteServer, Path], tmp_path: Path
) -> None:
    _, base = tiny
    old = json.loads((base / "first" / "report.json").read_text())
    # The baseline had one failing rule fewer: the new run must call it new and say so.
    failing = [f for f in old["findings"] if f["outcome"] == "fail"]
    dropped = failing[0]["slug"]
    old["findings"] = [f for f in old["findings"] if f["slug"] != dropped]
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps(old))
    proc = _cli(
        "rescore", str(base / "first" / "observations.json"), "--out", str(tmp_path / "again"),
        "--format", "json,sarif", "--baseline", str(baseline),
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    assert f"regression: new fail {dropped}" in proc.stderr
    sarif = json.loads((tmp_path / "again" / "report.sarif").read_text())
    states = {r["properties"]["slug"]: r["baselineState"] for r in sarif["runs"][0]["results"]}
    assert states[dropped] == "new"
    assert "unchanged" in states.values()


def test_a_baseline_of_another_site_is_refused_before_the_walk(
    tiny: tuple[SiteServer, Path], tmp_path: Path
) -> None:
    server, base = tiny
    other = json.loads((base / "first" / "report.json").read_text())
    other["target"] = {"start_url": "https://www.other-brand.co.uk/", "final_url": None}
    baseline = tmp_path / "other.json"
    baseline.write_text(json.dumps(other))
    proc = _audit(server, tmp_path / "out", "--baseline", str(baseline))
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "refusing to compare" in lines[0], proc.stderr
    assert not (tmp_path / "out").exists(), "no walk should have started"
    proc = _cli("diff", str(baseline), str(base / "first" / "report.json"))
    assert proc.returncode == 2 and "refusing to compare" in proc.stderr
