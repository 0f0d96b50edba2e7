"""Audit and rescore: from a start URL or saved observations to a finished run folder.

Everything a command must refuse is checked before a browser starts (DESIGN §9: a usage
error is exit 2 and costs nothing); the folder is then emptied for this run alone.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from auditor.api.evidence import check_out, prepare_out, utc_now, write_manifest
from auditor.api.gating import Gates
from auditor.api.gating import gates as apply_gates
from auditor.api.judging import judge_observations
from auditor.api.results import RunResult
from auditor.api.summary import append_step_summary
from auditor.api.targets import check_start_url
from auditor.config import AuditorConfig
from auditor.errors import ObservationsError, OutputError, UsageError
from auditor.models import Observations
from auditor.progress import PageSink
from reports.build import write_report_json
from reports.render import render_all
from rules.engine import Selection
from rules.profile import load_profile

if TYPE_CHECKING:
    from sqlalchemy import Engine

DEFAULT_ARTIFACT: str | None = None
"""No config file: SARIF results point at the audited URL (reports.sarif)."""


def _out(config: AuditorConfig) -> Path:
    if config.out is None:
        raise UsageError("give an output folder (--out, or `out` in the config)")
    return config.out


def check_judging(config: AuditorConfig, site: str | None = None) -> Gates:
    """Profile, gates and baseline are checked up front: they cannot fail after the walk.

    ``site`` is the URL to be judged: a baseline of another site is refused here.
    """
    load_profile(config.profile)
    selection_of(config)
    return Gates.of(config).loaded().for_site(site or config.url)


def selection_of(config: AuditorConfig) -> Selection:
    """The rules to run and their gate levels, checked (a typo is exit 2, up front)."""
    return Selection(
        levels=dict(config.rules),
        only_tags=tuple(config.only_tags),
        skip_tags=tuple(config.skip_tags),
    ).check()


def audit(
    config: AuditorConfig,
    *,
    progress: PageSink | None = None,
    artifact: str | None = None,
    on_walk: Callable[[str], None] | None = None,
) -> RunResult:
    """Walk ``config.url`` in Chromium, judge it, write every report into ``config.out``.

    ``on_walk`` hears one line when every check has passed and the browser starts.
    """
    from auditor.audit import run_audit
    from auditor.browser import find_chromium

    if not config.url:
        raise UsageError("give a start URL (or `url` in the config)")
    start = check_start_url(config.url)
    out = _out(config)
    wanted = check_judging(config)
    check_out(out, replace=config.replace)
    executable = find_chromium()
    history = _history(config.history_db)  # a bad database URL fails before the walk
    prepare_out(out, replace=config.replace)
    if on_walk is not None:
        on_walk(f"auditing {start} ({config.viewport}) → {out}")
    obs = run_audit(start, config.settings(), out, executable=executable, progress=progress)
    result = judge_and_render(
        obs,
        out,
        profile=config.profile,
        as_of=config.as_of_text(),
        formats=list(config.formats),
        gates=wanted,
        artifact=artifact or config.artifact or DEFAULT_ARTIFACT,
        selection=selection_of(config),
        step_summary=config.step_summary,
    )
    if history is not None:
        from auditor.sweep.history import record_audit

        record_audit(history, result.report, result.files["json"])
    return result


def _history(url: str | None) -> Engine | None:
    """The audit-history database when ``history_db`` is set (DESIGN §10)."""
    if not url:
        return None
    from auditor.sweep.ledger import open_db

    return open_db(url)


def load_observations(path: Path) -> Observations:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ObservationsError(f"no such file: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ObservationsError(f"cannot read {path}: {exc}") from None
    try:
        return Observations.model_validate_json(text)
    except (ValidationError, ValueError) as exc:
        first = str(exc).splitlines()[0]
        raise ObservationsError(f"{path} is not an observations.json: {first}") from None


def rescore(observations: Path, config: AuditorConfig, *, artifact: str | None = None) -> RunResult:
    """Re-judge saved observations without a browser (another profile, another date)."""
    out = _out(config)
    obs = load_observations(observations)
    wanted = check_judging(config, obs.final_url or obs.start_url)
    if out.resolve() == observations.parent.resolve():
        raise OutputError(
            f"--out {out} holds the observations being rescored: choose another folder"
        )
    began = utc_now()
    prepare_out(out, replace=config.replace)
    return judge_and_render(
        obs,
        out,
        profile=config.profile,
        as_of=config.as_of_text(),
        formats=list(config.formats),
        gates=wanted,
        save_observations=False,
        artifact=artifact or config.artifact or DEFAULT_ARTIFACT,
        run="rescore",
        started_at=began,
        asset_dirs=[observations.parent],  # the screenshots stay with the original audit
        selection=selection_of(config),
        step_summary=config.step_summary,
    )


def judge_and_render(
    obs: Observations,
    out_dir: Path,
    *,
    profile: str = "generic",
    as_of: str | None = None,
    formats: list[str] | None = None,
    gates: Gates | None = None,
    thresholds: dict[str, float] | None = None,
    save_observations: bool = True,
    artifact: str | None = DEFAULT_ARTIFACT,
    run: str = "audit",
    started_at: str | None = None,
    asset_dirs: list[Path] | None = None,
    selection: Selection | None = None,
    step_summary: Path | None = None,
) -> RunResult:
    """Judge, write report.json and the other formats, then the manifest over them all."""
    from auditor.audit import write_observations

    out_dir.mkdir(parents=True, exist_ok=True)
    if save_observations:
        write_observations(obs, out_dir / "observations.json")
    report = judge_observations(
        obs, profile=profile, as_of=as_of, thresholds=thresholds, selection=selection
    )
    write_report_json(report, out_dir / "report.json")
    wanted = [f for f in (formats or ["json", "html"]) if f != "json"]
    # SARIF results point at the file that configured the audit, where CI can attach them.
    files = {
        "json": out_dir / "report.json",
        **render_all(
            report,
            out_dir,
            wanted,
            artifact=artifact,
            asset_dirs=asset_dirs,
            baseline=gates.baseline_report if gates else None,  # SARIF baselineState
        ),
    }
    files["manifest"] = write_manifest(
        out_dir,
        run=run,
        start_url=obs.start_url,
        final_url=obs.final_url,
        started_at=started_at or obs.started_at,
    )
    result = RunResult(report, out_dir, files, apply_gates(report, gates or Gates()))
    if step_summary is not None:
        append_step_summary(step_summary, report, result.gate_failures)
    return result
