"""One warm process per sweep worker that forks a fresh audit process for each site.

An audit process spends about a third of its CPU importing the auditor (Playwright,
pydantic models, the rules, the report templates) before it loads a single page; in a
sweep of thousands of sites that is hours of a worker's time.  The zygote
(``python -m auditor.sweep.child --zygote``) imports all of it once, fills the caches a
first audit would fill (:mod:`auditor.sweep.warmup`), and then, per job,
forks: the fork is an audit process of its own, exactly as before — its own process
group (an overrun or a stop signal reaches it and its browser only), its outcome
line in a file, a watchdog that ends it when the worker that asked for it is gone — only
without the import.  The zygote holds no threads and no event loop, so forking it is
safe; it runs one job at a time and reports the fork's pid, then its exit status, as
JSON lines on stdout.

If the zygote cannot start or dies, :mod:`auditor.sweep.task` starts a plain
``python -m auditor.sweep.child`` instead: the zygote saves time, it is never needed.
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import IO, Any

# The modules every audit imports: loaded once in the zygote, shared by every fork.
PRELOAD = ("auditor.api.runs", "auditor.audit", "reports.build", "rules.catalogue")
READY_TIMEOUT_S = 60.0
PID_TIMEOUT_S = 10.0


def serve() -> int:
    """The zygote's loop: a job line in, a fork per job, ``{"pid"}`` then ``{"exit"}`` out."""
    import importlib

    for name in PRELOAD:
        importlib.import_module(name)
    from auditor.sweep.warmup import warm_up

    warm_up()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a sweep stops its audits, not its zygotes
    _emit({"ready": True})
    for line in sys.stdin:
        if not line.strip():
            continue
        job = json.loads(line)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            os._exit(_forked(job))
        # Its own process group before anyone is told its pid (the fork does the same:
        # whichever runs first, the group exists when the worker may signal it).
        with contextlib.suppress(OSError):
            os.setpgid(pid, pid)
        _emit({"pid": pid})
        _, status = os.waitpid(pid, 0)
        _emit({"exit": os.waitstatus_to_exitcode(status)})
    return 0


def _emit(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def _forked(job: dict[str, Any]) -> int:
    """In the fork: become an audit process of its own, then audit."""
    code = 1
    try:
        with contextlib.suppress(OSError):
            os.setpgid(0, 0)
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, signal.SIG_DFL)
        _redirect(0, os.devnull, os.O_RDONLY)
        _redirect(1, str(job["outcome_file"]), os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        _redirect(2, str(job["stderr_file"]), os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        from auditor.sweep.child import audit_job, watch_parent

        watch_parent(int(job["parent"]))

        code = audit_job(job)
    except BaseException as exc:  # a fork must never return into the zygote's loop
        with contextlib.suppress(Exception):
            sys.stderr.write(f"{type(exc).__name__}: {exc}\n")
        code = 1
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
    return code


def _redirect(fd: int, path: str, flags: int) -> None:
    target = os.open(path, flags, 0o600)
    os.dup2(target, fd)
    os.close(target)


class ZygoteLost(Exception):
    """The zygote did not answer: the job goes to a plain audit process instead."""


class Zygote:
    """The worker's side: one zygote process, one job at a time (per thread)."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "auditor.sweep.child", "--zygote"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        assert self.proc.stdout is not None and self.proc.stdin is not None
        self._out: IO[bytes] = self.proc.stdout
        self._in: IO[bytes] = self.proc.stdin
        self._buffer = b""
        try:
            ready = self._read(READY_TIMEOUT_S).get("ready") is True
        except (TimeoutError, ZygoteLost, ValueError):
            ready = False
        if not ready:
            self.close()  # never left running behind a worker that gave up on it
            raise ZygoteLost("the zygote did not start")

    def alive(self) -> bool:
        return self.proc.poll() is None

    def start(self, job: dict[str, Any], files: Path) -> int:
        """Hand the zygote one job; the pid of the audit process it forked."""
        job = {
            **job,
            "outcome_file": str(files / "outcome.jsonl"),
            "stderr_file": str(files / "stderr.txt"),
        }
        try:
            self._in.write(json.dumps(job).encode() + b"\n")
            self._in.flush()
        except (BrokenPipeError, OSError) as exc:
            raise ZygoteLost(f"the zygote is gone ({exc})") from None
        pid = self._read(PID_TIMEOUT_S).get("pid")
        if not isinstance(pid, int):
            raise ZygoteLost("the zygote forked no audit")
        return pid

    def wait(self, timeout: float) -> int | None:
        """The audit's exit code, or None when it did not end within ``timeout``."""
        try:
            code = self._read(timeout).get("exit")
        except TimeoutError:
            return None
        if not isinstance(code, int):
            raise ZygoteLost("the zygote lost its audit")
        return code

    def _read(self, timeout: float) -> dict[str, Any]:
        """The zygote's next line, read from the descriptor itself (a buffered reader could
        hold the next line where a select never sees it)."""
        deadline = time.monotonic() + timeout
        fd = self._out.fileno()
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            with selectors.DefaultSelector() as sel:
                sel.register(fd, selectors.EVENT_READ)
                if left <= 0 or not sel.select(left):
                    raise TimeoutError
            chunk = os.read(fd, 65536)
            if not chunk:
                raise ZygoteLost("the zygote ended")
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        message = json.loads(line)
        return message if isinstance(message, dict) else {}

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._in.close()
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()


__all__ = ["Zygote", "ZygoteLost", "serve"]
