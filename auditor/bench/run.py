"""`auditor bench`: the auditor against the naive baseline on a generated 300-page site.

Each run is a child process; CPU time comes from the kernel's accounting of the whole
reaped process tree (getrusage of children), peak memory from sampling the RSS of the
child and all its descendants every 50 ms.  Figures, not a timed test.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import threading
import time
from dataclasses import dataclass

import psutil

from auditor.bench.generate import generate
from auditor.demo.serve import StaticServer


@dataclass
class Run:
    mode: str
    pages: int
    wall: float
    cpu_s: float
    peak_rss_mb: float
    peak_pss_mb: float
    extra: dict[str, object]

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.wall if self.wall else 0.0

    @property
    def cpu_ms_per_page(self) -> float:
        return self.cpu_s * 1000 / self.pages if self.pages else 0.0


def _tree(proc: psutil.Process) -> list[psutil.Process]:
    try:
        return [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return []


def _tree_rss(procs: list[psutil.Process]) -> int:
    total = 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            continue
    return total


def _tree_pss(procs: list[psutil.Process]) -> int:
    """RSS counts pages shared between Chromium's processes once per process; PSS splits
    them, so the PSS sum is the tree's real footprint.  Reading it walks every mapping,
    so it is sampled less often than RSS (the sampler must not slow what it measures)."""
    total = 0
    for p in procs:
        try:
            info = p.memory_full_info()
        except (psutil.Error, AttributeError):
            continue
        total += getattr(info, "pss", info.rss)
    return total


def measure(mode: str, url: str, max_pages: int, parallel: int) -> Run:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    cmd = [
        sys.executable,
        "-m",
        "auditor.bench.one",
        "--mode",
        mode,
        "--url",
        url,
        "--max-pages",
        str(max_pages),
        "--parallel",
        str(parallel),
    ]
    began = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    peak_rss = peak_pss = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak_rss, peak_pss
        proc = psutil.Process(child.pid)
        tick = 0
        procs: list[psutil.Process] = []
        while not stop.is_set():
            # Finding the tree reads every process on the machine: twice a second is
            # enough to catch new renderers, whose memory is then read ten times a second.
            if tick % 5 == 0:
                procs = _tree(proc)
            peak_rss = max(peak_rss, _tree_rss(procs))
            if tick % 20 == 0:
                peak_pss = max(peak_pss, _tree_pss(procs))
            tick += 1
            stop.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = child.communicate()
    stop.set()
    sampler.join()
    wall_outer = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if child.returncode != 0:
        raise RuntimeError(f"bench {mode} run failed (exit {child.returncode})")
    data = json.loads(out.strip().splitlines()[-1])
    wall = float(data.get("wall", wall_outer))
    return Run(mode, int(data["pages"]), wall, cpu, peak_rss / 2**20, peak_pss / 2**20, data)


def run_bench(pages: int = 320, rounds: int = 1, parallel: int = 4, baseline: bool = True) -> int:
    products = max(10, pages - 120)
    site = generate(products=products, posts=80)
    budget = site.pages + 20
    html_bytes = sum(len(v) for k, v in site.files.items() if k.endswith(".html"))
    mean_kb = html_bytes / site.pages / 1000
    print(f"bench: generated site of {site.pages} pages ({mean_kb:.0f} KB mean)")
    ours: list[Run] = []
    naive: list[Run] = []
    with StaticServer(files=site.files) as server:
        url = server.url + "/"
        for r in range(rounds):
            ours.append(measure("auditor", url, budget, parallel))
            _report("auditor", r, ours[-1])
            if baseline:
                naive.append(measure("baseline", url, min(budget, 120), 1))
                _report("baseline", r, naive[-1])
    best = max(ours, key=lambda x: x.pages_per_s)
    truth = best.extra.get("truth", {})
    ok = bool(isinstance(truth, dict) and truth.get("ok"))
    line = (
        f"bench: pages_per_s={best.pages_per_s:.2f} cpu_ms_per_page={best.cpu_ms_per_page:.0f} "
        f"pages_to_contact={best.extra.get('pages_to_contact')} wall_s={best.wall:.1f} "
        f"peak_rss_mb={best.peak_rss_mb:.0f} peak_pss_mb={best.peak_pss_mb:.0f} "
        f"pages={best.pages} correct={str(ok).lower()}"
    )
    if naive:
        base = max(naive, key=lambda x: x.pages_per_s)
        line += (
            f" baseline_pages_per_s={base.pages_per_s:.2f} "
            f"baseline_cpu_ms_per_page={base.cpu_ms_per_page:.0f} "
            f"baseline_peak_rss_mb={base.peak_rss_mb:.0f} "
            f"baseline_peak_pss_mb={base.peak_pss_mb:.0f} "
            f"speedup={best.pages_per_s / base.pages_per_s:.2f} "
            f"cpu_ratio={base.cpu_ms_per_page / max(best.cpu_ms_per_page, 1e-9):.2f}"
        )
    if isinstance(truth, dict):
        print(f"bench: correctness {json.dumps(truth.get('checks'))}")
    print(line)
    return 0 if ok else 1


def _report(mode: str, r: int, run: Run) -> None:
    print(
        f"bench: round {r + 1} {mode:8} pages={run.pages} wall={run.wall:.1f}s "
        f"pages/s={run.pages_per_s:.2f} cpu_ms/page={run.cpu_ms_per_page:.0f} "
        f"peak_rss={run.peak_rss_mb:.0f}MB peak_pss={run.peak_pss_mb:.0f}MB",
        flush=True,
    )
