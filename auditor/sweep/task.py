"""One site of a sweep, audited in a child process with a hard time limit.

The task runs on a worker (a thread of the coordinator, or a Dask worker anywhere); the
audit itself runs in a process of its own (forked by the worker's warm zygote,
:mod:`auditor.sweep.zygote`, else ``python -m auditor.sweep.child``), in its own process
group, so an overrun kills exactly that audit and its browser, and a crashed browser
cannot take the worker down.  The outcome separates results (the site was unreachable,
answered 4xx, put up a bot wall: state ``done``/``failed``, never retried) from
infrastructure failures (browser crash, child killed, time limit overrun:
``infra_error``, retried by the coordinator a bounded number of times).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from auditor.sweep.zygote import Zygote, ZygoteLost

# After an overrun is killed: how long the zygote may take to say so.
PID_WAIT_S = 10.0

BROWSER_CRASH = "the browser crashed or was closed"
"""The walk's own words (auditor/audit.py) when the browser went away under it."""

Job = dict[str, Any]
Outcome = dict[str, Any]


# The audits this process is running (process-group ids), so a stopping sweep can ask
# each to end early.
_LIVE: set[int] = set()
_LIVE_LOCK = threading.Lock()
_ZYGOTES = threading.local()
_EVERY_ZYGOTE: list[Zygote] = []


def interrupt_audits(signum: int = signal.SIGTERM) -> int:
    """Ask every audit this process started to stop: each writes what it saw as a partial
    audit and exits (the audit's own SIGTERM handling).  Runs on the coordinator, or on
    each Dask worker through ``Client.run``; the number of audits asked."""
    with _LIVE_LOCK:
        groups = list(_LIVE)
    for group in groups:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(group, signum)
    return len(groups)


def _kill_group(group: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(group, signal.SIGKILL)


def run_site(job: Job) -> Outcome:
    """Audit ``job['config']`` in an audit process of its own (forked by this thread's
    zygote, else started afresh); an outcome dict whatever happens to that process."""
    job = {**job, "parent": os.getpid()}
    zygote = _zygote()
    if zygote is not None:
        try:
            return _run_forked(zygote, job)
        except ZygoteLost:
            zygote.close()
            _ZYGOTES.zygote = None  # the next job starts a new one
    return _run_fresh(job)


def _zygote() -> Zygote | None:
    found: Zygote | None = getattr(_ZYGOTES, "zygote", None)
    if found is not None and found.alive():
        return found
    try:
        started = Zygote()
    except (OSError, ZygoteLost, TimeoutError):
        _ZYGOTES.zygote = None
        return None
    _ZYGOTES.zygote = started
    with _LIVE_LOCK:
        _EVERY_ZYGOTE.append(started)
    return started


def close_zygotes() -> None:
    """End this process's zygotes (a pool that closes leaves no process behind; an audit a
    zygote forked ends by itself once its zygote is gone)."""
    with _LIVE_LOCK:
        zygotes = list(_EVERY_ZYGOTE)
        _EVERY_ZYGOTE.clear()
    for zygote in zygotes:
        zygote.close()


@contextlib.contextmanager
def _live(group: int) -> Iterator[None]:
    """An audit process group while it runs: a stopping sweep can signal it, and whatever
    is left of it (its browser, if it outlived the audit) is killed when it ends."""
    with _LIVE_LOCK:
        _LIVE.add(group)
    try:
        yield
    finally:
        with _LIVE_LOCK:
            _LIVE.discard(group)
        _kill_group(group)


def _overrun(limit: float) -> Outcome:
    return {"state": "infra_error", "error": f"time limit of {limit:.0f} s overrun: killed"}


def _run_forked(zygote: Zygote, job: Job) -> Outcome:
    limit = float(job["timeout_s"])
    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="cfa-site-") as tmp:
        files = Path(tmp)
        pid = zygote.start(job, files)
        with _live(pid):
            code = zygote.wait(limit)
            if code is None:
                _kill_group(pid)
                zygote.wait(PID_WAIT_S)
                return _overrun(limit)
        out, err = _text(files / "outcome.jsonl"), _text(files / "stderr.txt")
    return _outcome(code, out, err, round(time.monotonic() - began, 3))


def _text(path: Path) -> str:
    """What an audit process wrote (nothing, when it died before it could open the file)."""
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return ""


def _run_fresh(job: Job) -> Outcome:
    limit = float(job["timeout_s"])
    began = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "auditor.sweep.child"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    with _live(proc.pid):
        try:
            out, err = proc.communicate(json.dumps(job), timeout=limit)
        except subprocess.TimeoutExpired:
            _kill_group(proc.pid)
            proc.wait()
            return _overrun(limit)
    return _outcome(proc.returncode, out, err, round(time.monotonic() - began, 3))


def _outcome(code: int, out: str, err: str, wall: float) -> Outcome:
    """What the audit process said, or why it said nothing (an infrastructure failure)."""
    lines = [line for line in out.splitlines() if line.startswith("{")]
    if code != 0 or not lines:
        tail = (err.strip().splitlines() or [""])[-1][:300]
        how = f"killed by signal {-code}" if code < 0 else "crashed"
        return {
            "state": "infra_error",
            "error": f"audit process {how} (exit {code}) {tail}".strip(),
            "wall_s": wall,
        }
    outcome: Outcome = json.loads(lines[-1])
    outcome["wall_s"] = wall
    return outcome


def classify(status: str, reason: str) -> str:
    """The ledger state of a finished audit: a crash under the walk is the machine's fault."""
    if BROWSER_CRASH in reason:
        return "infra_error"
    return "failed" if status == "failed" else "done"


__all__ = [
    "BROWSER_CRASH",
    "Job",
    "Outcome",
    "classify",
    "close_zygotes",
    "interrupt_audits",
    "run_site",
]
