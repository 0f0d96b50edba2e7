"""Politeness as Scrapy users expect it (issue 13, criterion 4), on loopback servers:
robots.txt by RFC 9309, Crawl-delay, Retry-After, canonical URLs, the per-template budget,
the size cap, bounded reads and no link checks after the deadline."""

from __future__ import annotations

import asyncio
import itertools
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from auditor.api.runs import judge_and_render
from auditor.audit import run_audit
from auditor.derive import derive
from auditor.models import Settings, ViewportWalk
from auditor.walk.httpclient import audit_client
from auditor.walk.linkcheck import check_links, check_one
from auditor.walk.pace import Pace
from auditor.walk.robots import RobotsCache
from auditor.walk.scope import Scope
from tests.faults.servers import Answer, ScriptedServer
from tests.support.siteserver import SiteServer

PAGE = """<!doctype html><html lang="en"><head><title>{title}</title></head><body>
<header><nav><a href="/">Home</a> <a href="/contact.html">Contact us</a>
<a href="/help.html">Help</a></nav></header><main>{body}</main></body></html>"""
HTML = {"Content-Type": "text/html; charset=utf-8"}
UA = "Mozilla/5.0 ComplaintFrictionAuditor/test"


def _files(**extra: str) -> dict[str, bytes]:
    pages = {
        "/index.html": PAGE.format(title="Home", body="<h1>Home</h1>"),
        "/contact.html": PAGE.format(title="Contact", body="<p>Call 020 7946 0000.</p>"),
        "/help.html": PAGE.format(title="Help", body="<h1>Help</h1>"),
        **extra,
    }
    return {k: v.encode() for k, v in pages.items()}


def _settings(**kw: object) -> Settings:
    base: dict[str, object] = {
        "max_pages": 12,
        "time_limit_s": 60,
        "viewports": ["desktop"],
        "screenshots": False,
    }
    base.update(kw)
    return Settings(**base)  # type: ignore[arg-type]


def _robots_server(status: int, body: bytes = b"") -> ScriptedServer:
    pages = _files()

    def answer(path: str, _h: BaseHTTPRequestHandler) -> Answer:
        if path == "/robots.txt":
            return status, {"Content-Type": "text/plain"}, body
        key = "/index.html" if path == "/" else path
        return (200, HTML, pages[key]) if key in pages else (404, HTML, b"no")

    return ScriptedServer(answer)


pytestmark = pytest.mark.browser


def test_robots_4xx_allows_everything_and_says_so(tmp_path: Path) -> None:
    with _robots_server(404) as server:
        obs = run_audit(server.url + "/", _settings(), tmp_path)
    walk = obs.walks[0]
    assert any(p.url.endswith("/contact.html") for p in walk.pages)
    assert list(walk.robots.values()) == ["unavailable (HTTP 404): allow all"]


def test_robots_5xx_disallows_everything_and_says_so(tmp_path: Path) -> None:
    with _robots_server(503) as server:
        obs = run_audit(server.url + "/", _settings(), tmp_path)
        paths = server.paths()
    walk = obs.walks[0]
    assert paths == ["/robots.txt"], "nothing but robots.txt may be fetched"
    assert walk.skipped_by_robots and not walk.pages
    assert list(walk.robots.values()) == ["unreachable (HTTP 503): disallow all"]
    # The failed audit says why: robots.txt, read as RFC 9309 asks, not "unreachable".
    assert obs.status == "failed"
    assert "robots.txt disallows the start page" in obs.status_reason
    assert "HTTP 503" in obs.status_reason


def test_a_stalled_robots_txt_is_unreachable_within_the_read_timeout() -> None:
    def answer(path: str, h: BaseHTTPRequestHandler) -> Answer | None:
        h.send_response(200)
        h.send_header("Content-Length", "100")
        h.end_headers()
        h.wfile.write(b"User-agent: *\n")
        h.wfile.flush()
        time.sleep(12)  # never finishes the body
        return None

    async def run(url: str) -> tuple[bool, str, float]:
        async with audit_client(url, UA) as http:
            robots = RobotsCache(http)
            began = time.monotonic()
            ok = await robots.allowed(url + "/contact.html")
            return ok, next(iter(robots.statuses().values())), time.monotonic() - began

    with ScriptedServer(answer) as server:
        allowed, status, took = asyncio.run(run(server.url))
    assert not allowed and "disallow all" in status and "unreachable" in status
    assert took < 9, f"the read timeout should end it, took {took:.1f}s"


def test_crawl_delay_spaces_page_loads_and_the_user_agent_names_the_contact(
    tmp_path: Path,
) -> None:
    robots = "User-agent: *\nCrawl-delay: 1\nAllow: /\n"
    settings = _settings(contact_url="https://audits.example.org/contact")
    with SiteServer(None, files=_files(), config={"robots": robots}) as server:
        obs = run_audit(server.url + "/", settings, tmp_path)
        log = server.logged()
    pages = [r for r in log if r.path in ("/", "/contact.html", "/help.html")]
    assert len(pages) >= 3
    gaps = [b.time - a.time for a, b in itertools.pairwise(pages)]
    # Without Crawl-delay the rate (20/s) spaces them 0.05 s apart; allow for the jitter of
    # a loaded machine between the rate limiter's grant and the request's arrival.
    assert min(gaps) >= 0.6 and sum(gaps) >= 0.9 * len(gaps), gaps
    agents = {r.headers.get("User-Agent", "") for r in log}
    assert agents and all("https://audits.example.org/contact" in a for a in agents), agents
    assert "read (HTTP 200)" in next(iter(obs.walks[0].robots.values()))


def test_429_with_retry_after_is_retried_then_rate_limited_not_broken() -> None:
    calls: dict[str, int] = {}

    def answer(path: str, _h: BaseHTTPRequestHandler) -> Answer:
        calls[path] = calls.get(path, 0) + 1
        if path == "/busy" or (path == "/once" and calls[path] == 1):
            return 429, {"Retry-After": "1"}, b""
        return 200, HTML, b"ok"

    async def run(base: str) -> tuple[object, object]:
        async with audit_client(base, UA) as http:
            pace = Pace()
            busy = await check_one(http, base + "/busy", base + "/", "Contact us", pace=pace)
            once = await check_one(http, base + "/once", base + "/", "Help", pace=pace)
            return busy, once

    with ScriptedServer(answer) as server:
        busy, once = asyncio.run(run(server.url))
    assert busy.rate_limited and busy.attempts == 3 and busy.error is None  # type: ignore[attr-defined]
    assert once.status == 200 and once.attempts == 2 and not once.rate_limited  # type: ignore[attr-defined]


def test_a_rate_limited_contact_link_is_not_a_broken_link(tmp_path: Path) -> None:
    home = PAGE.format(title="Home", body='<a href="/complaints.html">Complaints</a>')
    config = {
        "status": {"/complaints.html": 429},
        "headers": {"/complaints.html": {"Retry-After": "0"}},
    }
    files = _files(**{"/index.html": home})
    with SiteServer(None, files=files, config=config) as server:
        obs = run_audit(server.url + "/", _settings(max_pages=1), tmp_path)
    checks = obs.walks[0].link_checks
    assert any(c.url.endswith("/complaints.html") and c.rate_limited for c in checks), checks
    outcome = judge_and_render(obs, tmp_path, as_of="2026-11-23")
    broken = next(f for f in outcome.report.findings if f.slug == "contact-link-broken")
    assert broken.outcome != "fail", broken.message


def test_no_link_check_starts_after_the_deadline() -> None:
    from auditor.models import Element, PageState

    def answer(path: str, _h: BaseHTTPRequestHandler) -> Answer:
        return 200, HTML, b"ok"

    with ScriptedServer(answer) as server:
        page = PageState(url=server.url + "/", requested_url=server.url + "/")
        page.elements = [
            Element(id="1", tag="a", kind="link", text="Contact us", href="/contact", visible=True)
        ]
        page.elements[0].href = server.url + "/contact"
        walk = ViewportWalk(viewport="desktop", width=1, height=1, pages=[page])

        async def run() -> int:
            async with audit_client(server.url, UA) as http:
                robots = RobotsCache(http, obey=False)
                scope = Scope(server.url + "/")
                late = await check_links(http, walk, scope, robots, deadline=time.monotonic() - 1)
                on_time = await check_links(http, walk, scope, robots)
                return len(late) * 100 + len(on_time)

        counts = asyncio.run(run())
        assert counts == 1 and server.paths() == ["/contact"]


def test_session_ids_and_tracking_parameters_are_one_page(tmp_path: Path) -> None:
    home = PAGE.format(
        title="Home",
        body=(
            '<a href="/contact.html;jsessionid=A1">Contact</a> '
            '<a href="/contact.html?utm_source=news&amp;utm_medium=mail">Contact</a> '
            '<a href="/help.html?PHPSESSID=77">Help</a> <a href="/help.html?gclid=5">Help</a>'
        ),
    )
    with SiteServer(None, files=_files(**{"/index.html": home})) as server:
        obs = run_audit(server.url + "/", _settings(), tmp_path)
        paths = [r.path for r in server.logged()]
    assert paths.count("/contact.html") == 1 and paths.count("/help.html") == 1, paths
    assert not any("jsessionid" in p or "utm_" in p or "SESSID" in p for p in paths)
    assert len({p.url for p in obs.walks[0].pages}) == len(obs.walks[0].pages)


def test_a_calendar_trap_is_bounded_by_the_template_budget(tmp_path: Path) -> None:
    home = PAGE.format(title="Home", body='<a href="/events">Events</a>')
    config = {"calendar": {"path": "/events", "start": "2026-01-01"}}
    settings = _settings(max_pages=40, max_pages_per_template=4, max_depth=30)
    with SiteServer(None, files=_files(**{"/index.html": home}), config=config) as server:
        obs = run_audit(server.url + "/", settings, tmp_path)
    walk = obs.walks[0]
    months = [p for p in walk.pages if p.url.count("/") == 5 and "/events/" in p.url]
    days = [p for p in walk.pages if p.url.count("/") == 6 and "/events/" in p.url]
    assert len(months) <= 4 and len(days) <= 4, [p.url for p in walk.pages]
    assert walk.skipped_by_template
    assert len(walk.pages) < 40, "the trap must not eat the page budget"


def test_a_page_over_the_size_cap_is_not_read_and_says_so(tmp_path: Path) -> None:
    big = PAGE.format(title="Big", body="<p>" + "x" * 2_000_000 + "</p><p>Call 020 7946 0111</p>")

    def answer(path: str, h: BaseHTTPRequestHandler) -> Answer | None:
        pages = _files(**{"/big.html": big})
        if path == "/chunked.html":
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.send_header("Transfer-Encoding", "chunked")
            h.end_headers()
            chunk = b"<p>" + b"y" * 65_536 + b"</p>"
            for _ in range(40):
                h.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            h.wfile.write(b"0\r\n\r\n")
            return None
        if path == "/robots.txt":
            return 404, HTML, b""
        if path == "/":
            body = PAGE.format(
                title="Home",
                body='<a href="/big.html">Contact us</a> <a href="/chunked.html">Help centre</a>',
            )
            return 200, HTML, body.encode()
        return (200, HTML, pages[path]) if path in pages else (404, HTML, b"no")

    with ScriptedServer(answer) as server:
        obs = run_audit(server.url + "/", _settings(max_page_bytes=1_000_000), tmp_path)
    by_path = {p.url.rsplit("/", 1)[-1]: p for p in obs.walks[0].pages}
    for name in ("big.html", "chunked.html"):
        assert by_path[name].size_capped and not by_path[name].elements, name
    assert not any(c.value.endswith("0111") for c in derive(obs).inventory)
    assert {b.reason for b in obs.walks[0].blocked} >= {"size"}
    assert obs.status == "partial" and "over the size cap" in obs.status_reason


def test_a_page_answering_429_with_retry_after_holds_the_next_load(tmp_path: Path) -> None:
    home = PAGE.format(title="Home", body='<a href="/busy.html">Contact us</a>')
    config = {"status": {"/busy.html": 429}, "headers": {"/busy.html": {"Retry-After": "2"}}}
    files = _files(**{"/index.html": home, "/busy.html": "<p>busy</p>"})
    with SiteServer(None, files=files, config=config) as server:
        run_audit(server.url + "/", _settings(parallel=1), tmp_path)
        log = [r for r in server.logged() if r.path.endswith(".html")]
    busy = next(i for i, r in enumerate(log) if r.path == "/busy.html")
    assert busy + 1 < len(log), [r.path for r in log]
    assert log[busy + 1].time - log[busy].time >= 1.8


def _slow_down_server(
    refusals: dict[str, int], retry_after: str | None = "1"
) -> tuple[ScriptedServer, dict[str, int]]:
    """Pages that answer 429 the first ``refusals[path]`` times (-1: always)."""
    home = PAGE.format(title="Home", body='<a href="/complaints.html">Complaints</a>')
    complaints = PAGE.format(title="Complaints", body="<p>Complaints: call 020 7946 0123.</p>")
    pages = {"/": home, "/complaints.html": complaints, **{p: PAGE for p in ("/help.html",)}}
    calls: dict[str, int] = {}

    def answer(path: str, _h: BaseHTTPRequestHandler) -> Answer:
        if path == "/robots.txt":
            return 404, {}, b""
        calls[path] = calls.get(path, 0) + 1
        limit = refusals.get(path, 0)
        if limit < 0 or calls[path] <= limit:
            headers = {"Retry-After": retry_after} if retry_after is not None else {}
            return 429, {**HTML, **headers}, b"<p>Too many requests</p>"
        body = pages.get(path, PAGE.format(title="Page", body="<p>page</p>"))
        return 200, HTML, body.encode()

    return ScriptedServer(answer), calls


def test_a_page_answering_429_is_loaded_again_after_retry_after(tmp_path: Path) -> None:
    server, calls = _slow_down_server({"/complaints.html": 2})
    with server:
        obs = run_audit(server.url + "/", _settings(parallel=1, max_pages=4), tmp_path)
        loads = [t for m, p, t in server.log if p == "/complaints.html"]
    page = next(p for p in obs.walks[0].pages if p.url.endswith("/complaints.html"))
    assert page.status == 200 and page.retries == 2 and not page.rate_limited
    assert (
        calls["/complaints.html"] == 3 and loads[1] - loads[0] >= 0.9 and loads[2] - loads[1] >= 0.9
    )
    assert any(c.value == "+442079460123" for c in derive(obs).inventory)
    assert obs.status == "complete", obs.status_reason


def test_a_page_that_keeps_answering_429_is_unseen_not_broken(tmp_path: Path) -> None:
    server, calls = _slow_down_server({"/complaints.html": -1}, retry_after=None)
    with server:
        obs = run_audit(server.url + "/", _settings(parallel=1, max_pages=4), tmp_path)
    page = next(p for p in obs.walks[0].pages if p.url.endswith("/complaints.html"))
    assert page.status == 429 and page.rate_limited and page.retries == 2
    assert calls["/complaints.html"] == 3  # bounded: two retries, then it stands
    assert obs.status == "partial" and "slow down" in (obs.status_reason or "")
    outcome = judge_and_render(obs, tmp_path, as_of="2026-11-23")
    broken = next(f for f in outcome.report.findings if f.slug == "contact-link-broken")
    assert broken.outcome != "fail", broken.message


def test_a_start_page_that_keeps_answering_429_is_inconclusive_with_no_grade(
    tmp_path: Path,
) -> None:
    server, calls = _slow_down_server({"/": -1}, retry_after="0")
    with server:
        obs = run_audit(server.url + "/", _settings(parallel=1, max_pages=4), tmp_path)
    assert calls["/"] == 3
    assert obs.status == "inconclusive" and "429" in (obs.status_reason or "")
    outcome = judge_and_render(obs, tmp_path, as_of="2026-11-23")
    assert outcome.report.score.grade is None, outcome.report.score
