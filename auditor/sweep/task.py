"""One site of a sweep, audited in a child process with a hard time limit.

The task runs on a worker (a thread of the coordinator, or a Dask worker anywhere); the
audit itself runs in ``python -m auditor.sweep.child`` in its own process group, so an
overrun kills exactly that audit and its browser, and a crashed browser cannot take the
worker down.  The outcome separates results (the site was unreachable, answered 4xx, put
up a bot wall: state ``done``/``failed``, never retried) from infrastructure failures
(browser crash, child killed, time limit overrun: ``infra_error``, retried by the
coordinator a bounded number of times).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from typing import Any

BROWSER_CRASH = "the browser crashed or was closed"
"""The walk's own words (auditor/audit.py) when the browser went away under it."""

Job = dict[str, Any]
Outcome = dict[str, Any]


# The audits this process is running, so a stopping sweep can ask each to end early.
_LIVE: set[subprocess.Popen[str]] = set()
_LIVE_LOCK = threading.Lock()


def interrupt_audits(signum: int = signal.SIGTERM) -> int:
    """Ask every audit this process started to stop: each writes what it saw as a partial
    audit and exits (the audit's own SIGTERM handling).  Runs on the coordinator, or on
    each Dask worker through ``Client.run``; the number of audits asked."""
    with _LIVE_LOCK:
        procs = list(_LIVE)
    for proc in procs:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signum)
    return len(procs)


def _kill_group(proc: subprocess.Popen[str]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def run_site(job: Job) -> Outcome:
    """Audit ``job['config']`` in a child; an outcome dict whatever happens to the child."""
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
    with _LIVE_LOCK:
        _LIVE.add(proc)
    try:
        out, err = proc.communicate(json.dumps({**job, "parent": os.getpid()}), timeout=limit)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        return {"state": "infra_error", "error": f"time limit of {limit:.0f} s overrun: killed"}
    finally:
        with _LIVE_LOCK:
            _LIVE.discard(proc)
        if proc.poll() is None:
            _kill_group(proc)
    wall = round(time.monotonic() - began, 3)
    lines = [line for line in out.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        tail = (err.strip().splitlines() or [""])[-1][:300]
        how = f"killed by signal {-proc.returncode}" if proc.returncode < 0 else "crashed"
        return {
            "state": "infra_error",
            "error": f"audit process {how} (exit {proc.returncode}) {tail}".strip(),
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


__all__ = ["BROWSER_CRASH", "Job", "Outcome", "classify", "interrupt_audits", "run_site"]
