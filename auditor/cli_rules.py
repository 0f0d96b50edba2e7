"""`auditor rules`: list the catalogue, explain one rule, regenerate the rule docs.

Kept apart from ``auditor/cli.py`` so the rules team owns its commands; the main CLI
calls ``register(app)``.  Usage errors are one line on stderr and exit 2 (DESIGN §9).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from auditor.cli_errors import handled
from auditor.errors import UsageError
from rules.docs import DEFAULT_DOCS_DIR, render_rule, stale_docs, write_docs
from rules.model import Rule
from rules.registry import all_rules, get


def _as_dict(rule: Rule) -> dict[str, object]:
    return {
        "code": rule.code,
        "slug": rule.slug,
        "title": rule.title,
        "failure_title": rule.failure_title,
        "impact": rule.impact,
        "category": rule.category,
        "description": rule.description,
        "rationale": rule.rationale,
        "how_to_fix": rule.how_to_fix,
        "references": [r.model_dump() for r in rule.references],
        "tags": list(rule.tags),
        "needs": list(rule.needs),
    }


def _print_table() -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Complaint Friction Auditor rules")
    for col in ("code", "slug", "fails when", "impact", "category"):
        table.add_column(col)
    for r in all_rules():
        table.add_row(r.code, r.slug, r.failure_title, r.impact, r.category)
    Console().print(table)


def register(app: typer.Typer) -> None:
    """Add the ``rules`` command group to ``app``."""
    rules_app = typer.Typer(
        help="The rule catalogue: list, explain, document.", no_args_is_help=False
    )

    @rules_app.callback(invoke_without_command=True)
    @handled()
    def list_rules(
        ctx: typer.Context,
        format: str = typer.Option("text", "--format", help="text or json."),
    ) -> None:
        """List every rule with its code, impact and category."""
        if ctx.invoked_subcommand is not None:
            return
        if format == "json":
            typer.echo(json.dumps([_as_dict(r) for r in all_rules()], indent=2, ensure_ascii=False))
        elif format != "text":
            raise UsageError(f"unknown format {format!r} (choose text or json)")
        elif sys.stdout.isatty():
            _print_table()
        else:
            for r in all_rules():
                typer.echo(f"{r.code}\t{r.slug}\t{r.impact}\t{r.category}\t{r.failure_title}")

    @rules_app.command("explain")
    @handled()
    def explain(slug: str = typer.Argument(..., help="Rule slug or code.")) -> None:
        """Print a rule's documentation (Markdown)."""
        typer.echo(render_rule(get(slug)))

    @rules_app.command("docs")
    def docs(
        out: Path = typer.Option(
            DEFAULT_DOCS_DIR,
            "--out",
            help="Folder for the pages (relative paths: from the current folder).",
        ),
        check: bool = typer.Option(False, "--check", help="Exit 1 if the pages are stale."),
    ) -> None:
        """Regenerate docs/rules/<slug>.md and the index from the rules."""
        if check:
            stale = stale_docs(out)
            for name in stale:
                typer.echo(f"stale: {out / name}", err=True)
            raise typer.Exit(1 if stale else 0)
        written = write_docs(out)
        typer.echo(f"wrote {len(written)} page(s) to {out}")

    app.add_typer(rules_app, name="rules")
