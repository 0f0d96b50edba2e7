"""One entry point for every output format, used by ``auditor audit`` and ``auditor report``.

Formats are named once here (with their default file names) so the CLI, the docs and
the CI example agree on what ``--format sarif`` writes and where.
"""

from __future__ import annotations

from pathlib import Path

from auditor.errors import UnknownFormat as UnknownFormat
from reports.build import report_json
from reports.csv import render_csv
from reports.html import render_html
from reports.junit import render_junit
from reports.markdown import render_markdown
from reports.model import Report
from reports.sarif import DEFAULT_ARTIFACT, render_sarif

FORMATS: dict[str, str] = {
    "json": "report.json",
    "html": "report.html",
    "md": "summary.md",
    "sarif": "report.sarif",
    "junit": "junit.xml",
    "csv": "report.csv",
}


def render_text(
    report: Report,
    fmt: str,
    *,
    base_dir: str | Path | None = None,
    artifact: str | Path = DEFAULT_ARTIFACT,
    inline_images: bool = False,
) -> str:
    """The report in one format, as text. ``base_dir``: folder screenshots are relative to."""
    if fmt == "json":
        return report_json(report)
    if fmt == "html":
        return render_html(report, base_dir=base_dir, inline_images=inline_images)
    if fmt == "md":
        return render_markdown(report)
    if fmt == "sarif":
        return render_sarif(report, artifact=artifact)
    if fmt == "junit":
        return render_junit(report)
    if fmt == "csv":
        return render_csv(report)
    raise UnknownFormat(f"unknown format {fmt!r}: choose from {', '.join(FORMATS)}")


def render_all(
    report: Report,
    out_dir: str | Path,
    formats: list[str],
    *,
    artifact: str | Path = DEFAULT_ARTIFACT,
    inline_images: bool = False,
) -> dict[str, Path]:
    """Write each requested format into ``out_dir`` under its default name; return the paths.

    Unknown names raise :class:`UnknownFormat` before anything is written.
    """
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise UnknownFormat(f"unknown format {unknown[0]!r}: choose from {', '.join(FORMATS)}")
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for fmt in dict.fromkeys(formats):
        target = folder / FORMATS[fmt]
        text = render_text(
            report, fmt, base_dir=folder, artifact=artifact, inline_images=inline_images
        )
        # CSV gets a BOM so spreadsheets read non-Latin text correctly.
        target.write_text(text, encoding="utf-8-sig" if fmt == "csv" else "utf-8")
        written[fmt] = target
    return written
