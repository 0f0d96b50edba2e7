"""CLI commands over finished reports: ``auditor report``, ``auditor diff``, ``auditor schema``.

They never start a browser: a report.json copied from a CI runner can be rendered,
compared with a baseline or validated anywhere.  Exit codes follow DESIGN §9: 0 fine,
1 a regression, 2 unreadable input or bad usage.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from reports.build import ReportFileError, load_report
from reports.diff import DEFAULT_TOLERANCE, diff_reports, format_diff, is_regression
from reports.render import FORMATS, render_text, write_format
from reports.sarif import DEFAULT_ARTIFACT
from reports.schema import SCHEMA_PATH, write_schema

EXIT_OK = 0
EXIT_GATE = 1
EXIT_USAGE = 2


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(EXIT_USAGE)


def _write_out(text: str, out: Path | None) -> None:
    if out is None or str(out) == "-":
        sys.stdout.write(text)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8-sig" if out.suffix.lower() == ".csv" else "utf-8")
    typer.echo(str(out), err=True)


def report_command(
    report_file: Path = typer.Argument(..., help="Path to report.json (e.g. out/report.json)."),
    fmt: str = typer.Option("html", "--format", "-f", help="One of: " + ", ".join(FORMATS) + "."),
    out: Path | None = typer.Option(
        None,
        "--out",
        "-o",
        help="Output file ('-' for stdout). Default: stdout, except html, which is "
        "written next to report.json as report.html.",
    ),
    artifact: str = typer.Option(
        DEFAULT_ARTIFACT, "--artifact", help="SARIF: repository file results point at."
    ),
    link_images: bool = typer.Option(
        False,
        "--link-images",
        help="HTML: link screenshots as files beside it instead of inlining them.",
    ),
) -> None:
    """Render a saved report.json as html, pdf, json, md, sarif, junit or csv."""
    if fmt not in FORMATS:
        raise _fail(f"unknown format {fmt!r}: choose from {', '.join(FORMATS)}")
    try:
        report = load_report(report_file)
    except ReportFileError as exc:
        raise _fail(str(exc)) from None
    if fmt in ("html", "pdf") and out is None:
        out = report_file.parent / FORMATS[fmt]
    if fmt == "pdf":
        if out is None or str(out) == "-":
            raise _fail("pdf is a file: give --out report.pdf")
        # Screenshots are relative to the folder holding report.json.
        write_format(report, fmt, out, base_dir=report_file.parent)
        typer.echo(str(out), err=True)
        return
    text = render_text(
        report,
        fmt,
        base_dir=report_file.parent,
        artifact=artifact,
        inline_images=not link_images,
    )
    _write_out(text, out)


def diff_command(
    old: Path = typer.Argument(..., help="Baseline report.json."),
    new: Path = typer.Argument(..., help="New report.json."),
    tolerance: float = typer.Option(
        DEFAULT_TOLERANCE, "--tolerance", help="Friction points the score may rise."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the diff as JSON."),
) -> None:
    """Compare two reports: new, fixed and changed findings. Exit 1 on a regression."""
    try:
        before, after = load_report(old), load_report(new)
    except ReportFileError as exc:
        raise _fail(str(exc)) from None
    diff = diff_reports(before, after)
    regression = is_regression(diff, tolerance)
    if as_json:
        data = diff.model_dump(mode="json") | {"regression": regression}
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        typer.echo(format_diff(diff))
        typer.echo("REGRESSION" if regression else "no regression")
    raise typer.Exit(EXIT_GATE if regression else EXIT_OK)


def schema_command(
    out: Path = typer.Option(SCHEMA_PATH, "--out", "-o", help="Where to write the schema."),
) -> None:
    """Write the JSON Schema of report.json (generated from the models)."""
    try:
        path = write_schema(out)
    except OSError as exc:
        raise _fail(f"{out}: cannot write ({exc.strerror or exc})") from None
    typer.echo(str(path))


def register(app: typer.Typer) -> None:
    """Add ``report``, ``diff`` and ``schema`` to the main ``auditor`` app."""
    app.command("report")(report_command)
    app.command("diff")(diff_command)
    app.command("schema")(schema_command)
