"""Command line: parse arguments, call :mod:`auditor.api`, print.

Exit codes follow DESIGN §9: 0 complete and no gate failed, 1 a gate failed, 2 usage or
configuration error, 3 audit incomplete.  Bad input is one line on stderr, never a
traceback (``auditor/cli_errors.py`` maps every error in one table).  Every command that
takes settings resolves them in layers: defaults < auditor.toml / [tool.auditor] <
AUDITOR_* environment variables < options (docs/configuration.md).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from auditor import __version__
from auditor.cli_errors import fail, handled
from auditor.config import KEYS, Resolved, resolve
from auditor.progress import Progress

if TYPE_CHECKING:  # the library pulls in rules and reports: not needed for --help
    from auditor.api.results import RunResult, SiteResult

app = typer.Typer(
    name="auditor",
    help="Complaint Friction Auditor: walk a brand's support journey and score the friction.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Options shared by the commands that walk; None means "not given" (lower layers decide).
OUT = typer.Option(None, "--out", "-o", help="Output folder (must be new or empty).")
REPLACE = typer.Option(None, "--replace", help="Clear an earlier run in --out first.")
FORMAT = typer.Option(None, "--format", help="html,json,pdf,md,sarif,junit,csv")
PROFILE = typer.Option(None, "--profile", help="Rule profile: generic, eu, es, de, fr, il, uk…")
AS_OF = typer.Option(None, "--as-of", help="Judge as of this date (ISO).")
VIEWPORT = typer.Option(None, "--viewport", help="desktop, mobile or both.")
MAX_PAGES = typer.Option(None, "--max-pages", help="Pages per viewport.")
MAX_DEPTH = typer.Option(None, "--max-depth", help="Max clicks deep.")
TIME_LIMIT = typer.Option(None, "--time-limit", help="Seconds for the walk.")
PARALLEL = typer.Option(None, "--parallel", help="Pages at once (1-8).")
RATE = typer.Option(None, "--rate", help="Page loads per second per host, at most.")
REGION = typer.Option(None, "--region", help="Phone region, e.g. GB, ES, IL.")
IGNORE_ROBOTS = typer.Option(
    None, "--ignore-robots/--obey-robots", help="Ignore robots.txt: authorised audits only."
)
SCREENSHOTS = typer.Option(None, "--screenshots/--no-screenshots", help="Evidence images.")
STATIC = typer.Option(
    None, "--static/--no-static", help="Read sitemaps first to rank the walk (static tier)."
)
FAIL_OVER = typer.Option(None, "--fail-over", help="Exit 1 above this friction.")
FAIL_ON = typer.Option(None, "--fail-on", help="Exit 1 on a fail of this impact or worse.")
BASELINE = typer.Option(None, "--baseline", help="Old report.json: exit 1 on regression.")
TOLERANCE = typer.Option(None, "--tolerance", help="Friction points a score may rise.")
CONFIG = typer.Option(None, "--config", help="auditor.toml or pyproject.toml to read.")
RULE = typer.Option(
    None, "--rule", help="Rule level, slug=off|warn|error (repeatable; config: [rules])."
)
ONLY_TAGS = typer.Option(None, "--only-tags", help="Run only rules with these tags (a,b).")
SKIP_TAGS = typer.Option(None, "--skip-tags", help="Skip rules with these tags (a,b).")
STEP_SUMMARY = typer.Option(
    None, "--step-summary", help="Append the Markdown summary here (default $GITHUB_STEP_SUMMARY)."
)
ARTIFACT = typer.Option(None, "--artifact", help="SARIF: repository file results point at.")
DB = typer.Option(None, "--db", help="History (and sweep ledger) database URL (SQLAlchemy).")


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


def _relative(path: Path) -> str:
    """Repository-relative where possible: SARIF locations are resolved against the checkout."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _settings(options: dict[str, Any], config: Path | None, **defaults: Any) -> Resolved:
    """Resolve the layers; ``options`` maps config keys to what the command line gave."""
    unknown = set(options) - set(KEYS)
    assert not unknown, unknown  # a programming error, not the user's
    return resolve(options, config_file=config, command_defaults=defaults)


def _artifact(resolved: Resolved) -> str | None:
    """What SARIF results point at: ``artifact``, else the config file actually read, else
    nothing (the library then points them at the audited URL)."""
    if resolved.config.artifact:
        return resolved.config.artifact
    return _relative(resolved.file) if resolved.file else None


def _print_run(result: RunResult, progress: Progress) -> None:
    progress.summary(result.report, result.files)
    for line in result.gate_failures:
        typer.echo(f"gate failed: {line}", err=True)
    if result.report.status != "complete":
        typer.echo(f"audit {result.report.status}: {result.report.status_reason}", err=True)


def _audit_and_print(resolved: Resolved, artifact: str | None = None) -> int:
    from auditor.api import audit as run_audit

    progress = Progress.for_environment(
        max_pages=resolved.config.max_pages, time_limit=resolved.config.time_limit
    )
    try:
        result = run_audit(
            resolved.config,
            progress=progress,
            artifact=artifact or _artifact(resolved),
            on_walk=progress.line,
        )
    finally:
        progress.close()
    _print_run(result, progress)
    return result.exit_code


@app.command()
@handled()
def audit(
    url: str | None = typer.Argument(None, help="Start URL (the brand's home page)."),
    out: Path | None = OUT,
    replace: bool | None = REPLACE,
    format: str | None = FORMAT,
    profile: str | None = PROFILE,
    as_of: str | None = AS_OF,
    viewport: str | None = VIEWPORT,
    max_pages: int | None = MAX_PAGES,
    max_depth: int | None = MAX_DEPTH,
    time_limit: float | None = TIME_LIMIT,
    parallel: int | None = PARALLEL,
    rate: float | None = RATE,
    region: str | None = REGION,
    fail_over: float | None = FAIL_OVER,
    fail_on: str | None = FAIL_ON,
    baseline: Path | None = BASELINE,
    tolerance: float | None = TOLERANCE,
    ignore_robots: bool | None = IGNORE_ROBOTS,
    screenshots: bool | None = SCREENSHOTS,
    rule: list[str] | None = RULE,
    only_tags: str | None = ONLY_TAGS,
    skip_tags: str | None = SKIP_TAGS,
    step_summary: Path | None = STEP_SUMMARY,
    artifact: str | None = ARTIFACT,
    db: str | None = DB,
    static: bool | None = STATIC,
    config: Path | None = CONFIG,
) -> None:
    """Audit a site: walk, observe, judge, and write the reports."""
    options = dict(
        url=url, out=out, replace=replace or None, formats=format, profile=profile,
        as_of=as_of, viewport=viewport, max_pages=max_pages, max_depth=max_depth,
        time_limit=time_limit, parallel=parallel, rate=rate, region=region,
        fail_over=fail_over, fail_on=fail_on, baseline=baseline, tolerance=tolerance,
        ignore_robots=ignore_robots, screenshots=screenshots, rules=rule or None,
        only_tags=only_tags, skip_tags=skip_tags, step_summary=step_summary,
        artifact=artifact, history_db=db, static=static,
    )  # fmt: skip
    resolved = _settings(options, config, out=Path("audit-out"))
    raise typer.Exit(_audit_and_print(resolved))


@app.command()
@handled()
def demo(
    out: Path | None = OUT,
    viewport: str | None = VIEWPORT,
    max_pages: int | None = MAX_PAGES,
    time_limit: float | None = TIME_LIMIT,
    ignore_robots: bool | None = IGNORE_ROBOTS,
    screenshots: bool | None = SCREENSHOTS,
    config: Path | None = CONFIG,
) -> None:
    """Serve the bundled demo brand site on 127.0.0.1 and audit it (no internet needed).

    The demo replaces its own earlier run in --out (default demo-out).
    """
    from auditor.demo import DEMO_SITE
    from auditor.demo.serve import StaticServer

    # The demo's folder is its own: `out` from a config file does not redirect it.
    options = dict(
        out=out or Path("demo-out"), viewport=viewport, max_pages=max_pages,
        time_limit=time_limit, ignore_robots=ignore_robots, screenshots=screenshots,
    )  # fmt: skip
    defaults = dict(formats=["json", "html", "md"], region="GB", replace=True)
    _settings(options, config, **defaults)  # a bad setting fails before the server starts
    with StaticServer(DEMO_SITE) as server:
        resolved = _settings({**options, "url": server.url + "/"}, config, **defaults)
        code = _audit_and_print(resolved)
        blocked = server.refused()
    if blocked:
        typer.echo(f"safety: the demo server saw {len(blocked)} non-GET request(s)", err=True)
        raise typer.Exit(1)
    raise typer.Exit(code)


@app.command()
@handled()
def rescore(
    observations: Path = typer.Argument(..., help="observations.json from an earlier audit."),
    out: Path | None = OUT,
    replace: bool | None = REPLACE,
    profile: str | None = PROFILE,
    as_of: str | None = AS_OF,
    format: str | None = FORMAT,
    fail_over: float | None = FAIL_OVER,
    fail_on: str | None = FAIL_ON,
    baseline: Path | None = BASELINE,
    tolerance: float | None = TOLERANCE,
    rule: list[str] | None = RULE,
    only_tags: str | None = ONLY_TAGS,
    skip_tags: str | None = SKIP_TAGS,
    step_summary: Path | None = STEP_SUMMARY,
    artifact: str | None = ARTIFACT,
    config: Path | None = CONFIG,
) -> None:
    """Re-judge saved observations without a browser (another profile, another date)."""
    from auditor.api import rescore as run_rescore

    options = dict(
        out=out, replace=replace or None, profile=profile, as_of=as_of, formats=format,
        fail_over=fail_over, fail_on=fail_on, baseline=baseline, tolerance=tolerance,
        rules=rule or None, only_tags=only_tags, skip_tags=skip_tags,
        step_summary=step_summary, artifact=artifact,
    )  # fmt: skip
    resolved = _settings(options, config)
    result = run_rescore(observations, resolved.config, artifact=_artifact(resolved))
    _print_run(result, Progress.for_environment())
    raise typer.Exit(result.exit_code)


@app.command()
@handled()
def bench(
    pages: int = typer.Option(320, help="Pages in the generated site."),
    rounds: int = typer.Option(1, help="Alternating rounds of auditor and baseline."),
    parallel: int = typer.Option(4, help="Pages at once for the auditor."),
    skip_baseline: bool = typer.Option(False, "--skip-baseline", help="Only the auditor."),
    sweep: bool = typer.Option(False, "--sweep", help="Benchmark sweeps instead of one walk."),
    sites: int = typer.Option(8, "--sites", help="--sweep: generated sites to sweep."),
    workers: int = typer.Option(4, "--workers", help="--sweep: workers (and Dask workers)."),
    static: bool = typer.Option(
        False, "--static", help="The static-tier case: a 2,000-page site, with and without."
    ),
) -> None:
    """Benchmark the walk on a generated 300-page site against a naive baseline."""
    if static:
        from auditor.bench.static import run_static_bench

        raise typer.Exit(run_static_bench(parallel=parallel))
    from auditor.bench.run import run_bench

    if sweep:
        from auditor.bench.sweep import run_sweep_bench

        if sites < 2 or workers < 2:
            raise fail("--sweep needs at least 2 sites and 2 workers")
        raise typer.Exit(run_sweep_bench(sites=sites, workers=workers))

    code = run_bench(pages=pages, rounds=rounds, parallel=parallel, baseline=not skip_baseline)
    raise typer.Exit(code)


@app.command()
@handled()
def sweep(
    urls: Path = typer.Argument(..., help="File with one start URL per line (# comments)."),
    out: Path | None = OUT,
    replace: bool | None = REPLACE,
    profile: str | None = PROFILE,
    as_of: str | None = AS_OF,
    viewport: str | None = VIEWPORT,
    max_pages: int | None = MAX_PAGES,
    max_depth: int | None = MAX_DEPTH,
    time_limit: float | None = TIME_LIMIT,
    parallel: int | None = PARALLEL,
    rate: float | None = RATE,
    region: str | None = REGION,
    format: str | None = typer.Option(None, "--format", help="Per-site formats (html,json,…)."),
    fail_over: float | None = typer.Option(None, "--fail-over", help="Exit 1 if any site is over."),
    fail_on: str | None = FAIL_ON,
    ignore_robots: bool | None = IGNORE_ROBOTS,
    screenshots: bool | None = SCREENSHOTS,
    workers: int | None = typer.Option(None, "--workers", help="Sites audited at once."),
    scheduler: str | None = typer.Option(
        None, "--scheduler", help="Dask scheduler, e.g. tcp://HOST:8786."
    ),
    db: str | None = DB,
    infra_retries: int | None = typer.Option(
        None, "--infra-retries", help="Retries after a browser crash or lost worker."
    ),
    site_margin: float | None = typer.Option(
        None, "--site-margin", help="Seconds past --time-limit before a site is killed."
    ),
    config: Path | None = CONFIG,
) -> None:
    """Audit many sites (resumable; --workers N at once, or on a Dask cluster)."""
    from auditor.api import sweep as run_sweep
    from reports.view import score_text

    options = dict(
        out=out, replace=replace or None, profile=profile, as_of=as_of, viewport=viewport,
        max_pages=max_pages, max_depth=max_depth, time_limit=time_limit, parallel=parallel,
        rate=rate, region=region, formats=format, fail_over=fail_over, fail_on=fail_on,
        ignore_robots=ignore_robots, screenshots=screenshots, workers=workers,
        scheduler=scheduler, history_db=db, infra_retries=infra_retries,
        site_margin=site_margin,
    )  # fmt: skip
    resolved = _settings(options, config, out=Path("sweep-out"))
    progress = Progress.for_environment(max_pages=resolved.config.max_pages)

    def started(i: int, n: int, url: str, folder: Path) -> None:
        progress.line(f"[{i}/{n}] {url} → {folder}")

    def done(site: SiteResult) -> None:
        report = site.run.report
        typer.echo(f"{site.url}\t{report.status}\t{score_text(report, sep=chr(9))}")

    result = run_sweep(
        urls,
        resolved.config,
        on_start=started,
        on_done=done,
        on_tally=lambda tally: progress.line(tally.line()),
    )
    for url in result.infra_errors:
        typer.echo(f"{url}\tinfra_error\tnot audited (see sweep.csv)")
    if result.interrupted:
        typer.echo(
            f"sweep {result.interrupted}: {len(result.sites)} site(s) finished; "
            "run the same command again to resume",
            err=True,
        )
    for name in ("csv", "junit", "html"):
        if name in result.files:
            typer.echo(f"{name}: {result.files[name]}")
    raise typer.Exit(result.exit_code)


@app.command()
@handled()
def history(
    site: str = typer.Argument(..., help="A site's start URL (or its host/path key)."),
    db: str | None = DB,
    config: Path | None = CONFIG,
) -> None:
    """A site's audits over time, and what changed since the previous one."""
    from auditor.sweep.history import changes, trend_lines
    from auditor.sweep.history import history as site_history
    from auditor.sweep.ledger import open_db

    resolved = _settings({"history_db": db}, config)
    url = resolved.config.history_db
    if not url:
        raise fail("give the history database: --db URL (or `history_db` in the config)")
    rows = site_history(open_db(url), site)
    if not rows:
        raise fail(f"no audits of {site} in {url}")
    typer.echo(f"{len(rows)} audit(s) of {rows[-1].url}")
    for line in trend_lines(rows):
        typer.echo(line)
    if len(rows) >= 2:
        typer.echo("since the previous audit:")
        typer.echo(changes(rows[-2], rows[-1]))


@app.command()
@handled()
def verify(
    folder: Path = typer.Argument(..., help="A run folder holding manifest.json."),
) -> None:
    """Check every file of a run against its manifest: exit 1 if any changed, went or came."""
    from auditor.api import verify as run_verify

    result = run_verify(folder)
    for kind, names in (
        ("changed", result.changed),
        ("missing", result.missing),
        ("extra", result.extra),
    ):
        for name in names:
            typer.echo(f"{kind}: {name}")
    if result.intact:
        typer.echo(f"intact: {result.checked} file(s) match {folder / 'manifest.json'}")
    else:
        counts = f"{len(result.changed)} changed, {len(result.missing)} missing"
        typer.echo(f"NOT intact: {counts}, {len(result.extra)} extra", err=True)
    raise typer.Exit(result.exit_code)


@app.command("config")
@handled()
def show_config(config: Path | None = CONFIG) -> None:
    """Print every setting with its value and where it came from (file, env, default)."""
    resolved = _settings({}, config)
    for key in KEYS:
        value = getattr(resolved.config, key)
        if isinstance(value, dict):
            shown = ",".join(f"{k}={v}" for k, v in value.items())
        else:
            shown = ",".join(value) if isinstance(value, list) else value
        typer.echo(f"{key}\t{'' if shown is None else shown}\t{resolved.source(key)}")


@app.command()
@handled()
def accuracy(
    sites: Path = typer.Option(
        Path("tests/sites"),
        help="Folder of labelled fixture sites, in a source checkout (played by the server in "
        "tests/support/ beside it).",
    ),
    out: Path | None = typer.Option(None, "--out", "-o", help="Keep the reports here."),
    only: str | None = typer.Option(None, help="Comma-separated site names."),
    config: Path | None = CONFIG,
) -> None:
    """Audit every labelled fixture site and print precision, recall and click exactness."""
    import tempfile

    from auditor.accuracy import (
        Summary,
        audit_labelled_site,
        fixture_site_player,
        load_labels,
        orderings,
        score_site,
    )
    from reports.view import score_text

    walk = _settings({}, config, screenshots=False).config.settings()
    if not sites.is_dir():
        raise fail(f"no such folder: {sites}")
    try:
        play = fixture_site_player(sites)
    except FileNotFoundError as exc:
        raise fail(str(exc)) from None
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
        audited = audit_labelled_site(sites / name, base / name, walk, play)
        if any(r.method not in ("GET", "HEAD") for r in audited.requests):
            raise fail(f"safety: {name} received a non-GET request", 1)
        # An ungraded site (failed, inconclusive) orders as the worst: never in its favour.
        measured = audited.report.score.friction
        friction[name] = 100.0 if measured is None else measured
        scores.append(score_site(labels[name], audited.report))
        typer.echo(f"audited {name}: {score_text(audited.report)}", err=True)
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


@app.command()
@handled()
def journey(
    target: str = typer.Argument(..., help="FILE.yaml to run, or `schema`, or `import`."),
    source: Path | None = typer.Argument(None, help="With import: the codegen .py file."),
    out: Path | None = OUT,
    replace: bool | None = REPLACE,
    format: str | None = FORMAT,
    profile: str | None = PROFILE,
    max_pages: int | None = MAX_PAGES,
    time_limit: float | None = TIME_LIMIT,
    ignore_robots: bool | None = IGNORE_ROBOTS,
    screenshots: bool | None = SCREENSHOTS,
    config: Path | None = CONFIG,
) -> None:
    """Run a scripted journey (DESIGN §11); `journey schema --out F`; `journey import F.py`."""
    from auditor.journey import commands

    if target == "schema":
        written = commands.write_schema(out or Path("docs/journey.schema.json"))
        typer.echo(f"wrote {written}")
        raise typer.Exit(0)
    if target == "import":
        if source is None:
            raise fail("give the codegen file: auditor journey import recording.py [--out FILE]")
        text, problems = commands.import_codegen(source)
        for line in problems:
            typer.echo(line, err=True)
        if out is None:
            typer.echo(text, nl=False)
        else:
            out.write_text(text, encoding="utf-8")
            typer.echo(f"wrote {out}")
        raise typer.Exit(0)
    options = dict(
        out=out, replace=replace or None, formats=format, profile=profile,
        max_pages=max_pages, time_limit=time_limit, ignore_robots=ignore_robots,
        screenshots=screenshots,
    )  # fmt: skip
    resolved = _settings(options, config, out=Path("journey-out"))
    cfg = resolved.config
    progress = Progress.for_environment()
    result = commands.run_file(
        Path(target),
        cfg.out,
        replace=bool(cfg.replace),
        formats=list(cfg.formats),
        profile=cfg.profile,
        settings=cfg.settings(),
    )
    _print_run(result, progress)
    raise typer.Exit(result.exit_code)


def run() -> None:  # pragma: no cover - console entry for `python -m auditor`
    """Run the app; argument errors from the parser are one line too (exit 2)."""
    from typer._click.exceptions import NoArgsIsHelpError, UsageError

    if os.environ.get("AUDITOR_DEBUG"):
        app()
        return
    try:
        code = app(standalone_mode=False)
    except NoArgsIsHelpError as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except UsageError as exc:
        typer.echo(f"auditor: {exc.format_message()}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("auditor: interrupted", err=True)
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)
