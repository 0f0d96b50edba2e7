"""CI conventions (issue 16, criterion 7) on sample reports: levels, tags, custom profiles,
SARIF baselineState and locations, JUnit names and durations, regression messages, the
refusal of another site's baseline, the step summary, and no score for failed audits."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from report_samples import make_judgement, make_observations

from auditor.api.gating import Gates, gates
from auditor.api.summary import append_step_summary
from auditor.config import resolve
from auditor.errors import ConfigError, ProfileError, UsageError
from auditor.progress import budget_lines
from reports.build import build_report
from reports.diff import check_same_site, diff_reports, is_regression, regression_message
from reports.junit import render_junit
from reports.model import Report
from reports.sarif import render_sarif_dict
from rules.engine import Selection
from rules.model import Finding
from rules.profile import load_profile
from rules.registry import by_slug


def _report(status: str = "complete") -> Report:
    return build_report(make_observations(status), make_judgement())


def _finding(report: Report, slug: str) -> Finding:
    return next(f for f in report.findings if f.slug == slug)


# --- rule levels and tags --------------------------------------------------------------


def test_off_drops_a_rule_and_tags_select_rules() -> None:
    off = Selection(levels={"contact-too-deep": "off"}).check()
    assert not off.runs(by_slug("contact-too-deep"))
    assert off.runs(by_slug("contact-hidden"))
    only = Selection(only_tags=("login",)).check()
    assert only.runs(by_slug("login-wall"))
    assert not only.runs(by_slug("contact-too-deep"))
    skip = Selection(skip_tags=("links",)).check()
    assert not skip.runs(by_slug("contact-link-broken"))
    assert skip.runs(by_slug("contact-too-deep"))


@pytest.mark.parametrize(
    ("selection", "message"),
    [
        (Selection(levels={"contact-too-dep": "error"}), "unknown rule slug"),
        (Selection(levels={"contact-too-deep": "loud"}), "off, warn or error"),
        (Selection(only_tags=("logn",)), "unknown rule tag"),
    ],
)
def test_a_typo_in_levels_or_tags_is_a_config_error(selection: Selection, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        selection.check()


def test_levels_from_toml_env_and_options(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.auditor.rules]\ncontact-too-deep = "error"\nno-response-time = "off"\n'
    )
    got = resolve({}, cwd=tmp_path, env={}).config
    assert got.rules == {"contact-too-deep": "error", "no-response-time": "off"}
    env = {"AUDITOR_RULES": "contact-hidden=warn", "AUDITOR_ONLY_TAGS": "login, complaint"}
    got = resolve({}, cwd=tmp_path, env=env).config
    assert got.rules == {"contact-hidden": "warn"} and got.only_tags == ["login", "complaint"]
    got = resolve({"rules": ["a=off", "b=warn"]}, cwd=tmp_path, env={}).config
    assert got.rules == {"a": "off", "b": "warn"}
    with pytest.raises(ConfigError, match="AUDITOR_RULES"):
        resolve({}, cwd=tmp_path, env={"AUDITOR_RULES": "contact-too-deep"})


def test_warn_never_fails_a_gate_and_error_always_does() -> None:
    report = _report()
    assert gates(report, Gates(fail_on="serious")).failures  # contact-too-deep is serious
    _finding(report, "contact-too-deep").level = "warn"
    _finding(report, "premium-rate-number").level = "warn"
    warned = gates(report, Gates(fail_on="serious")).failures
    assert not any("contact-too-deep" in line for line in warned), warned
    assert not any("premium-rate-number" in line for line in warned), warned
    _finding(report, "contact-hidden").level = "error"  # moderate, below --fail-on
    failed = gates(report, Gates()).failures
    assert failed == ["1 error-level rule(s) failed: contact-hidden"]
    sarif = render_sarif_dict(report)["runs"][0]["results"]
    levels = {r["properties"]["slug"]: r["level"] for r in sarif}
    assert levels["contact-hidden"] == "error" and levels["contact-too-deep"] == "warning"


# --- custom profiles -------------------------------------------------------------------


def test_a_profile_file_extends_a_preset_and_overrides_it(tmp_path: Path) -> None:
    path = tmp_path / "strict-eu.toml"
    path.write_text(
        'extends = "eu"\nname = "Strict EU"\nexclude = ["contact-too-deep"]\n'
        "[thresholds]\nmax_contact_clicks = 1\n[weights]\ncomplaint_path = 9.0\n"
    )
    eu, mine = load_profile("eu"), load_profile(str(path))
    assert mine.id == "strict-eu" and mine.name == "Strict EU"
    assert mine.jurisdictions == eu.jurisdictions
    assert "contact-too-deep" in eu.rules and "contact-too-deep" not in mine.rules
    assert mine.thresholds["max_contact_clicks"] == 1
    assert mine.weights["complaint_path"] == 9.0
    assert mine.weights["findability"] == eu.weights["findability"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('name = "x"\n', "give `extends`"),
        ('extends = "eu"\nid = "eu"\n', "taken by a bundled profile"),
        ('extends = "nope"\n', "unknown profile 'nope'"),
        ('extends = "eu"\nadd = ["no-such-rule"]\n', "unknown rule"),
    ],
)
def test_a_bad_profile_file_is_one_clear_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(text)
    with pytest.raises(ProfileError, match=message):
        load_profile(str(path))
    with pytest.raises(ProfileError, match="not found"):
        load_profile(str(tmp_path / "missing.toml"))


# --- baselines and regressions -----------------------------------------------------------


def test_the_regression_message_names_rules_clicks_and_the_score() -> None:
    old, new = _report(), _report()
    old.findings = [f for f in old.findings if f.slug != "contact-hidden"]
    old.score.friction = 20.0
    assert new.score.friction is not None and new.score.friction > 25
    old.milestones["contact"].clicks = 1
    old.by_viewport = {}
    new.by_viewport = {}
    diff = diff_reports(old, new)
    assert is_regression(diff)
    message = regression_message(diff)
    assert "new fail contact-hidden" in message
    assert f"contact 1 → {new.milestones['contact'].clicks} clicks" in message
    assert f"friction 20 → {new.score.friction:g}" in message


def test_a_new_warn_level_fail_is_no_regression() -> None:
    old, new = _report(), _report()
    old.findings = [f for f in old.findings if f.slug != "contact-hidden"]
    _finding(new, "contact-hidden").level = "warn"
    new.score.friction = old.score.friction
    assert not is_regression(diff_reports(old, new))


def test_a_baseline_of_another_site_is_refused() -> None:
    ours, theirs, moved = _report(), _report(), _report()
    ours.target.start_url, ours.target.final_url = "https://www.telco.co.uk/", None
    theirs.target.start_url, theirs.target.final_url = "https://www.other-brand.co.uk/", None
    with pytest.raises(UsageError, match="refusing to compare"):
        check_same_site(theirs, ours)
    moved.target.final_url = "https://help.telco.co.uk/"  # same registrable domain
    check_same_site(moved, ours)
    baseline = Gates(baseline=Path("old.json"), baseline_report=theirs)
    with pytest.raises(UsageError, match=r"audited other-brand\.co\.uk"):
        baseline.for_site("https://www.telco.co.uk/")


def test_sarif_baseline_state_new_unchanged_updated_absent() -> None:
    old, new = _report(), _report()
    old.findings = [f for f in old.findings if f.slug != "contact-hidden"]
    _finding(old, "contact-too-deep").measure = 5
    gone = Finding(
        rule="CFA099",
        slug="old-problem",
        outcome="fail",
        impact="minor",
        category="transparency",
        title="An old problem",
        message="was there",
    )
    old.findings.append(gone)
    log = render_sarif_dict(new, baseline=old)
    states = {r["properties"]["slug"]: r["baselineState"] for r in log["runs"][0]["results"]}
    assert states["contact-hidden"] == "new"
    assert states["contact-too-deep"] == "updated"
    assert states["old-problem"] == "absent"
    assert "unchanged" in states.values()
    rule_ids = {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert "CFA099" in rule_ids
    assert all("baselineState" not in r for r in render_sarif_dict(new)["runs"][0]["results"])


def test_sarif_points_at_the_config_or_the_url() -> None:
    report = _report()
    at_url = render_sarif_dict(report)["runs"][0]["results"][0]["locations"][0]
    target = report.target.final_url or report.target.start_url
    assert at_url["physicalLocation"]["artifactLocation"]["uri"] == target
    at_file = render_sarif_dict(report, artifact="ci/auditor.toml")["runs"][0]["results"][0]
    uri = at_file["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "ci/auditor.toml"


# --- JUnit -----------------------------------------------------------------------------


def test_junit_suite_is_named_host_and_port_and_timed() -> None:
    report = _report()
    report.target.start_url = "http://127.0.0.1:8123/"
    report.started_at = "2026-06-19T10:00:00Z"
    report.finished_at = "2026-06-19T10:01:12Z"
    root = ET.fromstring(render_junit(report))
    suite = root.find("testsuite")
    assert suite is not None
    assert suite.get("name") == "127.0.0.1:8123"
    assert suite.get("time") == "72" and root.get("time") == "72"


# --- failed audits, step summary, budget lines --------------------------------------------


def test_a_failed_audit_report_has_no_number_and_gates_do_not_compare_it() -> None:
    report = _report("failed")
    assert report.score.friction is None and report.score.grade is None
    assert all(c.friction is None for c in report.score.categories.values())
    assert gates(report, Gates(fail_over=0)).failures == []
    graded = _report("partial")
    assert graded.score.friction is not None and graded.score.grade
    diff = diff_reports(graded, report)
    assert diff.score_delta is None and diff.new_friction is None


def test_the_step_summary_is_appended_with_failed_gates(tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    target.write_text("# earlier step\n")
    append_step_summary(target, _report(), ["friction 40 is over the threshold 30"])
    text = target.read_text()
    assert text.startswith("# earlier step\n")
    assert "## Complaint friction:" in text and "### Gates failed" in text
    assert "friction 40 is over the threshold 30" in text


def test_github_step_summary_fills_the_key_below_auditor_vars(tmp_path: Path) -> None:
    got = resolve({}, cwd=tmp_path, env={"GITHUB_STEP_SUMMARY": "/tmp/gh.md"})
    assert got.config.step_summary == Path("/tmp/gh.md")
    assert got.source("step_summary") == "GITHUB_STEP_SUMMARY"
    env = {"GITHUB_STEP_SUMMARY": "/tmp/gh.md", "AUDITOR_STEP_SUMMARY": "/tmp/mine.md"}
    assert resolve({}, cwd=tmp_path, env=env).config.step_summary == Path("/tmp/mine.md")


def test_budget_lines_name_the_budget_and_the_viewport() -> None:
    report = _report()
    assert report.settings is not None
    report.budgets_exhausted = {"desktop": ["pages"], "mobile": ["time"]}
    assert budget_lines(report) == [
        f"page budget of {report.settings.max_pages} reached on desktop",
        f"time limit of {report.settings.time_limit_s:g} s reached on mobile",
    ]
