"""Fault matrix, hangs: every wait is bounded by the time left (issue 13, criterion 3).

Each test serves one misbehaving site on 127.0.0.1 and checks that the audit ends within
its time limit plus a few seconds and records what happened.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from auditor.audit import run_audit
from auditor.derive import derive
from auditor.models import Observations, PageState, Settings
from tests.faults.servers import HANG, Answer, FaultServer, Handler, Reply, ScriptedServer, page

pytestmark = pytest.mark.browser

LIMIT_S = 8.0
# Browser start, closing tabs and the derive stage on top of the time limit.
SLACK_S = 7.0
HOME = (
    "<a href='/contact.html'>Contact us</a> <a href='/help.html'>Help</a> "
    "<a href='/about.html'>About</a>"
)
CONTACT = "<h1>Contact us</h1><p>Call 020 7946 0000 or write to help@shop.example.</p>"


def site(**special: Reply) -> Handler:
    """A small healthy site in which some paths misbehave."""

    def handler(path: str, n: int) -> Reply:
        key = path.split("?")[0]
        if key in special:
            return special[key]
        if key == "/":
            return page(HOME)
        if key == "/contact.html":
            return page(CONTACT, title="Contact us")
        if key in ("/help.html", "/about.html"):
            return page(f"<h1>{key}</h1><a href='/'>Home</a>", title=key)
        return Reply("not found", status=404, headers={"Content-Type": "text/plain"})

    return handler


@pytest.fixture
def serve() -> Iterator[list[FaultServer]]:
    started: list[FaultServer] = []
    yield started
    for server in started:
        server.__exit__(None, None, None)


def _audit(
    serve: list[FaultServer], handler: Handler, tmp_path: Path
) -> tuple[Observations, float]:
    server = FaultServer(handler).__enter__()
    serve.append(server)
    settings = Settings(max_pages=10, time_limit_s=LIMIT_S, region="GB", screenshots=True)
    began = time.monotonic()
    obs = run_audit(server.url + "/", settings, tmp_path)
    took = time.monotonic() - began
    assert took < LIMIT_S + SLACK_S, f"audit took {took:.1f}s with a {LIMIT_S:g}s limit"
    return obs, took


def _pages(obs: Observations, suffix: str) -> list[PageState]:
    return [p for w in obs.walks for p in w.pages if p.url.endswith(suffix)]


def test_a_start_page_that_never_answers_fails_within_the_limit(
    serve: list[FaultServer], tmp_path: Path
) -> None:
    obs, _ = _audit(serve, site(**{"/": HANG}), tmp_path)
    assert obs.status == "failed"
    assert "timeout" in obs.status_reason
    assert all(w.pages[0].error == "timeout" for w in obs.walks)


def test_a_meta_refresh_loop_on_the_start_page_is_recorded_as_a_loop(
    serve: list[FaultServer], tmp_path: Path
) -> None:
    loop = page("<p>Refreshing</p>", head="<meta http-equiv='refresh' content='0;url=/'>")
    obs, took = _audit(serve, site(**{"/": loop}), tmp_path)
    assert took < LIMIT_S + 2  # a loop is seen at once, not sat out to the limit
    starts = [w.pages[0] for w in obs.walks]
    assert starts and all(p.error == "navigation_loop" for p in starts)
    assert obs.status == "failed" and "navigation_loop" in obs.status_reason


def test_a_meta_refresh_loop_deeper_in_the_site_is_recorded_and_the_walk_goes_on(
    serve: list[FaultServer], tmp_path: Path
) -> None:
    loop = page("<p>Refreshing</p>", head="<meta http-equiv='refresh' content='0;url=/help.html'>")
    obs, _ = _audit(serve, site(**{"/help.html": loop}), tmp_path)
    looped = _pages(obs, "/help.html")
    assert looped and all(p.error == "navigation_loop" for p in looped)
    assert _pages(obs, "/about.html"), "pages after the loop are still walked"
    assert derive(obs).milestones["contact"].reached


def test_an_on_load_javascript_location_loop_is_recorded_as_a_loop(
    serve: list[FaultServer], tmp_path: Path
) -> None:
    loop = page("<script>location.href = '/help.html?r=' + Math.random();</script>")
    obs, took = _audit(serve, site(**{"/help.html": loop}), tmp_path)
    assert took < LIMIT_S + 2
    looped = _pages(obs, "/help.html")
    assert looped and all(p.error == "navigation_loop" for p in looped)
    assert _pages(obs, "/contact.html")


def test_a_busy_script_after_load_costs_one_page_not_the_audit(
    serve: list[FaultServer], tmp_path: Path
) -> None:
    busy = page(
        "<h1>Help</h1><script>addEventListener('load', () => setTimeout(() => "
        "{ while (true) {} }, 0));</script>"
    )
    obs, _ = _audit(serve, site(**{"/help.html": busy}), tmp_path)
    stuck = _pages(obs, "/help.html")
    assert stuck and all(p.error == "timeout" for p in stuck)
    # The stuck tab was replaced: the other pages of each viewport were still observed.
    for walk in obs.walks:
        assert any(p.url.endswith("/about.html") and p.error is None for p in walk.pages)


def test_a_busy_start_page_fails_within_the_limit(serve: list[FaultServer], tmp_path: Path) -> None:
    busy = page(HOME + "<script>setTimeout(() => { while (true) {} }, 0);</script>")
    obs, _ = _audit(serve, site(**{"/": busy}), tmp_path)
    assert all(w.pages[0].error == "timeout" for w in obs.walks)
    assert obs.status == "failed"


def test_pages_that_never_answer_deeper_in_the_site_end_as_a_partial_audit(
    serve: list[FaultServer], tmp_path: Path
) -> None:
    hang = {f"/{name}.html": HANG for name in ("help", "about")}
    many = "".join(f"<a href='/p{i}.html'>Page {i}</a> " for i in range(30))

    def handler(path: str, n: int) -> Reply:
        if path.startswith("/p"):
            return HANG
        return site(**hang)(path, n) if path != "/" else page(HOME + many)

    obs, _ = _audit(serve, handler, tmp_path)
    assert obs.status == "partial" and "time limit" in obs.status_reason
    assert _pages(obs, "/contact.html"), "what answered is kept"


def test_the_cli_honours_the_time_limit_on_a_hanging_site(
    serve: list[FaultServer], tmp_path: Path
) -> None:
    server = FaultServer(site(**{"/": HANG})).__enter__()
    serve.append(server)
    began = time.monotonic()
    done = subprocess.run(
        [
            *(sys.executable, "-m", "auditor", "audit", server.url + "/"),
            *("--out", str(tmp_path), "--time-limit", "4", "--viewport", "desktop"),
        ],
        capture_output=True,
        text=True,
        env=dict(os.environ, CI="true"),
        timeout=60,
    )
    took = time.monotonic() - began
    assert took < 4 + SLACK_S + 3, f"{took:.1f}s"  # + interpreter start and the reports
    assert done.returncode == 3, done.stderr
    assert "Traceback" not in done.stderr
    report = (tmp_path / "report.json").read_text()
    assert '"failed"' in report and "timeout" in report


def test_a_robots_txt_that_never_answers_ends_the_audit_within_the_limit(
    serve: list[FaultServer], tmp_path: Path
) -> None:
    obs, _ = _audit(serve, site(**{"/robots.txt": HANG}), tmp_path)
    assert obs.status == "failed", obs.status_reason
    assert "robots.txt" in obs.status_reason and "unreachable" in obs.status_reason
    assert not any(p.elements for w in obs.walks for p in w.pages)


def test_a_robots_txt_that_trickles_forever_ends_the_audit_within_the_limit(
    tmp_path: Path,
) -> None:
    def answer(path: str, handler: BaseHTTPRequestHandler) -> Answer | None:
        if path != "/robots.txt":
            return 200, {"Content-Type": "text/html"}, b"<title>Shop</title><p>Shop</p>"
        handler.send_response(200)
        handler.send_header("Content-Type", "text/plain")
        handler.end_headers()
        with contextlib.suppress(OSError):
            for _ in range(120):  # a byte a second: no read ever times out
                handler.wfile.write(b"#")
                handler.wfile.flush()
                time.sleep(1.0)
        return None

    settings = Settings(max_pages=10, time_limit_s=LIMIT_S, screenshots=False)
    with ScriptedServer(answer) as server:
        began = time.monotonic()
        obs = run_audit(server.url + "/", settings, tmp_path)
        took = time.monotonic() - began
    assert took < LIMIT_S + SLACK_S, f"audit took {took:.1f}s with a {LIMIT_S:g}s limit"
    assert obs.status == "failed", obs.status_reason
    assert "robots.txt" in obs.status_reason and "time-out" in obs.status_reason
