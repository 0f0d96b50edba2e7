"""Fault matrix, interrupted runs (issue 13, criterion 6, the walk's side).

SIGINT, SIGTERM (a cancelled CI job) or a Chromium crash in the middle of an audit must
end within 10 s with the partial observations and report written (status partial, the
reason stated), exit 3, and no Chromium left behind.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from tests.faults.servers import FaultServer, Reply, page

pytestmark = pytest.mark.browser

ENDS_WITHIN_S = 10.0
PAGES = 200


def _slow_site(path: str, n: int) -> Reply:
    """Many pages, each a little slow: the walk is still busy when the signal comes."""
    if path.startswith("/robots.txt"):
        return Reply("", status=404)
    time.sleep(0.4)
    here = int(path.strip("/p.html") or 0) if path.startswith("/p") else 0
    links = " ".join(f"<a href='/p{i}.html'>Page {i}</a>" for i in range(here + 1, here + 8))
    contact = "<a href='/contact.html'>Contact us</a>" if path == "/" else ""
    if path.startswith("/contact"):
        return page("<h1>Contact us</h1><p>Call 020 7946 0000.</p>", title="Contact us")
    return page(f"<h1>Page {here}</h1>{contact} {links}")


@pytest.fixture
def slow_site() -> Iterator[FaultServer]:
    with FaultServer(_slow_site) as server:
        yield server


def _start(url: str, out: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "auditor",
            "audit",
            url,
            "--out",
            str(out),
            "--time-limit",
            "120",
            "--max-pages",
            str(PAGES),
            "--region",
            "GB",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, CI="true"),
    )


def _chromium(proc: subprocess.Popen[str]) -> list[psutil.Process]:
    kids = psutil.Process(proc.pid).children(recursive=True)
    return [k for k in kids if "chrom" in k.name().lower()]


def _walking(proc: subprocess.Popen[str], server: FaultServer) -> list[psutil.Process]:
    """Wait until the walk is under way (a few pages served); the browser's processes."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if sum(server.counts.values()) >= 4:
            browsers = _chromium(proc)
            if browsers:
                return browsers
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.2)
    raise AssertionError("the walk never started")


def _ends_partial(proc: subprocess.Popen[str], out: Path, sent: float) -> dict[str, object]:
    try:
        _, stderr = proc.communicate(timeout=ENDS_WITHIN_S + 20)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise
    took = time.monotonic() - sent
    assert took < ENDS_WITHIN_S, f"ended {took:.1f}s after the interruption"
    assert proc.returncode == 3, stderr
    assert "Traceback" not in stderr, stderr
    observations = json.loads((out / "observations.json").read_text())
    report = json.loads((out / "report.json").read_text())
    assert observations["status"] == "partial" and report["status"] == "partial"
    pages = sum(len(w["pages"]) for w in observations["walks"])
    assert pages >= 1, "what was walked before the interruption is kept"
    assert "partial" in stderr
    return observations


def _none_left(browsers: list[psutil.Process]) -> None:
    time.sleep(0.5)
    alive = []
    for p in browsers:
        try:
            if p.is_running() and p.status() != psutil.STATUS_ZOMBIE:
                alive.append(p.pid)
        except psutil.NoSuchProcess:
            continue
    assert not alive, f"Chromium processes left behind: {alive}"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_ends_the_audit_with_a_partial_report(
    slow_site: FaultServer, tmp_path: Path, sig: signal.Signals
) -> None:
    proc = _start(slow_site.url + "/", tmp_path)
    browsers = _walking(proc, slow_site)
    time.sleep(1.0)
    sent = time.monotonic()
    proc.send_signal(sig)
    observations = _ends_partial(proc, tmp_path, sent)
    assert f"interrupted by {sig.name}" in str(observations["status_reason"])
    _none_left(browsers)


def test_a_browser_crash_ends_the_audit_with_a_partial_report(
    slow_site: FaultServer, tmp_path: Path
) -> None:
    proc = _start(slow_site.url + "/", tmp_path)
    browsers = _walking(proc, slow_site)
    time.sleep(1.0)
    main = [p for p in browsers if not any(a.startswith("--type=") for a in p.cmdline())]
    assert main, "the browser's main process"
    sent = time.monotonic()
    main[0].kill()
    observations = _ends_partial(proc, tmp_path, sent)
    assert "browser" in str(observations["status_reason"])
    _none_left(browsers)
