"""Work on finished reports without a browser: render one, compare two."""

from __future__ import annotations

from pathlib import Path

from auditor.api.results import DiffResult, ReportResult
from auditor.errors import OutputError, UnknownFormat
from reports.build import load_report
from reports.diff import DEFAULT_TOLERANCE, check_same_site, diff_reports, is_regression
from reports.render import BINARY_FORMATS, FORMATS, render_text, write_format
from reports.sarif import DEFAULT_ARTIFACT


def report(
    report_file: Path,
    fmt: str = "html",
    *,
    out: Path | None = None,
    artifact: str | None = DEFAULT_ARTIFACT,
    inline_images: bool = True,
    baseline: Path | None = None,
) -> ReportResult:
    """Render a saved report.json; write it to ``out`` when given (html, pdf: beside it).

    ``baseline`` (an older report.json of the same site) gives SARIF its baselineState.
    """
    if fmt not in FORMATS:
        raise UnknownFormat(f"unknown format {fmt!r}: choose from {', '.join(FORMATS)}")
    loaded = load_report(report_file)
    before = load_report(baseline) if baseline is not None and fmt == "sarif" else None
    if before is not None:
        check_same_site(before, loaded)
    if fmt in BINARY_FORMATS:
        if out is None:
            raise OutputError(f"{fmt} is a file: give --out report.{fmt}")
        # Screenshots are relative to the folder holding report.json.
        write_format(loaded, fmt, out, base_dir=report_file.parent)
        return ReportResult("", out)
    # Screenshot paths are relative to the folder holding report.json.
    text = render_text(
        loaded,
        fmt,
        base_dir=report_file.parent,
        artifact=artifact,
        inline_images=inline_images,
        baseline=before,
    )
    if out is None:
        return ReportResult(text, None)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8-sig" if out.suffix.lower() == ".csv" else "utf-8")
    except OSError as exc:
        raise OutputError(f"{out}: cannot write ({exc.strerror or exc})") from None
    return ReportResult(text, out)


def diff(old: Path, new: Path, *, tolerance: float = DEFAULT_TOLERANCE) -> DiffResult:
    """New, fixed and changed findings between two reports; a regression is exit 1."""
    before, after = load_report(old), load_report(new)
    check_same_site(before, after)
    changes = diff_reports(before, after)
    return DiffResult(changes, is_regression(changes, tolerance))
