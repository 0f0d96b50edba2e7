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

from auditor.cli_errors import handled
from auditor.config import resolve
from auditor.errors import OutputError
from reports.render import FORMATS
from reports.schema import SCHEMA_PATH, write_schema

PREFIX = "error"


@handled(PREFIX)
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
    artifact: str | None = typer.Option(
        None, "--artifact", help="SARIF: repository file results point at."
    ),
    link_images: bool = typer.Option(
        False,
        "--link-images",
        help="HTML: link screenshots as files beside it instead of inlining them.",
    ),
    baseline: Path | None = typer.Option(
        None, "--baseline", help="SARIF: older report.json of the site, for baselineState."
    ),
    config: Path | None = typer.Option(None, "--config", help="auditor.toml or pyproject.toml."),
) -> None:
    """Render a saved report.json as html, pdf, json, md, sarif, junit or csv."""
    from auditor.api import report

    resolved = resolve({"artifact": artifact, "baseline": baseline}, config_file=config)
    settings = resolved.config
    # SARIF points at the config file actually read, else at the audited URL.
    cited = settings.artifact or (_relative(resolved.file) if resolved.file else None)
    if fmt in ("html", "pdf") and out is None:
        out = report_file.parent / FORMATS[fmt]
    target = None if out is None or str(out) == "-" else out
    result = report(
        report_file,
        fmt,
        out=target,
        artifact=cited,
        baseline=settings.baseline,
        inline_images=not link_images,
    )
    if result.path is None:
        sys.stdout.write(result.text)
    else:
        typer.echo(str(result.path), err=True)


@handled(PREFIX)
def diff_command(
    old: Path = typer.Argument(..., help="Baseline report.json."),
    new: Path = typer.Argument(..., help="New report.json."),
    tolerance: float | None = typer.Option(
        None, "--tolerance", help="Friction points the score may rise (default 2)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the diff as JSON."),
    config: Path | None = typer.Option(None, "--config", help="auditor.toml or pyproject.toml."),
) -> None:
    """Compare two reports: new, fixed and changed findings. Exit 1 on a regression."""
    from auditor.api import diff
    from reports.diff import format_diff, regression_message

    settings = resolve({"tolerance": tolerance}, config_file=config).config
    result = diff(old, new, tolerance=settings.tolerance)
    if as_json:
        data = result.diff.model_dump(mode="json") | {"regression": result.regression}
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        typer.echo(format_diff(result.diff))
        if result.regression:
            typer.echo("REGRESSION — " + regression_message(result.diff, settings.tolerance))
        else:
            typer.echo("no regression")
    raise typer.Exit(result.exit_code)


@handled(PREFIX)
def schema_command(
    out: Path = typer.Option(
        SCHEMA_PATH,
        "--out",
        "-o",
        help="Where to write the schema (relative paths: from the current folder).",
    ),
) -> None:
    """Write the JSON Schema of report.json (generated from the models)."""
    try:
        path = write_schema(out)
    except OSError as exc:
        raise OutputError(f"{out}: cannot write ({exc.strerror or exc})") from None
    typer.echo(str(path))


def _relative(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def register(app: typer.Typer) -> None:
    """Add ``report``, ``diff`` and ``schema`` to the main ``auditor`` app."""
    app.command("report")(report_command)
    app.command("diff")(diff_command)
    app.command("schema")(schema_command)
