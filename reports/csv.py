"""CSV, one row per audited site: the table a watchdog loads into a spreadsheet after a sweep.

Columns are fixed and named (``CSV_COLUMNS``) so a sweep of a thousand sites gives one
rectangular table whatever each site had.  Free-text cells are guarded against formula
injection (a cell starting with ``=`` runs in Excel), because some of them come from
crawled or configured text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import get_args

from auditor.models import ChannelKind, ViewportName
from reports import view
from reports.model import Report

CHANNEL_KINDS: tuple[str, ...] = get_args(ChannelKind)
VIEWPORTS: tuple[str, ...] = get_args(ViewportName)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

CSV_COLUMNS: tuple[str, ...] = (
    "url",
    "final_url",
    "status",
    "status_reason",
    "friction",
    "grade",
    "profile",
    "as_of",
    "started_at",
    *(f"{m}_clicks" for m in view.MILESTONES),
    *(f"{m}_clicks_{vp}" for m in view.MILESTONES for vp in VIEWPORTS),
    *(f"channels_{k}" for k in CHANNEL_KINDS),
    "channels_total",
    "channels_unknown_owner",
    "third_party_contacts",
    "fails",
    "needs_review",
    "failed",
    "review",
)


def cell(text: str) -> str:
    """Neutralise spreadsheet formulas in free text (OWASP CSV injection advice)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _clicks(reached: bool, clicks: int | None) -> str:
    return "" if not reached or clicks is None else str(clicks)


def csv_row(report: Report) -> dict[str, str]:
    """One site's row; an empty cell means "not reached" or "not measured"."""
    row: dict[str, str] = {
        "url": cell(report.target.start_url),
        "final_url": cell(report.target.final_url or ""),
        "status": report.status,
        "status_reason": cell(report.status_reason),
        # Empty for a failed or inconclusive audit: it has no number to sort (DESIGN §8a).
        "friction": "" if report.score.friction is None else f"{report.score.friction:g}",
        "grade": cell(report.score.grade or ""),
        "profile": cell(report.profile.id),
        "as_of": cell(report.profile.as_of),
        "started_at": cell(report.started_at),
    }
    for name in view.MILESTONES:
        m = report.milestones.get(name)
        row[f"{name}_clicks"] = _clicks(m.reached, m.clicks) if m else ""
        for vp in VIEWPORTS:
            vm = report.by_viewport.get(vp)
            got = vm.milestones.get(name) if vm else None
            row[f"{name}_clicks_{vp}"] = _clicks(got.reached, got.clicks) if got else ""
    kinds = view.channel_counts(report)
    for kind in CHANNEL_KINDS:
        row[f"channels_{kind}"] = str(kinds.get(kind, 0))
    row["channels_total"] = str(len(report.channels))
    row["channels_unknown_owner"] = str(sum(c.owner == "unknown" for c in report.channels))
    row["third_party_contacts"] = str(len(report.third_party_contacts))
    failed = sorted({f.slug for f in report.findings if f.outcome == "fail"})
    review = sorted({f.slug for f in report.findings if f.outcome == "needs_review"})
    row["fails"] = str(len(failed))
    row["needs_review"] = str(len(review))
    row["failed"] = cell(";".join(failed))
    row["review"] = cell(";".join(review))
    return row


def render_csv(reports: Report | Iterable[Report]) -> str:
    """CSV text (header + one row per report) for one audit or a whole sweep."""
    items = [reports] if isinstance(reports, Report) else reports
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for report in items:
        writer.writerow(csv_row(report))
    return buffer.getvalue()


def write_csv(reports: Report | Iterable[Report], path: str | Path) -> Path:
    """Write the sweep table as UTF-8 with BOM, so spreadsheets read Hebrew or accents right."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_csv(reports), encoding="utf-8-sig")
    return target
