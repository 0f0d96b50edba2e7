"""CI gates on real audits of fixture sites: --fail-over, --fail-on, --baseline, diff, and
the SARIF / JUnit files a pipeline attaches."""

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


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, CI="true")
    return subprocess.run(
        [sys.executable, "-m", "auditor", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def _audit(site: str, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    with SiteServer(SITES_DIR / site) as server:
        return _cli(
            "audit", server.url + "/", "--out", str(out), "--viewport", "desktop",
            "--max-pages", "30", "--no-screenshots", *extra,
        )  # fmt: skip


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, Path]]:
    base = tmp_path_factory.mktemp("gates")
    out: dict[str, tuple[int, Path]] = {}
    good = base / "good"
    proc = _audit("en-good", good, "--format", "json,html,sarif,junit,csv,md")
    out["good"] = (proc.returncode, good)
    tiny = base / "tiny"
    proc = _audit("en-footer-tiny", tiny, "--fail-over", "20")
    out["tiny-over-20"] = (proc.returncode, tiny)
    relaxed = base / "tiny-relaxed"
    proc = _audit("en-footer-tiny", relaxed, "--fail-over", "60")
    out["tiny-over-60"] = (proc.returncode, relaxed)
    serious = base / "tiny-serious"
    proc = _audit("en-footer-tiny", serious, "--fail-on", "serious")
    out["tiny-fail-on-serious"] = (proc.returncode, serious)
    regress = base / "tiny-baseline"
    proc = _audit("en-footer-tiny", regress, "--baseline", str(good / "report.json"))
    out["tiny-baseline-good"] = (proc.returncode, regress)
    return out


def test_good_site_passes_every_gate(runs: dict[str, tuple[int, Path]]) -> None:
    assert runs["good"][0] == 0


def test_fail_over_threshold(runs: dict[str, tuple[int, Path]]) -> None:
    friction = json.loads((runs["tiny-over-20"][1] / "report.json").read_text())["score"]
    assert friction["friction"] > 20
    assert runs["tiny-over-20"][0] == 1
    assert runs["tiny-over-60"][0] == 0


def test_fail_on_impact(runs: dict[str, tuple[int, Path]]) -> None:
    assert runs["tiny-fail-on-serious"][0] == 1


def test_baseline_regression_exits_1(runs: dict[str, tuple[int, Path]]) -> None:
    assert runs["tiny-baseline-good"][0] == 1


def test_diff_exit_codes(runs: dict[str, tuple[int, Path]]) -> None:
    good = str(runs["good"][1] / "report.json")
    tiny = str(runs["tiny-over-60"][1] / "report.json")
    worse = _cli("diff", good, tiny)
    assert worse.returncode == 1, worse.stdout + worse.stderr
    assert "contact-hidden" in worse.stdout
    better = _cli("diff", tiny, good)
    assert better.returncode == 0, better.stdout + better.stderr
    same = _cli("diff", tiny, tiny)
    assert same.returncode == 0
    broken = _cli("diff", good, str(runs["good"][1] / "missing.json"))
    assert broken.returncode == 2 and "Traceback" not in broken.stderr


def test_sarif_of_a_real_audit_has_the_required_structure(
    runs: dict[str, tuple[int, Path]],
) -> None:
    sarif = json.loads((runs["good"][1] / "report.sarif").read_text())
    assert sarif["version"] == "2.1.0" and "$schema" in sarif
    run = sarif["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] and driver["rules"]
    rule_ids = {r["id"] for r in driver["rules"]}
    for result in run["results"]:
        assert result["ruleId"] in rule_ids
        assert result["message"]["text"]
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert result["partialFingerprints"]


def test_junit_of_a_real_audit_parses(runs: dict[str, tuple[int, Path]]) -> None:
    report = json.loads((runs["good"][1] / "report.json").read_text())
    root = ET.parse(runs["good"][1] / "junit.xml").getroot()
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    assert len(suites) == 1
    cases = suites[0].findall("testcase")
    assert len(cases) == len(report["findings"])
    failures = [c for c in cases if c.find("failure") is not None]
    assert len(failures) == sum(1 for f in report["findings"] if f["outcome"] == "fail")


def test_sweep_audits_each_site_and_writes_one_table(tmp_path: Path) -> None:
    with SiteServer(SITES_DIR / "en-good") as good, SiteServer(SITES_DIR / "en-broken") as bad:
        listing = tmp_path / "urls.txt"
        listing.write_text(f"# two brands\n{good.url}/\n\n{bad.url}/  # the broken one\n")
        proc = _cli(
            "sweep", str(listing), "--out", str(tmp_path / "out"), "--viewport", "desktop",
            "--max-pages", "20",
        )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    rows = (tmp_path / "out" / "sweep.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 3  # header + two sites
    assert "contact-link-broken" in rows[2] and "contact-link-broken" not in rows[1]
    root = ET.parse(tmp_path / "out" / "junit.xml").getroot()
    assert len(root.findall("testsuite")) == 2
    folders = [p for p in (tmp_path / "out").iterdir() if p.is_dir()]
    assert len(folders) == 2 and all((f / "report.json").is_file() for f in folders)


def test_sweep_rejects_a_bad_line_before_auditing(tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text("http://127.0.0.1:9/\nnot a url\n")
    proc = _cli("sweep", str(listing), "--out", str(tmp_path / "out"))
    assert proc.returncode == 2
    assert "urls.txt:2" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()


def test_config_file_drives_the_audit_and_anchors_sarif(tmp_path: Path) -> None:
    with SiteServer(SITES_DIR / "en-footer-tiny") as server:
        (tmp_path / "auditor.toml").write_text(
            f'url = "{server.url}/"\nout = "out"\nformats = ["json", "sarif"]\n'
            'viewport = "desktop"\nmax_pages = 15\nscreenshots = false\n'
        )
        proc = subprocess.run(
            [sys.executable, "-m", "auditor", "audit"],
            capture_output=True,
            text=True,
            env=dict(os.environ, CI="true"),
            cwd=tmp_path,
            timeout=300,
        )
    assert proc.returncode == 0, proc.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["viewports"] == ["desktop"]
    assert report["settings"]["max_pages"] == 15
    sarif = json.loads((tmp_path / "out" / "report.sarif").read_text())
    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for result in sarif["runs"][0]["results"]
        for loc in result["locations"]
    }
    assert uris == {"auditor.toml"}, "failing rules should point at the config file"
