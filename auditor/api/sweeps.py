"""A sweep: many start URLs audited one after another with one configuration.

Each site gets a folder of its own (a complete run with its manifest); the sweep folder
adds one CSV row and one JUnit suite per site, and a manifest over everything.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from auditor.api.evidence import check_out, prepare_out, utc_now, write_manifest
from auditor.api.results import SiteResult, SweepResult
from auditor.api.runs import audit, check_judging
from auditor.api.targets import folder_name, read_url_list
from auditor.config import AuditorConfig
from auditor.errors import UsageError
from auditor.progress import PageSink
from reports.csv import write_csv
from reports.junit import render_junit

SiteHook = Callable[[int, int, str, Path], None]
DoneHook = Callable[[SiteResult], None]


def sweep(
    urls: Path,
    config: AuditorConfig,
    *,
    progress: PageSink | None = None,
    on_start: SiteHook | None = None,
    on_done: DoneHook | None = None,
) -> SweepResult:
    """Audit every URL of the list file into ``config.out``/<site>/; write the tables."""
    from auditor.browser import find_chromium

    targets = read_url_list(urls)
    if config.out is None:
        raise UsageError("give an output folder (--out, or `out` in the config)")
    out = config.out
    check_judging(config)
    check_out(out, replace=config.replace)
    find_chromium()
    began = utc_now()
    prepare_out(out, replace=config.replace)
    taken: set[str] = set()
    sites: list[SiteResult] = []
    for i, url in enumerate(targets, 1):
        folder = out / folder_name(url, taken)
        if on_start is not None:
            on_start(i, len(targets), url, folder)
        site_config = replace_config(config, url=url, out=folder, replace=False)
        done = SiteResult(url, audit(site_config, progress=progress))
        sites.append(done)
        if on_done is not None:
            on_done(done)
    reports = [s.run.report for s in sites]
    files = {"csv": out / "sweep.csv", "junit": out / "junit.xml"}
    write_csv(reports, files["csv"])
    files["junit"].write_text(render_junit(reports), encoding="utf-8")
    files["manifest"] = write_manifest(
        out, run="sweep", start_url=str(urls), final_url=None, started_at=began
    )
    return SweepResult(out, sites, files)


def replace_config(config: AuditorConfig, **changes: object) -> AuditorConfig:
    """A copy with some keys changed, validated like any other configuration."""
    return AuditorConfig.model_validate({**dict(config), **changes})


__all__ = ["replace_config", "sweep"]
