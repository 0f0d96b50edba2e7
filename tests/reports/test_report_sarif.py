"""SARIF 2.1.0: the structure code-scanning uploads require, levels and stable fingerprints."""

from __future__ import annotations

import json
from typing import Any

from report_samples import make_judgement, make_observations

from reports.build import build_report
from reports.model import Report
from reports.sarif import FINGERPRINT_KEY, fingerprint, render_sarif, render_sarif_dict


def _check_structure(log: dict[str, Any]) -> None:
    """The SARIF 2.1.0 requirements GitHub code scanning enforces on upload."""
    assert log["version"] == "2.1.0"
    assert "sarif" in log["$schema"] and "2.1.0" in log["$schema"]
    assert isinstance(log["runs"], list) and log["runs"]
    for run in log["runs"]:
        driver = run["tool"]["driver"]
        assert isinstance(driver["name"], str) and driver["name"]
        rule_ids = [r["id"] for r in driver["rules"]]
        assert len(rule_ids) == len(set(rule_ids))
        for rule in driver["rules"]:
            assert rule["shortDescription"]["text"]
        for inv in run.get("invocations", []):
            assert isinstance(inv["executionSuccessful"], bool)
        for result in run["results"]:
            assert result["ruleId"] in rule_ids
            assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
            assert result["message"]["text"]
            assert result["level"] in {"none", "note", "warning", "error"}
            assert result["locations"], "code scanning drops results without a location"
            for loc in result["locations"]:
                phys = loc["physicalLocation"]
                assert phys["artifactLocation"]["uri"]
                assert phys["region"]["startLine"] >= 1
            for value in result["partialFingerprints"].values():
                assert isinstance(value, str) and value


def test_structure(report: Report) -> None:
    log = json.loads(render_sarif(report))
    _check_structure(log)


def test_results_are_the_open_findings_with_levels(report: Report) -> None:
    log = render_sarif_dict(report)
    results = {r["properties"]["slug"]: r for r in log["runs"][0]["results"]}
    open_slugs = {f.slug for f in report.findings if f.outcome in ("fail", "needs_review")}
    assert set(results) == open_slugs
    assert results["premium-rate-number"]["level"] == "error"  # fail + critical
    assert results["contact-too-deep"]["level"] == "error"  # fail + serious
    assert results["contact-hidden"]["level"] == "warning"  # fail + moderate
    assert results["no-human-channel"]["level"] == "note"  # needs_review


def test_every_rule_is_described_with_its_slug_and_references(report: Report) -> None:
    rules = {r["id"]: r for r in render_sarif_dict(report)["runs"][0]["tool"]["driver"]["rules"]}
    assert set(rules) == {f.rule for f in report.findings}
    deep = rules["CFA001"]
    assert deep["name"] == "contact-too-deep"
    refs = deep["properties"]["references"]
    assert refs[0]["effective_from"] == "2002-01-17"
    assert deep["help"]["text"].startswith("Link")


def test_location_is_the_config_file_and_the_url_is_in_message_and_properties(
    report: Report,
) -> None:
    log = render_sarif_dict(report, artifact="audits/telco.toml")
    result = next(
        r for r in log["runs"][0]["results"] if r["properties"]["slug"] == "contact-too-deep"
    )
    phys = result["locations"][0]["physicalLocation"]
    assert phys["artifactLocation"]["uri"] == "audits/telco.toml"
    assert phys["region"]["startLine"] == 1
    url = report.findings[0].evidence[0].url
    assert url in result["message"]["text"]
    assert result["properties"]["url"] == url
    # No config file: the results point at the audited URL, not at a file that is not there.
    default = render_sarif_dict(report)["runs"][0]["results"][0]
    target = report.target.final_url or report.target.start_url
    assert default["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == target


def test_fingerprints_are_stable_across_runs_and_hosts() -> None:
    first = build_report(make_observations(), make_judgement())
    moved = make_judgement()
    for f in moved.findings:
        for e in f.evidence:
            e.url = e.url.replace("https://www.telco.example", "http://staging.telco.example:8080")
            if e.url.startswith("http"):
                e.url += "?utm_source=x#top"
    second = build_report(make_observations(), moved)

    def prints(r: Report) -> dict[str, str]:
        results = render_sarif_dict(r)["runs"][0]["results"]
        return {x["ruleId"]: x["partialFingerprints"][FINGERPRINT_KEY] for x in results}

    assert prints(first) == prints(second)
    assert len(set(prints(first).values())) == len(prints(first))


def test_fingerprint_changes_with_path_rule_or_milestone() -> None:
    base = fingerprint("CFA001", "https://a.example/contact", "contact")
    assert base == fingerprint("CFA001", "https://b.example/contact/", "contact")
    assert base != fingerprint("CFA001", "https://a.example/help", "contact")
    assert base != fingerprint("CFA002", "https://a.example/contact", "contact")
    assert base != fingerprint("CFA001", "https://a.example/contact", "complaint")


def test_rule_errors_and_partial_status_become_notifications(judgement: Any) -> None:
    report = build_report(make_observations("partial"), judgement)
    run = render_sarif_dict(report)["runs"][0]
    notes = run["invocations"][0]["toolExecutionNotifications"]
    texts = [n["message"]["text"] for n in notes]
    assert texts[0].startswith("audit partial")
    assert any("no-response-time" in t for t in texts)
    assert run["invocations"][0]["executionSuccessful"] is True
    assert "no-response-time" not in {r["properties"]["slug"] for r in run["results"]}
