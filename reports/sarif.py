"""SARIF 2.1.0 for code-scanning dashboards (GitHub, GitLab, Azure DevOps).

Code scanning wants every result anchored in a file of the repository, but friction lives
on web pages.  Each result therefore points at the file that *defines* the audit (the
config or journey file, line 1) and carries the page URL in its message and properties.
``partialFingerprints`` hash the rule code, the normalised URL path and the milestone, so
the same problem keeps its identity across runs (and across hosts) and the dashboard can
tell new alerts from old ones.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from reports.diff import finding_key
from reports.model import Report
from reports.rulemeta import known_rule
from reports.urls import url_path_key
from rules.model import Finding

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "complaintFriction/v1"
DEFAULT_ARTIFACT: str | None = None
"""No artifact given: results point at the audited URL (there is no config file to cite)."""

# Which milestone a rule is about, for the fingerprint: a finding about "contact" stays
# the same finding when the page that shows it moves.
SLUG_MILESTONES: dict[str, str] = {
    "contact-too-deep": "contact",
    "contact-hidden": "contact",
    "no-human-channel": "contact",
    "contact-link-broken": "contact",
    "no-complaint-procedure": "complaint",
    "no-escalation-path": "escalation",
    "stale-odr-link": "escalation",
}
REPORTED = frozenset({"fail", "needs_review"})


def sarif_level(finding: Finding) -> str:
    """fail + critical/serious → error; fail + moderate/minor → warning; review → note.

    A configured level wins: ``error`` → error, ``warn`` → warning.
    """
    if finding.outcome == "fail":
        if finding.level is not None:
            return "error" if finding.level == "error" else "warning"
        return "error" if finding.impact in ("critical", "serious") else "warning"
    if finding.outcome == "needs_review":
        return "note"
    return "none"


def finding_url(finding: Finding) -> str:
    return next((e.url for e in finding.evidence if e.url), "")


def finding_milestone(finding: Finding, report: Report | None = None) -> str:
    """The milestone a finding concerns: by slug, else the milestone whose page it cites."""
    if finding.slug in SLUG_MILESTONES:
        return SLUG_MILESTONES[finding.slug]
    if report is not None:
        path = url_path_key(finding_url(finding))
        for name, m in report.milestones.items():
            if path and m.url and url_path_key(m.url) == path:
                return name
    return ""


def fingerprint(code: str, url: str, milestone: str) -> str:
    """Stable across runs and hosts: sha256 of code, normalised URL path and milestone."""
    material = "\x1f".join((code, url_path_key(url), milestone))
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def _rule(finding: Finding, help_uri_base: str | None) -> dict[str, Any]:
    meta = known_rule(finding)
    title = meta.title if meta else finding.title
    rule: dict[str, Any] = {
        "id": finding.rule,
        "name": finding.slug,
        "shortDescription": {"text": title},
        "fullDescription": {"text": meta.description if meta else title},
        "defaultConfiguration": {
            "level": "error" if finding.impact in ("critical", "serious") else "warning"
        },
        "properties": {
            "tags": ["complaint-friction", finding.category],
            "impact": finding.impact,
            "category": finding.category,
            "references": [r.model_dump(exclude_none=True) for r in finding.references],
        },
    }
    how_to_fix = finding.help or (meta.how_to_fix if meta else "")
    if how_to_fix:
        rule["help"] = {"text": how_to_fix}
    if help_uri_base:
        rule["helpUri"] = help_uri_base.rstrip("/") + "/" + finding.slug
    return rule


def render_sarif_dict(
    report: Report,
    *,
    artifact: str | Path | None = DEFAULT_ARTIFACT,
    help_uri_base: str | None = None,
    baseline: Report | None = None,
) -> dict[str, Any]:
    """The SARIF log as a dict: one run, rules for every finding, results for open ones.

    ``artifact`` is the config file that defined the audit (a repository path); without
    one, results point at the audited URL itself rather than at a file that does not exist.
    With a ``baseline`` report every result carries ``baselineState`` (new, unchanged,
    updated) and the baseline's open findings that are gone are added as ``absent``.
    """
    before = _baseline_index(baseline) if baseline is not None else None
    location = _location(artifact, report)
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for f in [*report.findings, *(before or {}).values()]:
        if f.rule not in index:
            index[f.rule] = len(rules)
            rules.append(_rule(f, help_uri_base))
    results: list[dict[str, Any]] = []
    for f in report.findings:
        if f.outcome not in REPORTED:
            continue
        url = finding_url(f)
        milestone = finding_milestone(f, report)
        viewport = next((e.viewport for e in f.evidence if e.viewport), None)
        text = f"{f.title}: {f.message}" + (f" (page: {url})" if url else "")
        props: dict[str, Any] = {
            "url": url,
            "slug": f.slug,
            "outcome": f.outcome,
            "impact": f.impact,
            "category": f.category,
            "milestone": milestone,
            "target": report.target.start_url,
        }
        if viewport:
            props["viewport"] = viewport
        if f.measure is not None:
            props["measure"] = f.measure
        if f.level is not None:
            props["level"] = f.level
        extra: dict[str, Any] = {}
        if before is not None:
            extra["baselineState"] = baseline_state(f, before.pop(finding_key(f), None))
        results.append(
            {
                **extra,
                "ruleId": f.rule,
                "ruleIndex": index[f.rule],
                "level": sarif_level(f),
                "message": {"text": text},
                "locations": [location],
                "partialFingerprints": {FINGERPRINT_KEY: fingerprint(f.rule, url, milestone)},
                "properties": props,
            }
        )
    if before is not None:
        results += [_absent(f, index, location) for f in before.values()]
    notifications = [
        {
            "level": "warning",
            "message": {"text": f"{f.slug} not evaluated: {f.message}"},
            "associatedRule": {"id": f.rule, "index": index[f.rule]},
        }
        for f in report.findings
        if f.outcome == "error"
    ]
    if report.status != "complete":
        reason = f": {report.status_reason}" if report.status_reason else ""
        notifications.insert(
            0, {"level": "warning", "message": {"text": f"audit {report.status}{reason}"}}
        )
    invocation: dict[str, Any] = {
        "executionSuccessful": report.status in ("complete", "partial"),
        "startTimeUtc": report.started_at,
        "toolExecutionNotifications": notifications,
    }
    if report.finished_at:
        invocation["endTimeUtc"] = report.finished_at
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": report.tool.name,
                        "version": report.tool.version,
                        "semanticVersion": report.tool.version,
                        "rules": rules,
                    }
                },
                "automationDetails": {"id": f"complaint-friction/{report.profile.id}/"},
                "invocations": [invocation],
                "results": results,
                "properties": _run_properties(report),
            }
        ],
    }


def _baseline_index(baseline: Report) -> dict[tuple[str, str], Finding]:
    """The baseline's open findings by the key ``auditor diff`` matches them on."""
    out: dict[tuple[str, str], Finding] = {}
    for f in baseline.findings:
        if f.outcome in REPORTED:
            out.setdefault(finding_key(f), f)
    return out


def baseline_state(now: Finding, before: Finding | None) -> str:
    """SARIF §3.27.24: new, unchanged, or updated (same problem, outcome/impact/measure moved)."""
    if before is None:
        return "new"
    same = (before.outcome, before.impact, before.measure) == (now.outcome, now.impact, now.measure)
    return "unchanged" if same else "updated"


def _absent(f: Finding, index: dict[str, int], location: dict[str, Any]) -> dict[str, Any]:
    """A baseline result that is gone now: reported so dashboards can close it."""
    url = finding_url(f)
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "kind": "pass",
        "level": "none",
        "baselineState": "absent",
        "message": {"text": f"No longer found: {f.title}" + (f" (was at {url})" if url else "")},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(f.rule, url, finding_milestone(f))},
        "properties": {"url": url, "slug": f.slug, "outcome": "absent"},
    }
    if f.rule in index:
        result["ruleIndex"] = index[f.rule]
    return result


def _location(artifact: str | Path | None, report: Report) -> dict[str, Any]:
    if artifact is None or not str(artifact).strip():
        url = report.target.final_url or report.target.start_url
        return {"physicalLocation": {"artifactLocation": {"uri": url}, "region": {"startLine": 1}}}
    uri = Path(artifact).as_posix() if isinstance(artifact, Path) else artifact.replace("\\", "/")
    return {"physicalLocation": {"artifactLocation": {"uri": uri}, "region": {"startLine": 1}}}


def _run_properties(report: Report) -> dict[str, Any]:
    """The run's headline; a failed or inconclusive audit has no score to state (§8a)."""
    props: dict[str, Any] = {
        "target": report.target.start_url,
        "status": report.status,
        "profile": report.profile.id,
        "asOf": report.profile.as_of,
    }
    if report.score.friction is not None and report.score.grade is not None:
        props["friction"] = report.score.friction
        props["grade"] = report.score.grade
    if report.third_party_contacts:
        # Other organisations' contacts, apart from the brand's (they never count for it).
        props["thirdPartyContacts"] = [
            {"kind": c.kind, "value": c.value, "role": c.owner_role, "name": c.owner_name}
            for c in report.third_party_contacts
        ]
    return props


def render_sarif(
    report: Report,
    *,
    artifact: str | Path | None = DEFAULT_ARTIFACT,
    help_uri_base: str | None = None,
    baseline: Report | None = None,
) -> str:
    data = render_sarif_dict(
        report, artifact=artifact, help_uri_base=help_uri_base, baseline=baseline
    )
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
