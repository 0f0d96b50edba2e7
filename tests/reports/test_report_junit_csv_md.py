"""JUnit XML, CSV and the Markdown summary, parsed back and checked against the report."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path

from report_samples import EVIL_TITLE, HEBREW_LABEL, make_judgement, make_observations

from reports.build import build_report
from reports.csv import CSV_COLUMNS, cell, render_csv, write_csv
from reports.junit import render_junit
from reports.markdown import md_link, md_text, render_markdown
from reports.model import Report


def _second_site() -> Report:
    obs = make_observations("inconclusive")
    obs.obs.start_url = "https://shop.example/"
    obs.obs.final_url = None
    obs.obs.status_reason = "=HYPERLINK(bot wall)"
    judgement = make_judgement()
    judgement.findings = [f for f in judgement.findings if f.outcome == "pass"]
    judgement.score.friction = 20
    judgement.score.grade = "B"
    return build_report(obs, judgement)


# --- JUnit -----------------------------------------------------------------------------


def test_junit_one_suite_per_site_one_case_per_rule(report: Report) -> None:
    root = ET.fromstring(render_junit([report, _second_site()]))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["www.telco.example", "shop.example"]
    telco = suites[0]
    cases = telco.findall("testcase")
    assert len(cases) == len({f.rule for f in report.findings})
    by_name = {c.get("name"): c for c in cases}
    fail = by_name["CFA001 contact-too-deep"]
    failure = fail.find("failure")
    assert failure is not None and failure.get("message") == "Contact takes too many clicks"
    assert "how to fix" in (failure.text or "")
    review = by_name["CFA003 no-human-channel"].find("skipped")
    assert review is not None and "needs review" in (review.get("message") or "")
    error = by_name["CFA012 no-response-time"].find("error")
    assert error is not None
    passed = by_name["CFA009 no-complaint-procedure"]
    assert list(passed) == []
    na = by_name["CFA011 stale-odr-link"].find("skipped")
    assert na is not None and "not applicable" in (na.get("message") or "")


def test_junit_counts_add_up(report: Report) -> None:
    root = ET.fromstring(render_junit([report, _second_site()]))
    total = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for suite in root.findall("testsuite"):
        cases = suite.findall("testcase")
        counted = {
            "tests": len(cases),
            "failures": sum(c.find("failure") is not None for c in cases),
            "errors": sum(c.find("error") is not None for c in cases),
            "skipped": sum(c.find("skipped") is not None for c in cases),
        }
        for key, value in counted.items():
            assert suite.get(key) == str(value)
            total[key] += value
    for key, value in total.items():
        assert root.get(key) == str(value)
    # the inconclusive site reports the audit itself as an error
    shop = root.findall("testsuite")[1]
    assert shop.find("testcase[@name='audit']/error") is not None


def test_junit_warn_level_fail_is_shown_not_failed(report: Report) -> None:
    """A rule configured `warn` never fails a gate, so its fail is no <failure> either."""
    for f in report.findings:
        if f.slug == "contact-too-deep":
            f.level = "warn"
    root = ET.fromstring(render_junit(report))
    case = root.find(".//testcase[@name='CFA001 contact-too-deep']")
    assert case is not None and case.find("failure") is None
    skipped = case.find("skipped")
    assert skipped is not None
    assert skipped.get("message") == "warning: Contact takes too many clicks"
    assert "how to fix" in (skipped.text or "")
    suite = root.find("testsuite")
    assert suite is not None
    assert suite.get("failures") == str(len(suite.findall("testcase/failure")))


def test_junit_escapes_crawled_text(report: Report) -> None:
    report.findings[0].message = EVIL_TITLE + "\x00\x07 & ]]>"
    text = render_junit(report)
    root = ET.fromstring(text)  # still well-formed
    failure = root.find(".//testcase[@name='CFA001 contact-too-deep']/failure")
    assert failure is not None and EVIL_TITLE in (failure.text or "")
    assert "<script>" not in text


# --- CSV -------------------------------------------------------------------------------


def test_csv_round_trip_one_row_per_site(report: Report, tmp_path: Path) -> None:
    other = _second_site()
    path = write_csv([report, other], tmp_path / "sweep.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 2
    assert tuple(rows[0]) == CSV_COLUMNS
    first = rows[0]
    assert first["url"] == report.target.start_url
    assert float(first["friction"]) == report.score.friction
    assert first["grade"] == report.score.grade
    assert first["status"] == "complete"
    assert first["contact_clicks"] == str(report.milestones["contact"].clicks)
    assert first["contact_clicks_mobile"] == "4"
    assert first["escalation_clicks"] == ""  # not reached
    assert first["channels_phone"] == "2"
    assert first["channels_email"] == "1"
    assert first["channels_postal"] == "0"
    assert first["channels_total"] == str(len(report.channels))
    fails = sorted({f.slug for f in report.findings if f.outcome == "fail"})
    assert first["failed"].split(";") == fails
    assert first["fails"] == str(len(fails))
    # an inconclusive audit has no grade and no number, even if one was computed (§8a)
    assert rows[1]["failed"] == "" and rows[1]["grade"] == "" and rows[1]["friction"] == ""
    # formula injection neutralised
    assert rows[1]["status_reason"] == "'=HYPERLINK(bot wall)"


def test_csv_single_report_and_cell_guard(report: Report) -> None:
    rows = list(csv.DictReader(io.StringIO(render_csv(report))))
    assert len(rows) == 1
    assert cell("+1 555") == "'+1 555"
    assert cell("https://x") == "https://x"


# --- Markdown --------------------------------------------------------------------------


def test_markdown_summary_has_score_milestones_and_failures(report: Report) -> None:
    md = render_markdown(report, html_report="https://ci.example/artifacts/report.html")
    assert md.startswith("## Complaint friction: D · 62.5/100")
    assert "| Reach a human | 3 | 4 |" in md
    assert "| Escalate beyond support | — | — |" in md
    for f in report.findings:
        if f.outcome in ("fail", "needs_review"):
            assert f.slug in md
    assert "stale-odr-link" not in md
    assert md.index("premium-rate-number") < md.index("no-human-channel")  # fails first
    assert "[report.html](<https://ci.example/artifacts/report.html>)" in md
    assert "[!WARNING]" not in md


def test_markdown_flags_partial_audits_and_escapes(report: Report) -> None:
    partial = build_report(make_observations("partial"), make_judgement())
    partial.findings[1].message = f"{HEBREW_LABEL} <img src=x onerror=alert(1)> [x](javascript:1)"
    md = render_markdown(partial)
    assert "[!WARNING]" in md and "Partial audit" in md
    assert "<img" not in md
    assert "](javascript" not in md
    assert HEBREW_LABEL in md


def test_markdown_link_helpers() -> None:
    assert md_link("javascript:alert(1)") == "`javascript:alert(1)`"
    assert md_link("https://a.example/x y") == "[https://a.example/x y](<https://a.example/x%20y>)"
    assert md_text("a|b*c") == "a\\|b\\*c"


def test_third_party_contacts_are_listed_apart_in_junit_sarif_md(report: Report) -> None:
    import json as _json

    from auditor.models import Channel
    from reports.sarif import render_sarif

    ico = Channel(
        kind="phone",
        value="+443031231113",
        owner="third_party",
        owner_role="data_protection",
        owner_name="Information Commissioner's Office",
    )
    shown = report.model_copy(update={"third_party_contacts": [ico]})
    assert 'name="third_party_contact" value="+443031231113 (data_protection: Information' in (
        render_junit(shown)
    )
    run = _json.loads(render_sarif(shown))["runs"][0]
    assert run["properties"]["thirdPartyContacts"][0]["role"] == "data_protection"
    md = render_markdown(shown)
    assert "Third-party contacts" in md and "+443031231113" in md
