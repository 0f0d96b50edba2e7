"""The static tier against a real loopback server (no browser): robots.txt's sitemaps,
an index two levels deep with a gzipped child, robots and scope obeyed, candidates
scored by what their HTML promises, and sitemap-only support pages proposed (issue 17)."""

from __future__ import annotations

import asyncio
import gzip

from auditor.models import StaticMap
from auditor.static import StaticPlan, run_static
from auditor.walk.crawler import RateLimiter
from auditor.walk.httpclient import audit_client
from auditor.walk.robots import RobotsCache
from auditor.walk.scope import Scope
from tests.support.siteserver import SiteServer

UA = "Mozilla/5.0 ComplaintFrictionAuditor/test"
NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def _page(title: str, body: str = "") -> bytes:
    return (
        f"<!doctype html><html><head><title>{title}</title></head><body>"
        f'<nav><a href="/">Home</a> <a href="/help/">Help</a></nav><h1>{title}</h1>{body}'
        "</body></html>"
    ).encode()


def _urlset(*paths: str) -> bytes:
    return f"<urlset {NS}>{''.join(f'<url><loc>{p}</loc></url>' for p in paths)}</urlset>".encode()


def _index(*paths: str) -> bytes:
    items = "".join(f"<sitemap><loc>{p}</loc></sitemap>" for p in paths)
    return f"<sitemapindex {NS}>{items}</sitemapindex>".encode()


ROBOTS = "User-agent: *\nDisallow: /private/\nSitemap: /maps/index.xml\n"
FILES = {
    "/index.html": _page("Home", '<a href="/contact.html">Contact us</a>'),
    "/contact.html": _page("Contact us", "<p>Call 020 7946 0000</p>"),
    "/help/index.html": _page("Help centre", '<a href="/help/billing.html">Billing</a>'),
    "/help/billing.html": _page("Billing"),
    "/complaints-procedure.html": _page("Our complaints procedure", "<h2>How to complain</h2>"),
    "/private/complaints-staff.html": _page("Staff complaints"),
    "/maps/index.xml": _index("/maps/pages.xml.gz", "/maps/nested.xml"),
    "/maps/pages.xml.gz": gzip.compress(
        _urlset(
            "/", "/contact.html", "/help/", "/help/billing.html", "https://other.example/contact"
        )
    ),
    "/maps/nested.xml": _index("/maps/deep.xml", "/maps/too-deep.xml"),
    "/maps/deep.xml": _urlset("/complaints-procedure.html", "/private/complaints-staff.html"),
    "/maps/too-deep.xml": _index("/maps/never.xml"),
    "/maps/never.xml": _urlset("/never-read.html"),
}


async def _run(url: str, budget: float = 20.0) -> StaticPlan:
    async with audit_client(url, UA, http2=True) as client:
        robots = RobotsCache(client)
        return await run_static(url, client, robots, RateLimiter(50), Scope(url), budget)


def test_sitemaps_are_read_through_robots_and_indexes_and_support_pages_proposed() -> None:
    with SiteServer(None, files=FILES, config={"robots": ROBOTS}) as server:
        start = server.url + "/"
        plan = asyncio.run(_run(start))
        log = server.logged()
    smap: StaticMap = plan.map
    read = {s.url.removeprefix(server.url): s for s in smap.sitemaps}
    assert read["/maps/index.xml"].kind == "index" and read["/maps/index.xml"].depth == 0
    assert read["/maps/pages.xml.gz"].kind == "urlset" and read["/maps/pages.xml.gz"].urls == 5
    assert read["/maps/deep.xml"].depth == 2 and read["/maps/deep.xml"].kind == "urlset"
    # An index below depth 2 is named, not followed.
    assert "not followed" in (read["/maps/too-deep.xml"].error or "")
    assert "/maps/never.xml" not in read
    # /sitemap.xml is tried too; its 404 is recorded, not fatal.
    assert read["/sitemap.xml"].status == 404
    # Off-site entries are not considered; the start page is not a candidate.
    assert smap.considered == 6
    cands = {c.url.removeprefix(server.url): c for c in smap.candidates}
    assert "/private/complaints-staff.html" in cands
    assert cands["/private/complaints-staff.html"].error == "disallowed by robots.txt"
    assert not any(r.path.startswith("/private/") for r in log)
    complaints = cands["/complaints-procedure.html"]
    assert complaints.score >= 2.0 and "complaint" in complaints.intents
    assert complaints.sitemap == server.url + "/maps/deep.xml"
    assert complaints.proposed
    assert cands["/contact.html"].proposed and cands["/contact.html"].title == "Contact us"
    proposed = [u.removeprefix(server.url) for u, _ in plan.proposals]
    assert proposed[0] == "/complaints-procedure.html"  # the strongest promise first
    assert plan.boosts[server.url + "/complaints-procedure.html"] >= 2.0
    # The same policy as the browser: GET only, the audit's User-Agent.
    assert {r.method for r in log} == {"GET"}
    assert all(r.headers.get("User-Agent") == UA for r in log)


def test_no_sitemap_means_no_proposals() -> None:
    files = {k: v for k, v in FILES.items() if not k.startswith("/maps/")}
    with SiteServer(None, files=files, config={"robots": "User-agent: *\nAllow: /\n"}) as server:
        plan = asyncio.run(_run(server.url + "/"))
    assert plan.proposals == [] and plan.boosts == {}
    assert [s.status for s in plan.map.sitemaps] == [404]
    assert plan.map.considered == 0


def test_the_time_budget_bounds_the_tier_but_not_the_walks_robots_read() -> None:
    async def run(url: str) -> tuple[StaticPlan, dict[str, str]]:
        async with audit_client(url, UA) as client:
            robots = RobotsCache(client)
            plan = await run_static(url, client, robots, RateLimiter(50), Scope(url), 0.0)
            await robots.rule(url)  # the walk's read: shielded from the tier's time-out
            return plan, robots.statuses()

    with SiteServer(None, files=FILES, config={"robots": ROBOTS}) as server:
        plan, statuses = asyncio.run(run(server.url + "/"))
    assert "time budget" in plan.map.note
    assert plan.proposals == []
    assert statuses == {server.url: "read (HTTP 200)"}


def test_candidates_are_ranked_by_url_words_and_bring_their_parent_listings() -> None:
    from auditor.static.tier import MAX_WEAK, choose

    base = "https://b.example"
    listed = {f"{base}/help/t{t}/a{k}.html": "s" for t in range(30) for k in range(5)}
    listed[f"{base}/help/t7/contact-us.html"] = "s"
    listed[f"{base}/products/p1.html"] = "s"
    chosen = choose(listed, base + "/", limit=40)
    assert chosen[:3] == [
        f"{base}/help/t7/contact-us.html",
        f"{base}/help/t7/",
        f"{base}/help/",
    ]
    assert len(chosen) == 3 + MAX_WEAK  # "help"-only URLs are capped; no-promise ones skipped
    assert f"{base}/products/p1.html" not in chosen
