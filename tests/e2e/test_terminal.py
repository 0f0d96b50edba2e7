"""The terminal (issue 16, criterion 6): a live display on a terminal, plain lines in CI.

One test runs ``auditor audit`` on a real pseudo-terminal (the ``pty`` module) and reads
what a person would see; the other runs it under ``CI=true`` with stderr in a pipe.  Both
walk a fixture site on 127.0.0.1 with a page budget small enough to run out, and both
must end with the line that names that budget.
"""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import SITES_DIR
from tests.support.siteserver import SiteServer

pytestmark = pytest.mark.browser

STYLE = re.compile(r"\x1b\[[0-9;]*m")
CONTROL = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r")
BUDGET = 3


def _args(url: str, out: Path) -> list[str]:
    return [
        sys.executable, "-m", "auditor", "audit", url, "--out", str(out),
        "--viewport", "desktop", "--max-pages", str(BUDGET), "--no-screenshots",
        "--format", "json",
    ]  # fmt: skip


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_STEP_SUMMARY")}
    env.update(COLUMNS="160", TERM="xterm-256color", **extra)
    return env


def _read_pty(fd: int, proc: subprocess.Popen[bytes], timeout: float) -> str:
    chunks: list[bytes] = []
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                data = os.read(fd, 65536)
            except OSError:  # the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    return b"".join(chunks).decode("utf-8", "replace")


def test_a_terminal_shows_a_live_bar_with_budget_depth_time_and_milestones(
    tmp_path: Path,
) -> None:
    with SiteServer(SITES_DIR / "en-good") as server:
        leader, follower = pty.openpty()
        proc = subprocess.Popen(
            _args(server.url + "/", tmp_path / "out"),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=follower,
            env=_env(),
        )
        os.close(follower)
        try:
            raw = _read_pty(leader, proc, 240)
            stdout = proc.communicate(timeout=60)[0].decode()
        finally:
            os.close(leader)
            if proc.poll() is None:
                proc.kill()
    assert "\x1b[" in raw, "no terminal control codes: the rich display did not run"
    screen = CONTROL.sub("\n", STYLE.sub("", raw))
    assert re.search(rf"desktop\s.*\b\d+/{BUDGET} pages", screen), screen[-2000:]
    assert re.search(r"depth \d", screen)
    assert re.search(r"\d:\d\d:\d\d", screen), "no elapsed time"
    assert re.search(r"contact@≥0", screen), "the phone on the start page (en-good) not shown"
    assert f"page budget of {BUDGET} reached on desktop" in screen
    assert "status" in stdout and "clicks:" in stdout  # the headline stays on stdout


def test_ci_gets_quiet_plain_lines_and_the_budget_line(tmp_path: Path) -> None:
    with SiteServer(SITES_DIR / "en-good") as server:
        proc = subprocess.run(
            _args(server.url + "/", tmp_path / "out"),
            capture_output=True,
            text=True,
            env=_env(CI="true"),
            timeout=240,
        )
    assert proc.returncode in (0, 1), proc.stderr
    err = proc.stderr
    assert "\x1b[" not in err, "control codes in a CI log"
    assert re.search(rf"^desktop page 1/{BUDGET} depth 0 \d+s 200 http", err, re.M), err
    assert f"page budget of {BUDGET} reached on desktop" in err
    assert len(err.splitlines()) <= 12, err  # quiet: a few lines, not one per event
