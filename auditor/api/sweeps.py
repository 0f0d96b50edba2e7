"""A sweep: many start URLs audited with one configuration, resumable, locally or on Dask.

Each site gets a folder of its own (a complete run with its manifest).  The job ledger
(:mod:`auditor.sweep.ledger`) is the source of truth: the coordinator commits every state
change, hands a site to a worker only when no other site of its host is running, retries
infrastructure failures a bounded number of times, and rewrites sweep.csv, junit.xml,
sweep.html and sweep.json from the ledger after every site.  Killing it at any moment and
running the same command again resumes: finished sites stay, in-flight ones are queued
again into a cleared folder.
"""

from __future__ import annotations

import contextlib
import dataclasses
import shutil
import signal
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.api.evidence import check_out, prepare_out, utc_now, write_manifest
from auditor.api.gating import Gates
from auditor.api.gating import gates as apply_gates
from auditor.api.results import RunResult, SiteResult, SweepResult
from auditor.api.runs import check_judging
from auditor.api.targets import folder_name, read_url_list
from auditor.config import AuditorConfig
from auditor.errors import OutputError, UsageError
from auditor.progress import PageSink
from auditor.sweep.history import record_audit
from auditor.sweep.hosts import host_key
from auditor.sweep.ledger import Ledger, SiteRow, open_db, sqlite_url
from auditor.sweep.pool import Handle, make_pool
from auditor.sweep.tables import MARKER, Tables, load_report, read_marker

SiteHook = Callable[[int, int, str, Path], None]
DoneHook = Callable[[SiteResult], None]
POLL_S = 0.2
# After SIGINT/SIGTERM: how long running audits get to write their partial audits (each
# needs a few seconds to close its browser; a CI runner kills 10 s after SIGTERM).
WIND_DOWN_S = 8.0
LEDGER = "sweep.db"


@dataclass(frozen=True)
class Tally:
    """Where a sweep stands, for the progress line."""

    done: int
    failed: int
    infra: int
    running: int
    queued: int
    eta_s: float | None

    def line(self) -> str:
        eta = "—" if self.eta_s is None else f"{self.eta_s / 60:.1f} min"
        return (
            f"sweep: {self.done} done, {self.running} running, {self.failed} failed, "
            f"{self.infra} infra errors, {self.queued} queued; ETA {eta}"
        )


def sweep(
    urls: Path,
    config: AuditorConfig,
    *,
    progress: PageSink | None = None,
    on_start: SiteHook | None = None,
    on_done: DoneHook | None = None,
    on_tally: Callable[[Tally], None] | None = None,
) -> SweepResult:
    """Audit every URL of the list file into ``config.out``/<site>/, resuming a ledger."""
    from auditor.browser import find_chromium

    del progress  # pages are walked in worker processes; progress is per site
    targets = read_url_list(urls)
    if config.out is None:
        raise UsageError("give an output folder (--out, or `out` in the config)")
    out = config.out
    wanted = check_judging(config)
    find_chromium()
    ledger = _open_ledger(out, urls, targets, config)
    run = _Coordinator(ledger, out, config, on_start, on_tally)
    with _stopped_by_signals(run):
        run.run()
    result = _result(ledger, out, urls, wanted, run.files, run.began, on_done)
    return dataclasses.replace(result, interrupted=run.stopping)


@contextlib.contextmanager
def _stopped_by_signals(run: _Coordinator) -> Iterator[None]:
    """SIGINT and SIGTERM (Ctrl-C, a cancelled CI job) stop the sweep in order: the ledger,
    the tables and the manifest are written and say the sweep is incomplete."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signals reach only the main thread: a library caller stops it its own way
        return
    previous = {}
    for sig in (signal.SIGINT, signal.SIGTERM):
        previous[sig] = signal.signal(
            sig, lambda signum, _frame: run.stop(f"interrupted by {signal.Signals(signum).name}")
        )
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _open_ledger(out: Path, urls: Path, targets: list[str], config: AuditorConfig) -> Ledger:
    """The sweep's ledger: resumed from the folder's marker, or a fresh folder and sweep."""
    marker = read_marker(out) if out.is_dir() else None
    if marker is not None and not config.replace:
        engine = open_db(config.history_db or sqlite_url(out / LEDGER))
        ledger = Ledger(engine, str(marker["sweep"]))
        if not ledger.exists:
            raise OutputError(f"--out {out}: its {MARKER} names a sweep the ledger does not hold")
        listed = {r.url for r in ledger.rows()}
        if listed != set(targets):
            raise OutputError(
                f"--out {out} holds a sweep of another URL list: "
                "choose a new folder, or --replace to start over"
            )
        return ledger
    check_out(out, replace=config.replace)
    prepare_out(out, replace=config.replace)
    engine = open_db(config.history_db or sqlite_url(out / LEDGER))
    ledger = Ledger(engine, f"{out.resolve()}#{uuid.uuid4().hex[:12]}")
    taken: set[str] = set()
    unique = list(dict.fromkeys(targets))
    ledger.create(
        str(urls), config.profile, [(u, host_key(u), folder_name(u, taken)) for u in unique]
    )
    Tables(out, config.profile).write(ledger.rows(), complete=False, key=ledger.key)
    return ledger


class _Coordinator:
    """Hands out queued sites, polite per host, and records each outcome in the ledger."""

    def __init__(
        self,
        ledger: Ledger,
        out: Path,
        config: AuditorConfig,
        on_start: SiteHook | None,
        on_tally: Callable[[Tally], None] | None,
    ) -> None:
        self.ledger = ledger
        self.out = out
        self.config = config
        self.on_start = on_start
        self.on_tally = on_tally
        self.max_attempts = 1 + config.infra_retries
        self.timeout_s = config.time_limit + config.site_margin
        self.tables = Tables(out, config.profile)
        self.files: dict[str, Path] = {}
        self.began = utc_now()
        self.durations: list[float] = []
        self.capacity = 1
        self.stopping: str | None = None
        """Set by a signal: no site starts any more, running audits end as partial."""

    def stop(self, why: str) -> None:
        self.stopping = self.stopping or why

    def run(self) -> None:
        queue = self.ledger.requeue(self.max_attempts)
        total = len(self.ledger.rows())
        running: dict[int, tuple[Handle, SiteRow, float]] = {}
        pool = make_pool(self.config.workers, self.config.scheduler) if queue else None
        try:
            while (queue or running) and self.stopping is None:
                assert pool is not None
                self.capacity = pool.capacity()
                busy = {row.host for _, row, _ in running.values()}
                for row in list(queue):
                    if len(running) >= self.capacity:
                        break
                    if row.host in busy:
                        continue
                    queue.remove(row)
                    busy.add(row.host)
                    running[row.id] = (self._submit(pool, row), row, time.monotonic())
                    if self.on_start is not None:
                        self.on_start(row.position + 1, total, row.url, self.out / row.folder)
                    self._rewrite()
                time.sleep(POLL_S)
                for site_id, (handle, row, began) in list(running.items()):
                    overdue = time.monotonic() - began > self.timeout_s + 60
                    if not handle.done() and not overdue:
                        continue
                    del running[site_id]
                    outcome = self._outcome(handle, overdue)
                    again = self._record(row, outcome)
                    if again is not None:
                        queue.append(again)
                    self._rewrite()
            if self.stopping is not None and pool is not None:
                self._wind_down(pool, running)
        finally:
            if pool is not None:
                pool.close()
        if self.stopping is None:
            self.ledger.mark_complete(True)
        self._rewrite()

    def _wind_down(self, pool: Any, running: dict[int, tuple[Handle, SiteRow, float]]) -> None:
        """Ask the running audits to stop and wait (bounded) for their partial audits; each
        site is queued again, so the same command resumes it from scratch."""
        pool.interrupt()
        until = time.monotonic() + WIND_DOWN_S
        while running and time.monotonic() < until:
            for site_id, (handle, row, _) in list(running.items()):
                if handle.done():
                    del running[site_id]
                    self.ledger.interrupt(row.id, f"{self.stopping}: queued again")
            time.sleep(POLL_S)
        # Audits that did not end in time stay "running": the next run queues them again.

    def _submit(self, pool: Any, row: SiteRow) -> Handle:
        folder = self.out / row.folder
        if folder.exists():  # a half-written attempt: the ledger owns this folder
            shutil.rmtree(folder)
        site = AuditorConfig.model_validate(
            {
                **dict(self.config),
                "url": row.url,
                "out": folder,
                "replace": False,
                "history_db": None,
                "workers": 1,
                "scheduler": None,
            }
        ).model_dump(mode="json")
        self.ledger.start(row.id)
        job = {"config": site, "timeout_s": self.timeout_s, "artifact": self.config.artifact}
        handle: Handle = pool.submit(job, key=f"site-{row.id}-{row.attempts + 1}-{uuid.uuid4()}")
        return handle

    @staticmethod
    def _outcome(handle: Handle, overdue: bool) -> dict[str, Any]:
        if overdue and not handle.done():
            handle.cancel()
            return {"state": "infra_error", "error": "worker lost: no answer past the time limit"}
        try:
            got = handle.result()
        except Exception as exc:  # a lost worker, a killed process: the machine's fault
            return {"state": "infra_error", "error": f"worker lost: {type(exc).__name__} {exc}"}
        return dict(got) if isinstance(got, dict) else {"state": "infra_error", "error": "?"}

    def _record(self, row: SiteRow, outcome: dict[str, Any]) -> SiteRow | None:
        """The outcome in the ledger (and the history); the row again when it is retried."""
        state = str(outcome.get("state"))
        attempts = row.attempts + 1
        if state == "infra_error":
            if attempts < self.max_attempts:
                self.ledger.finish(row.id, "queued", error=str(outcome.get("error")))
                return next(r for r in self.ledger.rows() if r.id == row.id)
            self.ledger.finish(row.id, "infra_error", error=str(outcome.get("error")))
            return None
        report = load_report(outcome.get("result_path"))
        values: dict[str, object] = {
            "status": outcome.get("status"),
            "status_reason": outcome.get("status_reason"),
            "result_path": outcome.get("result_path"),
            "error": None,
        }
        if report is not None:
            from auditor.sweep.history import graded

            ok = graded(report.status)
            values["friction"] = report.score.friction if ok else None
            values["grade"] = report.score.grade if ok else None
            record_audit(self.ledger.engine, report, Path(str(outcome["result_path"])),
                         self.ledger.key)  # fmt: skip
        self.ledger.finish(row.id, "failed" if state == "failed" else "done", **values)
        if isinstance(outcome.get("wall_s"), int | float):
            self.durations.append(float(outcome["wall_s"]))
        return None

    def _rewrite(self) -> None:
        rows = self.ledger.rows()
        complete = self.ledger.complete()
        self.files = self.tables.write(rows, complete=complete, key=self.ledger.key)
        if self.on_tally is not None:
            self.on_tally(self._tally(rows))

    def _tally(self, rows: list[SiteRow]) -> Tally:
        count = {s: sum(r.state == s for r in rows) for s in
                 ("done", "failed", "infra_error", "running", "queued")}  # fmt: skip
        left = count["running"] + count["queued"]
        eta = None
        if self.durations and left:
            mean = sum(self.durations) / len(self.durations)
            eta = mean * left / max(1, self.capacity)
        return Tally(count["done"], count["failed"], count["infra_error"], count["running"],
                     count["queued"], eta)  # fmt: skip


def _result(
    ledger: Ledger,
    out: Path,
    urls: Path,
    wanted: Gates,
    files: dict[str, Path],
    began: str,
    on_done: DoneHook | None,
) -> SweepResult:
    sites: list[SiteResult] = []
    infra: list[str] = []
    for row in ledger.rows():
        report = load_report(row.result_path) if row.state in ("done", "failed") else None
        if report is None:
            infra.append(row.url)
            continue
        run = RunResult(report, out / row.folder, {"json": Path(str(row.result_path))},
                        apply_gates(report, wanted))  # fmt: skip
        sites.append(SiteResult(row.url, run))
        if on_done is not None:
            on_done(sites[-1])
    files = dict(files)
    ledger.engine.dispose()  # SQLite folds its WAL back: the manifest hashes settled files
    files["manifest"] = write_manifest(
        out, run="sweep", start_url=str(urls), final_url=None, started_at=began
    )
    return SweepResult(out, sites, files, infra_errors=infra)


def replace_config(config: AuditorConfig, **changes: object) -> AuditorConfig:
    """A copy with some keys changed, validated like any other configuration."""
    return AuditorConfig.model_validate({**dict(config), **changes})


__all__ = ["Tally", "replace_config", "sweep"]
