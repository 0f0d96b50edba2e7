"""One entry point for every output format, used by ``auditor audit`` and ``auditor report``.

Formats are named once here (with their default file names) so the CLI, the docs and
the CI example agree on what ``--format sarif`` writes and where.

``pdf`` is report.html printed by Chromium.  Only ``auditor`` may import Playwright
(DESIGN §3), so the printing function lives in ``auditor.printpdf`` and is looked up
when a PDF is asked for; callers (and tests) may pass their own ``printer``.
"""

from __future__ import annotations

from collections.abc import Callable
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
    "pdf": "report.pdf",
    "md": "summary.md",
    "sarif": "report.sarif",
    "junit": "junit.xml",
    "csv": "report.csv",
}
BINARY_FORMATS = frozenset({"pdf"})

# (the report, its self-contained HTML, the PDF file to write)
PdfPrinter = Callable[[Report, str, Path], None]


class BinaryFormat(UnknownFormat):
    """A format (pdf) that is a file, not text: use :func:`write_format`."""


def default_printer() -> PdfPrinter:
    """Chromium's own PDF printing (imports Playwright, so only when a PDF is wanted)."""
    from auditor.printpdf import print_report_pdf

    return print_report_pdf


def render_text(
    report: Report,
    fmt: str,
    *,
    base_dir: str | Path | None = None,
    artifact: str | Path | None = DEFAULT_ARTIFACT,
    baseline: Report | None = None,
    inline_images: bool = True,
    asset_dirs: list[Path] | None = None,
) -> str:
    """The report in one format, as text. ``base_dir``: folder screenshots are relative to."""
    if fmt == "json":
        return report_json(report)
    if fmt == "html":
        return render_html(
            report, base_dir=base_dir, inline_images=inline_images, asset_dirs=asset_dirs
        )
    if fmt == "md":
        return render_markdown(report)
    if fmt == "sarif":
        return render_sarif(report, artifact=artifact, baseline=baseline)
    if fmt == "junit":
        return render_junit(report)
    if fmt == "csv":
        return render_csv(report)
    if fmt in BINARY_FORMATS:
        raise BinaryFormat(f"{fmt} is written to a file, not printed as text")
    raise UnknownFormat(f"unknown format {fmt!r}: choose from {', '.join(FORMATS)}")


def write_pdf(
    report: Report,
    target: Path,
    *,
    base_dir: str | Path | None = None,
    asset_dirs: list[Path] | None = None,
    printer: PdfPrinter | None = None,
) -> Path:
    """report.pdf: the self-contained report.html (images inlined) printed by Chromium."""
    html = render_html(report, base_dir=base_dir, inline_images=True, asset_dirs=asset_dirs)
    target.parent.mkdir(parents=True, exist_ok=True)
    (printer or default_printer())(report, html, target)
    return target


def write_format(
    report: Report,
    fmt: str,
    target: Path,
    *,
    base_dir: str | Path | None = None,
    artifact: str | Path | None = DEFAULT_ARTIFACT,
    baseline: Report | None = None,
    inline_images: bool = True,
    asset_dirs: list[Path] | None = None,
    printer: PdfPrinter | None = None,
) -> Path:
    """Write one format to ``target`` (text formats as UTF-8, CSV with a BOM, PDF binary)."""
    if fmt in BINARY_FORMATS:
        return write_pdf(report, target, base_dir=base_dir, asset_dirs=asset_dirs, printer=printer)
    text = render_text(
        report,
        fmt,
        base_dir=base_dir,
        artifact=artifact,
        baseline=baseline,
        inline_images=inline_images,
        asset_dirs=asset_dirs,
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    # CSV gets a BOM so spreadsheets read non-Latin text correctly.
    target.write_text(text, encoding="utf-8-sig" if fmt == "csv" else "utf-8")
    return target


def render_all(
    report: Report,
    out_dir: str | Path,
    formats: list[str],
    *,
    artifact: str | Path | None = DEFAULT_ARTIFACT,
    baseline: Report | None = None,
    inline_images: bool = True,
    asset_dirs: list[Path] | None = None,
    printer: PdfPrinter | None = None,
) -> dict[str, Path]:
    """Write each requested format into ``out_dir`` under its default name; return the paths.

    Screenshots resolve against ``out_dir`` first, then ``asset_dirs`` (a rescore's
    original audit folder).  Unknown names raise :class:`UnknownFormat` before anything
    is written.
    """
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise UnknownFormat(f"unknown format {unknown[0]!r}: choose from {', '.join(FORMATS)}")
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for fmt in dict.fromkeys(formats):
        written[fmt] = write_format(
            report,
            fmt,
            folder / FORMATS[fmt],
            base_dir=folder,
            artifact=artifact,
            baseline=baseline,
            inline_images=inline_images,
            asset_dirs=asset_dirs,
            printer=printer,
        )
    return written
