"""sweep.csv, junit.xml, sweep.html and sweep.json, rewritten from the ledger.

They are rewritten after every site, so at any moment they agree with the ledger; an
interrupted sweep says so (``sweep_complete`` false in every CSV row, a failing
``sweep-complete`` test case, a banner in the overview, ``complete: false`` in sweep.json)
instead of looking finished.  A site's report is read once and its rows kept, so a
rewrite costs the table, not every report again.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from auditor.sweep.history import graded
from auditor.sweep.ledger import SiteRow
from reports import view
from reports.csv import CSV_COLUMNS, cell, csv_row
from reports.junit import render_junit, xml_safe
from reports.model import Report
from reports.sweep_html import SweepSite, write_sweep_html

SWEEP_COLUMNS: tuple[str, ...] = (
    "position",
    "state",
    "attempts",
    "duration_s",
    "folder",
    *CSV_COLUMNS,
    "sweep_complete",
)
MARKER = "sweep.json"
IMPACT_RANK = {"critical": 0, "serious": 1, "moderate": 2, "minor": 3}


@dataclass(frozen=True)
class Summary:
    """What the tables need of one site's report."""

    row: dict[str, str]
    suite: str
    site: SweepSite


def load_report(path: str | None) -> Report | None:
    if not path:
        return None
    try:
        return Report.model_validate_json(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValidationError, ValueError):
        return None


def summarise(report: Report, folder: str, state: str, *, has_html: bool) -> Summary:
    row = csv_row(report)
    ok = graded(report.status)
    if not ok:  # not graded: no friction, no grade, whatever the judge computed
        row["friction"] = row["grade"] = ""
    suites = ET.fromstring(render_junit(report))
    suite = "".join(ET.tostring(s, encoding="unicode") for s in suites)
    fails = sorted(
        (f for f in report.findings if f.outcome == "fail"),
        key=lambda f: (IMPACT_RANK.get(f.impact, 9), f.rule),
    )
    milestones = {
        name: view.clicks_text(m.clicks, m.reached) for name, m in report.milestones.items()
    }
    site = SweepSite(
        url=report.target.start_url,
        state=state,
        status=report.status,
        reason=report.status_reason,
        brand=report.brand,
        grade=report.score.grade if ok else None,
        friction=report.score.friction if ok else None,
        milestones=milestones if ok else {},
        top=[f"{f.title} ({f.impact})" for f in fails[:3]],
        report_href=f"{folder}/report.html" if has_html else None,
    )
    return Summary(row, suite, site)


class Tables:
    """The sweep folder's tables, kept in step with the ledger."""

    def __init__(self, out: Path, profile: str) -> None:
        self.out = out
        self.profile = profile
        self._cache: dict[int, Summary] = {}

    def summary(self, row: SiteRow) -> Summary | None:
        if row.state not in ("done", "failed") or not row.result_path:
            return None
        if row.id not in self._cache:
            report = load_report(row.result_path)
            if report is None:
                return None
            has_html = (self.out / row.folder / "report.html").is_file()
            self._cache[row.id] = summarise(report, row.folder, row.state, has_html=has_html)
        return self._cache[row.id]

    def write(self, rows: list[SiteRow], *, complete: bool, key: str) -> dict[str, Path]:
        summaries = {r.id: self.summary(r) for r in rows}
        files = {
            "csv": self._csv(rows, summaries, complete),
            "junit": self._junit(rows, summaries, complete),
            "html": self._html(rows, summaries, complete),
        }
        files["marker"] = write_marker(self.out, key, rows, complete)
        return files

    def _csv(self, rows: list[SiteRow], got: dict[int, Summary | None], complete: bool) -> Path:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=SWEEP_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for r in rows:
            s = got[r.id]
            line = dict(s.row) if s else {"url": cell(r.url), "status": r.status or ""}
            if s is None and r.error:
                line["status_reason"] = cell(r.error)
            line.update(
                position=str(r.position + 1),
                state=r.state,
                attempts=str(r.attempts),
                duration_s="" if r.duration_s is None else f"{r.duration_s:g}",
                folder=cell(r.folder),
                sweep_complete=str(complete).lower(),
            )
            writer.writerow({k: line.get(k, "") for k in SWEEP_COLUMNS})
        return _atomic(self.out / "sweep.csv", buffer.getvalue())

    def _junit(self, rows: list[SiteRow], got: dict[int, Summary | None], complete: bool) -> Path:
        root = ET.Element("testsuites", name="complaint-friction-audit")
        for r in rows:
            s = got[r.id]
            if s is not None:
                root.append(ET.fromstring(s.suite))
        pending = [r for r in rows if r.state in ("queued", "running")]
        infra = [r for r in rows if r.state == "infra_error"]
        if not complete or infra:  # a finished, clean sweep has exactly one suite per site
            self._sweep_suite(root, infra, len(pending), complete)
        totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for suite in root:
            for k in totals:
                totals[k] += int(suite.get(k, "0"))
        for k, v in totals.items():
            root.set(k, str(v))
        ET.indent(root)
        text = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
        return _atomic(self.out / "junit.xml", text + "\n")

    @staticmethod
    def _sweep_suite(root: ET.Element, infra: list[SiteRow], pending: int, complete: bool) -> None:
        """The sweep's own suite: a failing ``sweep-complete`` case, an error per infra error."""
        sweep = ET.SubElement(root, "testsuite", name="sweep")
        case = ET.SubElement(sweep, "testcase", classname="sweep", name="sweep-complete")
        if not complete:
            ET.SubElement(case, "failure", message=f"sweep not complete: {pending} site(s) pending")
        for r in infra:
            bad = ET.SubElement(sweep, "testcase", classname="sweep", name=xml_safe(r.url))
            ET.SubElement(bad, "error", type="infra_error", message=xml_safe(r.error or "infra"))
        cases = list(sweep)
        sweep.set("tests", str(len(cases)))
        sweep.set("failures", str(sum(c.find("failure") is not None for c in cases)))
        sweep.set("errors", str(sum(c.find("error") is not None for c in cases)))
        sweep.set("skipped", "0")

    def _html(self, rows: list[SiteRow], got: dict[int, Summary | None], complete: bool) -> Path:
        sites: list[SweepSite] = []
        for r in rows:
            s = got[r.id]
            if s is not None:
                sites.append(s.site)
            else:
                sites.append(SweepSite(url=r.url, state=r.state, reason=r.error or ""))
        path = self.out / "sweep.html"
        tmp = path.with_suffix(".html.tmp")
        write_sweep_html(sites, tmp, profile=self.profile, complete=complete)
        tmp.replace(path)
        return path


def write_marker(out: Path, key: str, rows: list[SiteRow], complete: bool) -> Path:
    """sweep.json: which ledger sweep this folder is, and whether it finished."""
    states = {s: sum(r.state == s for r in rows) for s in ("queued", "running", "done")}
    states |= {s: sum(r.state == s for r in rows) for s in ("failed", "infra_error")}
    data = {"sweep": key, "complete": complete, "sites": len(rows), "states": states}
    return _atomic(out / MARKER, json.dumps(data, indent=1))


def read_marker(out: Path) -> dict[str, object] | None:
    try:
        data = json.loads((out / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("sweep"), str) else None


def _atomic(path: Path, text: str) -> Path:
    """Written whole or not at all: a kill mid-write leaves the previous table."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path


__all__ = ["MARKER", "SWEEP_COLUMNS", "Tables", "read_marker", "summarise", "write_marker"]
