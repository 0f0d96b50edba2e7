"""Audit history: every audit's headline kept in the sweep database, for trends and diffs.

A row holds what a trend needs without the folder (score, grade, categories, the open
findings); the report's path lets ``auditor history`` diff the last two audits in full with
:mod:`reports.diff` while the folders still exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import ValidationError
from sqlalchemy import Engine, insert, or_, select

from auditor import __version__
from auditor.sweep.ledger import audits, now
from reports.diff import OPEN, diff_reports, format_diff
from reports.model import Report

UNGRADED = ("failed", "inconclusive")
"""Audits that measured too little to grade: no grade, no friction, ranked after the rest."""


def graded(status: str | None) -> bool:
    return status is not None and status not in UNGRADED


def site_key(url: str) -> str:
    """One name per site across audits: host, port and path, without scheme or a final /."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    port = f":{parts.port}" if parts.port else ""
    return f"{host}{port}{parts.path.rstrip('/')}"


def record_audit(
    engine: Engine, report: Report, report_path: Path | None, sweep_key: str | None = None
) -> None:
    """One history row for a finished audit (failed ones too: the trend shows them)."""
    ok = graded(report.status)
    findings = [
        {
            "rule": f.rule,
            "slug": f.slug,
            "outcome": f.outcome,
            "impact": f.impact,
            "title": f.title,
            "url": f.evidence[0].url if f.evidence else "",
        }
        for f in report.findings
        if f.outcome in OPEN
    ]
    categories = {n: c.friction for n, c in report.score.categories.items()} if ok else {}
    with engine.begin() as conn:
        conn.execute(
            insert(audits).values(
                site=site_key(report.target.start_url),
                url=report.target.start_url,
                audited_at=now(),
                profile=report.profile.id,
                tool_version=__version__,
                status=report.status,
                friction=report.score.friction if ok else None,
                grade=report.score.grade if ok else None,
                categories=categories,
                findings=findings,
                report_path=str(report_path.resolve()) if report_path else None,
                sweep_key=sweep_key,
            )
        )


@dataclass(frozen=True)
class HistoryRow:
    audited_at: datetime
    url: str
    profile: str
    tool_version: str
    status: str
    friction: float | None
    grade: str | None
    findings: list[dict[str, str]]
    report_path: str | None


def history(engine: Engine, site: str) -> list[HistoryRow]:
    """The audits of a site (by URL or by its key), oldest first."""
    key = site_key(site) if "://" in site else site.strip().rstrip("/")
    with engine.connect() as conn:
        got = conn.execute(
            select(audits)
            .where(or_(audits.c.site == key, audits.c.url == site))
            .order_by(audits.c.audited_at, audits.c.id)
        )
        return [
            HistoryRow(
                audited_at=r.audited_at,
                url=r.url,
                profile=r.profile,
                tool_version=r.tool_version,
                status=r.status,
                friction=r.friction,
                grade=r.grade,
                findings=list(r.findings or []),
                report_path=r.report_path,
            )
            for r in got
        ]


def _load(path: str | None) -> Report | None:
    if not path:
        return None
    try:
        return Report.model_validate_json(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValidationError, ValueError):
        return None


def changes(old: HistoryRow, new: HistoryRow) -> str:
    """What changed since the previous audit: the full diff while both reports exist."""
    a, b = _load(old.report_path), _load(new.report_path)
    if a is not None and b is not None and graded(old.status) and graded(new.status):
        return format_diff(diff_reports(a, b))
    before = {(f["slug"], f.get("url", "")) for f in old.findings}
    after = {(f["slug"], f.get("url", "")) for f in new.findings}
    lines = [f"status {old.status} → {new.status}, grade {old.grade or '—'} → {new.grade or '—'}"]
    lines += [f"new: {slug} {url}".rstrip() for slug, url in sorted(after - before)]
    lines += [f"fixed: {slug} {url}".rstrip() for slug, url in sorted(before - after)]
    return "\n".join(lines)


def trend_lines(rows: list[HistoryRow]) -> list[str]:
    """One line per audit, friction and the change from the one before."""
    lines: list[str] = []
    previous: float | None = None
    for row in rows:
        when = row.audited_at.isoformat(timespec="seconds")
        if row.friction is None:
            score = "not graded"
            delta = ""
        else:
            score = f"friction {row.friction:.0f} grade {row.grade}"
            delta = f" ({row.friction - previous:+.0f})" if previous is not None else ""
            previous = row.friction
        lines.append(f"{when}  {row.status:<12} {score}{delta}  {row.profile} v{row.tool_version}")
    return lines


__all__ = ["HistoryRow", "changes", "graded", "history", "record_audit", "site_key", "trend_lines"]
