"""JUnit XML: every CI system can show it as a test list, no plugin needed.

One ``<testsuite>`` per audited site and one ``<testcase>`` per rule: a failed rule is a
``<failure>``, a rule needing human review is ``<skipped>`` with the reason (it must not
break the build on its own), and so is a failed rule configured ``warn`` (message
"warning: …"); a rule that could not run is an ``<error>``.  Built with
ElementTree so crawled text is always escaped as XML.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from datetime import datetime
from urllib.parse import urlsplit

from reports.model import Report
from reports.urls import host_of
from rules.model import Finding

_ILLEGAL_XML = {c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)} | {0xFFFE, 0xFFFF}


def xml_safe(text: str) -> str:
    """Drop characters XML 1.0 cannot carry (crawled text may hold any of them)."""
    return "".join(ch for ch in text if ord(ch) not in _ILLEGAL_XML)


def _details(findings: Sequence[Finding]) -> str:
    lines = []
    for f in findings:
        lines.append(f"{f.title}: {f.message}")
        lines += [
            f"  at {e.url}" + (f" ({e.viewport})" if e.viewport else "")
            for e in f.evidence
            if e.url
        ]
        if f.help:
            lines.append(f"  how to fix: {f.help}")
    return xml_safe("\n".join(lines))


def _testcase(suite: ET.Element, site: str, code: str, findings: list[Finding]) -> str:
    """Add one testcase for a rule; return which counter it increments."""
    first = findings[0]
    case = ET.SubElement(
        suite,
        "testcase",
        name=xml_safe(f"{code} {first.slug}"),
        classname=xml_safe(f"{site}.{first.category}"),
        time="0",
    )
    outcomes = {f.outcome for f in findings}
    if "fail" in outcomes:
        failing = [f for f in findings if f.outcome == "fail"]
        if all(f.level == "warn" for f in failing):
            # Configured to warn: shown, never red.  CI test views fail a check on any
            # <failure>, which a `warn` level promises not to do.
            el = ET.SubElement(case, "skipped", message=xml_safe(f"warning: {failing[0].title}"))
            el.text = _details(failing)
            return "skipped"
        el = ET.SubElement(
            case,
            "failure",
            message=xml_safe(failing[0].title),
            type=f"{first.impact}",
        )
        el.text = _details(failing)
        return "failures"
    if "error" in outcomes:
        broken = [f for f in findings if f.outcome == "error"]
        el = ET.SubElement(case, "error", message=xml_safe(broken[0].message), type="not-evaluated")
        el.text = _details(broken)
        return "errors"
    if "needs_review" in outcomes:
        review = [f for f in findings if f.outcome == "needs_review"]
        ET.SubElement(case, "skipped", message=xml_safe(f"needs review: {review[0].message}"))
        return "skipped"
    if outcomes == {"not_applicable"}:
        ET.SubElement(case, "skipped", message=xml_safe(f"not applicable: {first.message}"))
        return "skipped"
    return "passed"


def suite_name(report: Report) -> str:
    """The site as people tell runs apart: host, with the port when the URL has one."""
    url = report.target.start_url
    host = host_of(url)
    try:
        port = urlsplit(url).port
    except ValueError:
        port = None
    return f"{host}:{port}" if port else host


def duration_s(report: Report) -> float:
    """Seconds from start to finish of the audit (0 when either time is missing)."""
    try:
        began = datetime.fromisoformat(report.started_at.replace("Z", "+00:00"))
        ended = datetime.fromisoformat((report.finished_at or "").replace("Z", "+00:00"))
    except ValueError:
        return 0.0
    return max(0.0, (ended - began).total_seconds())


def _suite(parent: ET.Element, report: Report) -> dict[str, int]:
    site = suite_name(report)
    by_rule: dict[str, list[Finding]] = {}
    for f in report.findings:
        by_rule.setdefault(f.rule, []).append(f)
    suite = ET.SubElement(parent, "testsuite", name=xml_safe(site))
    suite.set("timestamp", report.started_at)
    props = ET.SubElement(suite, "properties")
    for key, value in (
        ("url", report.target.start_url),
        ("brand", report.brand),
        ("status", report.status),
        ("friction", "" if report.score.friction is None else f"{report.score.friction:g}"),
        ("grade", report.score.grade or ""),
        ("profile", report.profile.id),
        ("as_of", report.profile.as_of),
    ):
        ET.SubElement(props, "property", name=key, value=xml_safe(value))
    for c in report.third_party_contacts:  # listed apart: never the brand's channels
        who = f"{c.owner_role or 'other'}: {c.owner_name}".strip(": ")
        ET.SubElement(
            props, "property", name="third_party_contact", value=xml_safe(f"{c.value} ({who})")
        )
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0, "passed": 0}
    for code, findings in by_rule.items():
        counts[_testcase(suite, site, code, findings)] += 1
        counts["tests"] += 1
    if report.status in ("inconclusive", "failed"):
        # The audit itself did not run through: say so as an error, not as silence.
        case = ET.SubElement(suite, "testcase", name="audit", classname=f"{site}.audit", time="0")
        ET.SubElement(
            case,
            "error",
            message=xml_safe(f"audit {report.status}: {report.status_reason}"),
            type=report.status,
        )
        counts["tests"] += 1
        counts["errors"] += 1
    for key in ("tests", "failures", "errors", "skipped"):
        suite.set(key, str(counts[key]))
    suite.set("time", f"{duration_s(report):g}")
    return counts


def render_junit(reports: Report | Iterable[Report]) -> str:
    """JUnit XML for one report or a sweep of many (one testsuite each)."""
    items = [reports] if isinstance(reports, Report) else list(reports)
    root = ET.Element("testsuites", name="complaint-friction-audit")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for report in items:
        counts = _suite(root, report)
        for key in totals:
            totals[key] += counts[key]
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("time", f"{sum(duration_s(r) for r in items):g}")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
