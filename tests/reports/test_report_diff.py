"""diff_reports / is_regression: what counts as new, fixed, changed and a regression."""

from __future__ import annotations

from report_samples import CONTACT, make_judgement, make_observations

from reports.build import build_report
from reports.diff import diff_reports, format_diff, is_regression
from reports.model import Report
from rules.model import Evidence, Finding


def _fresh() -> Report:
    return build_report(make_observations(), make_judgement())


def _finding(report: Report, slug: str) -> Finding:
    return next(f for f in report.findings if f.slug == slug)


def test_identical_reports_have_no_difference() -> None:
    diff = diff_reports(_fresh(), _fresh())
    assert (diff.new, diff.fixed, diff.changed, diff.milestones) == ([], [], [], [])
    assert diff.score_delta == 0
    assert not is_regression(diff)


def test_new_fail_is_a_regression() -> None:
    old, new = _fresh(), _fresh()
    odr = _finding(new, "stale-odr-link")
    odr.outcome = "fail"
    odr.evidence = [Evidence(url="https://www.telco.example/legal")]
    diff = diff_reports(old, new)
    assert [(f.slug, f.outcome, f.url) for f in diff.new] == [
        ("stale-odr-link", "fail", "https://www.telco.example/legal")
    ]
    assert is_regression(diff)


def test_new_needs_review_alone_is_not_a_regression() -> None:
    old, new = _fresh(), _fresh()
    _finding(new, "stale-odr-link").outcome = "needs_review"
    diff = diff_reports(old, new)
    assert [f.slug for f in diff.new] == ["stale-odr-link"]
    assert not is_regression(diff)


def test_fixed_findings() -> None:
    old, new = _fresh(), _fresh()
    _finding(new, "premium-rate-number").outcome = "pass"
    new.findings = [f for f in new.findings if f.slug != "contact-hidden"]
    diff = diff_reports(old, new)
    assert sorted(f.slug for f in diff.fixed) == ["contact-hidden", "premium-rate-number"]
    assert diff.new == []
    assert not is_regression(diff)


def test_same_slug_on_another_page_is_new_and_fixed() -> None:
    old, new = _fresh(), _fresh()
    _finding(new, "premium-rate-number").evidence = [Evidence(url="https://www.telco.example/b")]
    diff = diff_reports(old, new)
    assert [f.url for f in diff.new] == ["https://www.telco.example/b"]
    assert [f.url for f in diff.fixed] == [CONTACT]


def test_host_change_is_not_a_difference() -> None:
    old, new = _fresh(), _fresh()
    for f in new.findings:
        for e in f.evidence:
            e.url = e.url.replace("https://www.telco.example", "http://127.0.0.1:8000")
    assert diff_reports(old, new).new == []


def test_changed_outcome_impact_and_measure() -> None:
    old, new = _fresh(), _fresh()
    _finding(new, "no-human-channel").outcome = "fail"
    _finding(new, "contact-hidden").impact = "serious"
    _finding(new, "contact-too-deep").measure = 5
    diff = diff_reports(old, new)
    changes = {c.slug: c.changes for c in diff.changed}
    assert changes == {
        "no-human-channel": ["outcome"],
        "contact-hidden": ["impact"],
        "contact-too-deep": ["measure"],
    }
    assert is_regression(diff)  # needs_review → fail


def test_score_tolerance() -> None:
    old, new = _fresh(), _fresh()
    new.score.friction = old.score.friction + 2.0
    assert diff_reports(old, new).score_delta == 2.0
    assert not is_regression(diff_reports(old, new))
    assert is_regression(diff_reports(old, new), tolerance=1.5)
    new.score.friction = old.score.friction - 30
    assert not is_regression(diff_reports(old, new), tolerance=0)


def test_milestone_click_changes_per_viewport() -> None:
    old, new = _fresh(), _fresh()
    new.by_viewport["mobile"].milestones["contact"].clicks = 6
    esc = new.by_viewport["desktop"].milestones["escalation"]
    esc.reached, esc.clicks = True, 2
    diff = diff_reports(old, new)
    got = {(m.milestone, m.viewport): (m.old_clicks, m.new_clicks) for m in diff.milestones}
    assert got == {("contact", "mobile"): (4, 6), ("escalation", "desktop"): (None, 2)}
    text = format_diff(diff)
    assert "milestone contact (mobile): 4 → 6" in text
    assert "milestone escalation (desktop): not reached → 2" in text
