"""The committed JSON Schema matches the models; the report/diff/schema CLI commands."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import typer
from report_samples import make_judgement, make_observations
from typer.testing import CliRunner

from auditor.cli_reports import register
from reports.build import build_report, write_report_json
from reports.model import Report
from reports.render import FORMATS, UnknownFormat, render_all
from reports.schema import SCHEMA_PATH, report_json_schema, schema_is_fresh, schema_text
from tests.support.paths import REPO

REGENERATE = "auditor schema --out docs/report.schema.json"


def test_committed_schema_is_fresh() -> None:
    committed = REPO / SCHEMA_PATH
    assert committed.is_file(), f"{committed} is missing: generate it with `{REGENERATE}`"
    assert schema_is_fresh(committed), f"{committed} is stale: regenerate it with `{REGENERATE}`"


def test_schema_describes_the_report_contract() -> None:
    schema = report_json_schema()
    required = set(schema["required"])
    assert {"tool", "target", "started_at", "status", "profile", "score"} <= required
    props = schema["properties"]
    for name in ("milestones", "by_viewport", "channels", "pages", "findings", "viewports"):
        assert name in props
    assert schema["additionalProperties"] is False
    assert schema_text() == schema_text()  # deterministic


@pytest.fixture()
def app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


@pytest.fixture()
def saved(report: Report, tmp_path: Path) -> Path:
    return write_report_json(report, tmp_path / "out" / "report.json")


def test_report_command_every_format(app: typer.Typer, saved: Path) -> None:
    runner = CliRunner()
    for fmt in FORMATS:
        out = saved.parent / f"cli.{fmt}"
        result = runner.invoke(app, ["report", str(saved), "--format", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0
    assert json.loads((saved.parent / "cli.sarif").read_text())["version"] == "2.1.0"
    assert ET.parse(saved.parent / "cli.junit").getroot().tag == "testsuites"
    assert (saved.parent / "cli.pdf").read_bytes().startswith(b"%PDF")  # printed by Chromium


def test_report_html_inlines_screenshots_unless_told_to_link(app: typer.Typer, saved: Path) -> None:
    shot = saved.parent / "screenshots" / "desktop-home.png"
    shot.parent.mkdir()
    shot.write_bytes(b"\x89PNG\r\n\x1a\nfake")
    runner = CliRunner()
    assert runner.invoke(app, ["report", str(saved)]).exit_code == 0
    inlined = (saved.parent / "report.html").read_text(encoding="utf-8")
    assert 'src="data:image/png;base64,' in inlined
    assert 'src="screenshots/desktop-home.png"' not in inlined
    assert runner.invoke(app, ["report", str(saved), "--link-images"]).exit_code == 0
    linked = (saved.parent / "report.html").read_text(encoding="utf-8")
    assert 'src="screenshots/desktop-home.png"' in linked and "data:image" not in linked
    result = runner.invoke(app, ["report", str(saved), "--format", "pdf", "-o", "-"])
    assert result.exit_code == 2 and "give --out" in result.stderr


def test_report_html_defaults_next_to_report_json(app: typer.Typer, saved: Path) -> None:
    result = CliRunner().invoke(app, ["report", str(saved)])
    assert result.exit_code == 0, result.output
    assert (saved.parent / "report.html").read_text().startswith("<!DOCTYPE html>")


def test_report_md_to_stdout(app: typer.Typer, saved: Path) -> None:
    result = CliRunner().invoke(app, ["report", str(saved), "--format", "md"])
    assert result.exit_code == 0
    assert result.stdout.startswith("## Complaint friction")


def test_report_command_bad_input(app: typer.Typer, tmp_path: Path, saved: Path) -> None:
    runner = CliRunner()
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    result = runner.invoke(app, ["report", str(bad), "--format", "md"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "not JSON" in result.stderr
    result = runner.invoke(app, ["report", str(saved), "--format", "docx"])
    assert result.exit_code == 2 and "unknown format" in result.stderr


def test_diff_command_exit_codes(app: typer.Typer, tmp_path: Path, saved: Path) -> None:
    runner = CliRunner()
    same = runner.invoke(app, ["diff", str(saved), str(saved)])
    assert same.exit_code == 0, same.output
    assert "no regression" in same.stdout

    worse = build_report(make_observations(), make_judgement())
    odr = next(f for f in worse.findings if f.slug == "stale-odr-link")
    odr.outcome = "fail"
    worse.score.friction += 10
    worse_path = write_report_json(worse, tmp_path / "new" / "report.json")
    result = runner.invoke(app, ["diff", str(saved), str(worse_path)])
    assert result.exit_code == 1
    assert "stale-odr-link" in result.stdout and "+10" in result.stdout
    assert "REGRESSION" in result.stdout

    back = runner.invoke(app, ["diff", str(worse_path), str(saved), "--json"])
    assert back.exit_code == 0
    data = json.loads(back.stdout)
    assert data["regression"] is False
    assert [f["slug"] for f in data["fixed"]] == ["stale-odr-link"]

    missing = runner.invoke(app, ["diff", str(saved), str(tmp_path / "nope.json")])
    assert missing.exit_code == 2
    assert missing.stderr.startswith("error:") and missing.stderr.count("\n") == 1


def test_schema_command_writes_the_schema(app: typer.Typer, tmp_path: Path) -> None:
    out = tmp_path / "s.json"
    result = CliRunner().invoke(app, ["schema", "--out", str(out)])
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8") == schema_text()


def test_schema_command_defaults_to_docs_under_the_current_directory(
    app: typer.Typer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Installed, the package sits in site-packages: the default must not point there."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0, result.output
    written = tmp_path / "docs" / "report.schema.json"
    assert written.read_text(encoding="utf-8") == schema_text()
    assert result.stdout.strip() == str(Path("docs") / "report.schema.json")


def test_render_all_writes_default_names(report: Report, tmp_path: Path) -> None:
    paths = render_all(report, tmp_path / "o", ["json", "html", "md", "sarif", "junit", "csv"])
    text_formats = {k: v for k, v in FORMATS.items() if k != "pdf"}  # pdf: test_report_pdf
    assert {k: p.name for k, p in paths.items()} == text_formats
    assert all(p.is_file() for p in paths.values())
    with pytest.raises(UnknownFormat):
        render_all(report, tmp_path / "x", ["html", "docx"])
    assert not (tmp_path / "x").exists()
