"""Command line: `auditor audit|demo|bench|rescore|rules|report|diff|schema`.

Exit codes follow DESIGN §9: 0 complete and no gate failed, 1 a gate failed, 2 usage or
configuration error, 3 audit incomplete.  Bad input is one line on stderr, never a
traceback.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urlsplit

import typer

from auditor import __version__
from auditor.browser import BrowserNotFound
from auditor.config import AuditConfig, ConfigError, find_config, load_config
from auditor.models import Settings, ViewportName
from auditor.progress import Progress

if TYPE_CHECKING:  # the pipeline pulls in rules and reports: not needed for --help
    from auditor.pipeline import Gates

app = typer.Typer(
    name="auditor",
    help="Complaint Friction Auditor: walk a brand's support journey and score the friction.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

FORMATS = ("html", "json", "pdf", "md", "sarif", "junit", "csv")


def fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"auditor: {message}", err=True)
    return typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"auditor {__version__}")
        raise typer.Exit(0)


@app.callback()
def main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version."
    ),
) -> None:
    """Complaint Friction Auditor."""


def check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise fail(f"not an http(s) URL: {url!r}")
    return url


def parse_formats(value: str | None, default: list[str]) -> list[str]:
    if not value:
        return default
    wanted = [f.strip().lower() for f in value.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown:
        raise fail(f"unknown format {unknown[0]!r} (choose from {', '.join(FORMATS)})")
    return wanted


def parse_as_of(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise fail(f"--as-of must be a date like 2026-06-19, not {value!r}") from None


def viewports_of(value: str) -> list[ViewportName]:
    if value == "both":
        return ["desktop", "mobile"]
    if value in ("desktop", "mobile"):
        return [value]  # type: ignore[list-item]
    raise fail(f"--viewport must be desktop, mobile or both, not {value!r}")


def _relative(path: Path) -> str:
    """Repository-relative where possible: SARIF locations are resolved against the checkout."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _config(path: Path | None) -> AuditConfig:
    try:
        return load_config(find_config(path, Path.cwd()))
    except ConfigError as exc:
        raise fail(str(exc)) from None


T = TypeVar("T")


def _pick(cli: T | None, conf: T | None, default: T) -> T:
    if cli is not None:
        return cli
    return conf if conf is not None else default


@app.command()
def audit(
    url: str | None = typer.Argument(None, help="Start URL (the brand's home page)."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Output folder."),
    format: str | None = typer.Option(None, "--format", help="html,json,md,sarif,junit,csv"),
    profile: str | None = typer.Option(
        None, help="Rule profile: generic, eu, es, de, fr, il, uk, us-ca."
    ),
    as_of: str | None = typer.Option(None, "--as-of", help="Judge as of this date (ISO)."),
    viewport: str | None = typer.Option(None, help="desktop, mobile or both."),
    max_pages: int | None = typer.Option(None, "--max-pages", min=1, help="Pages per viewport."),
    max_depth: int | None = typer.Option(None, "--max-depth", min=1, help="Max clicks deep."),
    time_limit: float | None = typer.Option(None, "--time-limit", help="Seconds for the walk."),
    parallel: int | None = typer.Option(None, "--parallel", min=1, max=8, help="Pages at once."),
    region: str | None = typer.Option(None, help="Phone region, e.g. GB, ES, IL."),
    fail_over: float | None = typer.Option(None, "--fail-over", help="Exit 1 above this friction."),
    fail_on: str | None = typer.Option(
        None, "--fail-on", help="Exit 1 on a fail of this impact or worse."
    ),
    baseline: Path | None = typer.Option(
        None, "--baseline", help="Old report.json: exit 1 on regression."
    ),
    ignore_robots: bool = typer.Option(
        False, "--ignore-robots", help="For an authorised audit only."
    ),
    no_screenshots: bool = typer.Option(False, "--no-screenshots", help="Skip evidence images."),
    config: Path | None = typer.Option(None, "--config", help="auditor.toml or pyproject.toml."),
) -> None:
    """Audit a site: walk, observe, judge, and write the reports."""
    conf = _config(config)
    start = url or conf.url
    if not start:
        raise fail("give a start URL (or `url` in the config)")
    check_url(start)
    settings = Settings(
        max_pages=_pick(max_pages, conf.max_pages, 60),
        max_depth=_pick(max_depth, conf.max_depth, 8),
        time_limit_s=_pick(time_limit, conf.time_limit, 180.0),
        viewports=viewports_of(_pick(viewport, conf.viewport, "both")),
        obey_robots=not (ignore_robots or bool(conf.ignore_robots)),
        parallel=_pick(parallel, conf.parallel, 4),
        rate_per_host=_pick(None, conf.rate, 10.0),
        region=_pick(region, conf.region, None),
        screenshots=not no_screenshots and conf.screenshots is not False,
    )
    from auditor.pipeline import Gates

    gates = Gates(
        fail_over=_pick(fail_over, conf.fail_over, None),
        fail_on=_pick(fail_on, conf.fail_on, None),
        baseline=baseline or (Path(conf.baseline) if conf.baseline else None),
    )
    if gates.fail_on and gates.fail_on not in ("minor", "moderate", "serious", "critical"):
        raise fail("--fail-on must be minor, moderate, serious or critical")
    if gates.baseline and not gates.baseline.is_file():
        raise fail(f"baseline not found: {gates.baseline}")
    config_file = find_config(config, Path.cwd())
    code = run_and_report(
        start,
        settings,
        out or Path(conf.out or "audit-out"),
        formats=parse_formats(format, list(conf.formats or ["json", "html"])),
        profile=_pick(profile, conf.profile, "generic"),
        as_of=parse_as_of(_pick(as_of, conf.as_of, None)),
        gates=gates,
        artifact=_relative(config_file) if config_file else "auditor.toml",
    )
    raise typer.Exit(code)


def run_and_report(
    start: str,
    settings: Settings,
    out: Path,
    *,
    formats: list[str],
    profile: str,
    as_of: str | None,
    gates: Gates | None = None,
    artifact: str = "auditor.toml",
) -> int:
    """Walk, judge, write; print where the files are; return the exit code."""
    from auditor.audit import run_audit
    from auditor.pipeline import judge_and_render
    from rules.engine import load_profile

    try:
        load_profile(profile)
    except ValueError as exc:
        raise fail(str(exc)) from None
    progress = Progress.for_environment()
    progress.line(f"auditing {start} ({', '.join(settings.viewports)}) → {out}")
    try:
        obs = run_audit(start, settings, out, progress=progress)
    except BrowserNotFound as exc:
        raise fail(str(exc)) from None
    outcome = judge_and_render(
        obs,
        out,
        profile=profile,
        as_of=as_of,
        formats=formats,
        gates=gates,
        artifact=artifact,
    )
    report = outcome.report
    progress.summary(report, outcome.files)
    for line in outcome.gate_failures:
        typer.echo(f"gate failed: {line}", err=True)
    if report.status != "complete":
        typer.echo(f"audit {report.status}: {report.status_reason}", err=True)
    return outcome.exit_code


@app.command()
def demo(
    out: Path = typer.Option(Path("demo-out"), "--out", "-o", help="Output folder."),
    viewport: str = typer.Option("both", help="desktop, mobile or both."),
) -> None:
    """Serve the bundled demo brand site on 127.0.0.1 and audit it (no internet needed)."""
    from auditor.siteserver import DEMO_SITE, SiteServer

    with SiteServer(DEMO_SITE) as server:
        code = run_and_report(
            server.url + "/",
            Settings(viewports=viewports_of(viewport), region="GB"),
            out,
            formats=["json", "html", "md"],
            profile="generic",
            as_of=None,
        )
        blocked = server.non_get_requests()
    if blocked:
        typer.echo(f"safety: the demo server saw {len(blocked)} non-GET request(s)", err=True)
        raise typer.Exit(1)
    raise typer.Exit(code)


@app.command()
def rescore(
    observations: Path = typer.Argument(..., help="observations.json from an earlier audit."),
    out: Path = typer.Option(..., "--out", "-o", help="Output folder."),
    profile: str = typer.Option("generic", help="Rule profile."),
    as_of: str | None = typer.Option(None, "--as-of", help="Judge as of this date (ISO)."),
    format: str | None = typer.Option(None, "--format", help="html,json,md,sarif,junit,csv"),
) -> None:
    """Re-judge saved observations without a browser (another profile, another date)."""
    from pydantic import ValidationError

    from auditor.audit import load_observations
    from auditor.pipeline import judge_and_render
    from rules.engine import load_profile

    try:
        load_profile(profile)
    except ValueError as exc:
        raise fail(str(exc)) from None
    try:
        obs = load_observations(observations)
    except FileNotFoundError:
        raise fail(f"no such file: {observations}") from None
    except (ValidationError, ValueError) as exc:
        raise fail(
            f"{observations} is not an observations.json: {str(exc).splitlines()[0]}"
        ) from None
    outcome = judge_and_render(
        obs,
        out,
        profile=profile,
        as_of=parse_as_of(as_of),
        formats=parse_formats(format, ["json", "html"]),
        save_observations=False,
        asset_dirs=[observations.parent],  # the screenshots stay with the original audit
    )
    Progress.for_environment().summary(outcome.report, outcome.files)
    raise typer.Exit(outcome.exit_code)


@app.command()
def bench(
    pages: int = typer.Option(320, help="Pages in the generated site."),
    rounds: int = typer.Option(1, help="Alternating rounds of auditor and baseline."),
    parallel: int = typer.Option(4, help="Pages at once for the auditor."),
    skip_baseline: bool = typer.Option(False, "--skip-baseline", help="Only the auditor."),
) -> None:
    """Benchmark the walk on a generated 300-page site against a naive baseline."""
    from auditor.bench.run import run_bench

    try:
        code = run_bench(pages=pages, rounds=rounds, parallel=parallel, baseline=not skip_baseline)
    except BrowserNotFound as exc:
        raise fail(str(exc)) from None
    raise typer.Exit(code)


def read_url_list(path: Path) -> list[str]:
    """One URL per line; blank lines and # comments skipped; a bad line is a usage error."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise fail(f"cannot read {path}: {exc.strerror or exc}") from None
    urls: list[str] = []
    for number, line in enumerate(lines, 1):
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        parts = urlsplit(text)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise fail(f"{path}:{number}: not an http(s) URL: {text!r}")
        urls.append(text)
    if not urls:
        raise fail(f"{path}: no URLs")
    return urls


def folder_name(url: str, taken: set[str]) -> str:
    """A readable, unique folder per site: host, port and path, filesystem-safe."""
    parts = urlsplit(url)
    raw = f"{parts.hostname}{'-' + str(parts.port) if parts.port else ''}{parts.path}"
    name = "".join(ch if ch.isalnum() or ch in ".-" else "-" for ch in raw).strip("-.") or "site"
    unique, n = name, 2
    while unique in taken:
        unique, n = f"{name}-{n}", n + 1
    taken.add(unique)
    return unique


@app.command()
def sweep(
    urls: Path = typer.Argument(..., help="File with one start URL per line (# comments)."),
    out: Path = typer.Option(Path("sweep-out"), "--out", "-o", help="Output folder."),
    profile: str = typer.Option("generic", help="Rule profile for every site."),
    as_of: str | None = typer.Option(None, "--as-of", help="Judge as of this date (ISO)."),
    viewport: str = typer.Option("both", help="desktop, mobile or both."),
    max_pages: int = typer.Option(60, "--max-pages", min=1, help="Pages per viewport."),
    format: str | None = typer.Option(None, "--format", help="Per-site formats (html,json,…)."),
    fail_over: float | None = typer.Option(None, "--fail-over", help="Exit 1 if any site is over."),
) -> None:
    """Audit many sites one after another: a folder each, plus sweep.csv and junit.xml."""
    from auditor.audit import run_audit
    from auditor.pipeline import EXIT_GATE, EXIT_INCOMPLETE, EXIT_OK, Gates, judge_and_render
    from reports.csv import write_csv
    from reports.junit import render_junit
    from rules.engine import load_profile

    targets = read_url_list(urls)
    try:
        load_profile(profile)
    except ValueError as exc:
        raise fail(str(exc)) from None
    when = parse_as_of(as_of)
    formats = parse_formats(format, ["json", "html"])
    progress = Progress.for_environment()
    taken: set[str] = set()
    reports = []
    codes = []
    for i, url in enumerate(targets, 1):
        folder = out / folder_name(url, taken)
        progress.line(f"[{i}/{len(targets)}] {url} → {folder}")
        settings = Settings(viewports=viewports_of(viewport), max_pages=max_pages)
        try:
            obs = run_audit(url, settings, folder, progress=progress)
        except BrowserNotFound as exc:
            raise fail(str(exc)) from None
        outcome = judge_and_render(
            obs, folder, profile=profile, as_of=when, formats=formats, gates=Gates(fail_over)
        )
        reports.append(outcome.report)
        codes.append(outcome.exit_code)
        score = outcome.report.score
        typer.echo(
            f"{url}\t{outcome.report.status}\tfriction {score.friction:.0f}\tgrade {score.grade}"
        )
    out.mkdir(parents=True, exist_ok=True)
    write_csv(reports, out / "sweep.csv")
    (out / "junit.xml").write_text(render_junit(reports), encoding="utf-8")
    typer.echo(f"csv: {out / 'sweep.csv'}")
    typer.echo(f"junit: {out / 'junit.xml'}")
    if EXIT_INCOMPLETE in codes:
        raise typer.Exit(EXIT_INCOMPLETE)
    raise typer.Exit(EXIT_GATE if EXIT_GATE in codes else EXIT_OK)


@app.command()
def accuracy(
    sites: Path = typer.Option(Path("tests/sites"), help="Folder of labelled fixture sites."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Keep the reports here."),
    only: str | None = typer.Option(None, help="Comma-separated site names."),
) -> None:
    """Audit every labelled fixture site and print precision, recall and click exactness."""
    import tempfile

    from auditor.accuracy import (
        Summary,
        audit_labelled_site,
        load_labels,
        orderings,
        score_site,
    )

    if not sites.is_dir():
        raise fail(f"no such folder: {sites}")
    names = sorted(p.name for p in sites.iterdir() if (p / "labels.json").is_file())
    if only:
        wanted = {n.strip() for n in only.split(",")}
        names = [n for n in names if n in wanted]
    if not names:
        raise fail(f"no labelled sites in {sites}")
    base = out or Path(tempfile.mkdtemp(prefix="cfa-accuracy-"))
    scores, labels, friction = [], {}, {}
    for name in names:
        labels[name] = load_labels(sites / name)
        audited = audit_labelled_site(sites / name, base / name, Settings(screenshots=False))
        if any(r.method not in ("GET", "HEAD") for r in audited.requests):
            raise fail(f"safety: {name} received a non-GET request", 1)
        friction[name] = audited.report.score.friction
        scores.append(score_site(labels[name], audited.report))
        typer.echo(f"audited {name}: friction {friction[name]:.0f}", err=True)
    total, agree, problems = orderings(labels, friction)
    summary = Summary(scores, total, agree, problems)
    for line in summary.lines():
        typer.echo(line)
    raise typer.Exit(0 if all(s.ok for s in scores) and agree == total else 1)


def _register_extensions() -> None:
    from auditor import cli_reports, cli_rules

    cli_rules.register(app)
    cli_reports.register(app)


_register_extensions()


def run() -> None:  # pragma: no cover - console entry for `python -m auditor`
    if os.environ.get("AUDITOR_DEBUG"):
        app()
        return
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("auditor: interrupted", err=True)
        sys.exit(130)
