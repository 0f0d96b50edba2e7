"""`auditor bench --sweep`: sites per hour of a sweep, sequential vs workers vs Dask.

N generated brand sites are served on loopback, one port each, every answer delayed by
``latency`` seconds as on the internet: a walk then mostly waits, which is what parallel
workers buy back.  The same list is swept one site at a time, with ``--workers K`` (a Dask
LocalCluster inside the sweep), and on a separate Dask LocalCluster through
``--scheduler``; one more sweep is killed (SIGKILL) after some sites and run again, and
must finish without auditing a finished site twice.  Every sweep runs as its own
``auditor sweep`` process, like a user's; memory is sampled per audit process tree (the
audit, its browser, and the worker that runs it).
"""

from __future__ import annotations

import contextlib
import csv
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

from auditor.bench.generate import generate
from auditor.demo.serve import LoggedRequest, StaticServer

# 25 pages: the contact page sits 4 clicks deep behind one of several help categories, and
# a parallel walk under load may take 15 loads to find it; the bench measures sites per
# hour of audits that reach it, not how a budget cuts a walk short.
SWEEP_FLAGS = ("--viewport", "desktop", "--max-pages", "25", "--no-screenshots",
               "--format", "json,html", "--time-limit", "120")  # fmt: skip


class CountingServer(StaticServer):
    """A bench site that counts what it answered: a re-audited site shows up here."""

    def __init__(self, files: dict[str, bytes], latency: float) -> None:
        super().__init__(files=files, latency=latency)
        self.answered = 0

    def record(self, entry: LoggedRequest) -> None:
        super().record(entry)
        with self._lock:
            self.answered += 1


@dataclass
class SweepRun:
    wall: float
    peak_rss_mb: float
    peak_pss_mb: float
    rows: list[dict[str, str]]

    def per_hour(self, sites: int) -> float:
        return sites * 3600 / self.wall if self.wall else 0.0


class _Sampler:
    """Peak RSS of one worker: its audit process, the browser under it, and its parent
    when that is a worker process rather than the sweep's coordinator."""

    def __init__(self, coordinator: int) -> None:
        self.coordinator = coordinator
        self.peak = 0
        # RSS counts the pages a fork shares with its zygote twice; PSS shares them out.
        self.peak_pss = 0
        self._ticks = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> _Sampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        # One scan of the process table per tick builds every audit's tree: asking each
        # audit for its children would scan the table once per audit, and on two cores
        # the sampler's own CPU is taken from the sweep it measures.
        while not self._stop.is_set():
            procs = list(psutil.process_iter(["ppid", "cmdline"]))
            kids: dict[int, list[psutil.Process]] = {}
            for proc in procs:
                kids.setdefault(proc.info["ppid"] or 0, []).append(proc)
            for proc in procs:
                if any("auditor.sweep.child" in part for part in proc.info["cmdline"] or []):
                    members = self._members(proc, kids)
                    self.peak = max(self.peak, self._sum(members, pss=False))
                    if self._ticks % 4 == 0:  # reading smaps is slow: every 2 s
                        self.peak_pss = max(self.peak_pss, self._sum(members, pss=True))
            self._ticks += 1
            self._stop.wait(0.5)

    def _members(
        self, proc: psutil.Process, kids: dict[int, list[psutil.Process]]
    ) -> list[psutil.Process]:
        members, todo = [], [proc]
        while todo:
            member = todo.pop()
            members.append(member)
            todo.extend(kids.get(member.pid, []))
        parent = proc.info["ppid"]
        if parent and parent != self.coordinator:
            with contextlib.suppress(psutil.Error):
                members.append(psutil.Process(parent))
        return members

    @staticmethod
    def _sum(members: list[psutil.Process], *, pss: bool) -> int:
        total = 0
        for p in members:
            try:
                info = p.memory_full_info() if pss else p.memory_info()
                total += int(getattr(info, "pss", 0)) if pss else info.rss
            except psutil.Error:
                continue
        return total


def _command(urls: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "auditor", "sweep", str(urls), "--out", str(out),
            *SWEEP_FLAGS, *extra]  # fmt: skip


def _env() -> dict[str, str]:
    root = str(Path(__file__).resolve().parents[2])
    path = os.environ.get("PYTHONPATH", "")
    return {**os.environ, "CI": "true", "PYTHONPATH": f"{root}:{path}" if path else root}


def run_sweep(urls: Path, out: Path, *extra: str) -> SweepRun:
    began = time.perf_counter()
    cmd = _command(urls, out, *extra)
    proc = subprocess.Popen(
        cmd, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    with _Sampler(proc.pid) as sampler:
        _, err = proc.communicate()
    wall = time.perf_counter() - began
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"bench sweep failed (exit {proc.returncode}): {err[-500:]}")
    return SweepRun(wall, sampler.peak / 2**20, sampler.peak_pss / 2**20, _table(out))


def _table(out: Path) -> list[dict[str, str]]:
    with (out / "sweep.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _ledger(out: Path) -> list[dict[str, Any]]:
    with sqlite3.connect(out / "sweep.db", timeout=10) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute("select * from sweep_sites order by position")]


def kill_and_resume(urls: Path, out: Path, servers: list[CountingServer], workers: int) -> bool:
    """SIGKILL a sweep once some sites are done; the re-run must finish the rest only."""
    cmd = _command(urls, out, "--workers", str(workers))
    proc = subprocess.Popen(cmd, env=_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 600
    done: list[int] = []
    while time.monotonic() < deadline and proc.poll() is None:
        if (out / "sweep.json").exists():
            rows = _ledger(out)
            done = [i for i, r in enumerate(rows) if r["state"] == "done"]
            if len(done) >= max(1, len(rows) // 3):
                break
        time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    time.sleep(2.0)  # orphaned audits notice their worker is gone and end
    rows = _ledger(out)
    done = [i for i, r in enumerate(rows) if r["state"] == "done"]
    before = [s.answered for s in servers]
    again = subprocess.run(cmd, env=_env(), capture_output=True, text=True)
    after = [s.answered for s in servers]
    final = _ledger(out)
    folders = [p for p in out.iterdir() if p.is_dir()]
    table = _table(out)
    return (
        again.returncode in (0, 1)
        and all(r["state"] == "done" for r in final)
        and all(after[i] == before[i] and final[i]["attempts"] == 1 for i in done)
        and len(final) == len(servers) == len(folders) == len(table)
        and {t["sweep_complete"] for t in table} == {"true"}
        and bool(done)
        and len(done) < len(servers)
    )


def _correct(runs: list[SweepRun], sites: int) -> tuple[bool, str]:
    """Every sweep audited every site completely, reached the contact page, and agreed;
    else why not."""
    for name, run in zip(("sequential", "workers", "dask"), runs, strict=False):
        if len(run.rows) != sites:
            return False, f"{name}: {len(run.rows)} rows for {sites} sites"
        for r in run.rows:
            if r["status"] != "complete" or r["contact_clicks"] == "":
                why = f"{r['status']} {r.get('status_reason', '')}".strip()
                return False, f"{name}: {r['url']} {why}, contact clicks '{r['contact_clicks']}'"
    first = [(r["url"], r["grade"], r["contact_clicks"]) for r in runs[0].rows]
    for name, run in zip(("workers", "dask"), runs[1:], strict=False):
        got = [(r["url"], r["grade"], r["contact_clicks"]) for r in run.rows]
        if got != first:
            diff = [f"{a} vs {b}" for a, b in zip(first, got, strict=False) if a != b]
            return False, f"{name} disagrees with sequential: {diff[0]}"
    return True, ""


def run_sweep_bench(sites: int = 8, workers: int = 4, latency: float = 0.1) -> int:
    import distributed

    local: Any = distributed.LocalCluster  # distributed is untyped

    site = generate(products=12, posts=6, articles_per_category=3)
    print(f"bench-sweep: {sites} sites of {site.pages} pages, {latency * 1000:.0f} ms latency, "
          f"{workers} workers", flush=True)  # fmt: skip
    with ExitStack() as stack, tempfile.TemporaryDirectory(prefix="bench-sweep-") as tmp:
        base = Path(tmp)
        servers = [CountingServer(site.files, latency) for _ in range(sites)]
        for server in servers:
            stack.enter_context(server)
        urls = base / "urls.txt"
        urls.write_text("".join(f"{s.url}/\n" for s in servers), encoding="utf-8")
        seq = run_sweep(urls, base / "sequential")
        print(f"bench-sweep: sequential {seq.wall:.1f}s", flush=True)
        par = run_sweep(urls, base / "workers", "--workers", str(workers))
        print(f"bench-sweep: --workers {workers} {par.wall:.1f}s", flush=True)
        cluster: Any = stack.enter_context(
            local(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                memory_limit="1GiB",
                dashboard_address=None,
                silence_logs=50,
            )
        )
        dask = run_sweep(urls, base / "dask", "--scheduler", str(cluster.scheduler_address))
        print(f"bench-sweep: --scheduler {dask.wall:.1f}s", flush=True)
        resumed = kill_and_resume(urls, base / "resume", servers, workers)
        ok, why = _correct([seq, par, dask], sites)
        if why:
            print(f"bench-sweep: not correct: {why}", flush=True)
        peak = max(par.peak_rss_mb, dask.peak_rss_mb, seq.peak_rss_mb)
        peak_pss = max(par.peak_pss_mb, dask.peak_pss_mb, seq.peak_pss_mb)
    s_rate, w_rate, d_rate = (r.per_hour(sites) for r in (seq, par, dask))
    print(
        f"bench-sweep: sites={sites} sequential_sites_per_hour={s_rate:.0f} "
        f"workers_sites_per_hour={w_rate:.0f} speedup={w_rate / s_rate:.2f} "
        f"dask_sites_per_hour={d_rate:.0f} dask_speedup={d_rate / s_rate:.2f} "
        f"peak_rss_mb_per_worker={peak:.0f} peak_pss_mb_per_worker={peak_pss:.0f} "
        f"resumed_ok={str(resumed).lower()} "
        f"correct={str(ok).lower()}",
        flush=True,
    )
    return 0 if ok and resumed else 1
