"""`auditor rules` on a throwaway Typer app: list, explain, docs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from auditor.cli_rules import register
from rules.docs import expected_docs
from rules.registry import all_rules


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.command()
    def version() -> None:  # a second command keeps `rules` a named group
        typer.echo("test")

    register(app)
    return app


def test_rules_lists_the_catalogue() -> None:
    result = CliRunner().invoke(_app(), ["rules"])
    assert result.exit_code == 0
    for rule in all_rules():
        assert rule.slug in result.output and rule.code in result.output


def test_rules_json() -> None:
    result = CliRunner().invoke(_app(), ["rules", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert [d["slug"] for d in data] == [r.slug for r in all_rules()]
    assert {"code", "impact", "category", "references", "how_to_fix"} <= set(data[0])


def test_rules_bad_format_is_a_usage_error() -> None:
    result = CliRunner().invoke(_app(), ["rules", "--format", "xml"])
    assert result.exit_code == 2


def test_explain_prints_the_doc_page() -> None:
    result = CliRunner().invoke(_app(), ["rules", "explain", "stale-odr-link"])
    assert result.exit_code == 0
    assert "CFA011" in result.output and "2025-07-20" in result.output
    by_code = CliRunner().invoke(_app(), ["rules", "explain", "CFA011"])
    assert by_code.output == result.output


def test_explain_unknown_slug_is_one_line_exit_2() -> None:
    result = CliRunner().invoke(_app(), ["rules", "explain", "nope"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "auditor: unknown rule 'nope'"


def test_docs_writes_and_checks(tmp_path: Path) -> None:
    out = tmp_path / "rules"
    stale = CliRunner().invoke(_app(), ["rules", "docs", "--out", str(out), "--check"])
    assert stale.exit_code == 1
    result = CliRunner().invoke(_app(), ["rules", "docs", "--out", str(out)])
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(expected_docs())
    fresh = CliRunner().invoke(_app(), ["rules", "docs", "--out", str(out), "--check"])
    assert fresh.exit_code == 0


def test_docs_default_to_docs_rules_under_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Installed, the package sits in site-packages: the default must not point there."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(_app(), ["rules", "docs"])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "docs" / "rules").iterdir())
    assert written == sorted(expected_docs())
