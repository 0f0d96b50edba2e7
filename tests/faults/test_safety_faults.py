"""Egress faults on loopback only (issue 13, criterion 2): the HTTP client, the link
checker and the browser's egress proxy never connect where the policy says no.

A "public" audit is simulated by its policy alone (``EgressPolicy()``): every server
here is on 127.0.0.x, so each must log nothing when the policy refuses it.
"""

from __future__ import annotations

import asyncio
import ipaddress
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import async_playwright

from auditor.browser import find_chromium, launch_args
from auditor.walk.egress import EgressPolicy
from auditor.walk.egress_proxy import EgressProxy
from auditor.walk.httpclient import audit_client, guarded_transport
from auditor.walk.linkcheck import check_one
from auditor.walk.robots import RobotsCache
from tests.faults.servers import Answer, ScriptedServer, self_signed

UA = "Mozilla/5.0 ComplaintFrictionAuditor/test"
HTML = {"Content-Type": "text/html; charset=utf-8"}


def _ok(path: str, _h: BaseHTTPRequestHandler) -> Answer:
    return 200, HTML, f"<title>ok</title><p>{path}</p>".encode()


def test_a_public_audit_client_never_connects_to_loopback_or_metadata() -> None:
    async def run(url: str) -> list[str]:
        errors = []
        async with httpx.AsyncClient(transport=guarded_transport(EgressPolicy())) as http:
            for target in (url, "http://169.254.169.254/latest/meta-data/", "http://[::1]:9/"):
                try:
                    await http.get(target)
                    errors.append("connected")
                except httpx.ConnectError as exc:
                    errors.append(str(exc))
        return errors

    with ScriptedServer(_ok) as server:
        errors = asyncio.run(run(server.url + "/"))
        assert server.log == []
    assert all(e.startswith("egress denied") for e in errors), errors
    assert "loopback" in errors[0] and "metadata" in errors[1]


def test_a_redirect_to_another_port_is_refused_by_the_link_checker_and_robots() -> None:
    with ScriptedServer(_ok) as other:

        def answer(path: str, _h: BaseHTTPRequestHandler) -> Answer:
            if path in ("/robots.txt", "/contact"):
                return 302, {"Location": other.url + path}, b""
            return 200, HTML, b"ok"

        with ScriptedServer(answer) as site:

            async def run() -> tuple[object, str]:
                async with audit_client(site.url + "/", UA) as http:
                    check = await check_one(http, site.url + "/contact", site.url, "Contact")
                    robots = RobotsCache(http)
                    await robots.allowed(site.url + "/")
                    return check, next(iter(robots.statuses().values()))

            check, robots_status = asyncio.run(run())
        assert other.log == [], "the other port must see nothing"
    assert check.egress_denied and check.error == "egress denied"  # type: ignore[attr-defined]
    assert "egress denied" in robots_status and "disallow all" in robots_status


@pytest.mark.browser
def test_the_browser_egress_proxy_refuses_what_the_policy_refuses(tmp_path: Path) -> None:
    """Public policy: a page's loopback image, script and navigation reach nothing.
    Pinned policy: the same proxy forwards HTTP and tunnels HTTPS to the allowed server."""
    cert, key = self_signed(tmp_path)

    async def run(allowed: ScriptedServer, tls: ScriptedServer, refused: ScriptedServer) -> None:
        async with async_playwright() as pw:
            async with EgressProxy(EgressPolicy()) as public:
                args = launch_args(start_url="https://brand.example/", proxy=public.url)
                browser = await pw.chromium.launch(executable_path=find_chromium(), args=args)
                page = await browser.new_page()
                await page.set_content(
                    f'<img src="{refused.url}/pixel.png"><script src="{refused.url}/x.js"></script>'
                )
                response = await page.goto(refused.url + "/page", wait_until="load")
                assert response is not None and response.status == 403
                await browser.close()
                assert len(public.denied) >= 2 and all("loopback" in d for d in public.denied)
            pin = (ipaddress.ip_address("127.0.0.1"), allowed.port)
            async with EgressProxy(EgressPolicy(pinned=pin)) as pinned:
                args = [
                    *launch_args(),
                    f"--proxy-server={pinned.url}",
                    "--proxy-bypass-list=<-loopback>",
                ]
                browser = await pw.chromium.launch(executable_path=find_chromium(), args=args)
                page = await (await browser.new_context(ignore_https_errors=True)).new_page()
                ok = await page.goto(allowed.url + "/hello")
                assert ok is not None and ok.status == 200 and "/hello" in await page.content()
                with pytest.raises(PlaywrightError, match="TUNNEL_CONNECTION_FAILED"):
                    await page.goto(tls.url + "/secret")  # a refused CONNECT: no tunnel
                await browser.close()
            pin = (ipaddress.ip_address("127.0.0.1"), tls.port)
            async with EgressProxy(EgressPolicy(pinned=pin)) as tunnel:
                args = [
                    *launch_args(),
                    f"--proxy-server={tunnel.url}",
                    "--proxy-bypass-list=<-loopback>",
                ]
                browser = await pw.chromium.launch(executable_path=find_chromium(), args=args)
                page = await (await browser.new_context(ignore_https_errors=True)).new_page()
                secure = await page.goto(tls.url + "/over-tls")
                assert secure is not None and secure.status == 200
                await browser.close()

    with ScriptedServer(_ok) as allowed, ScriptedServer(_ok) as tls, ScriptedServer(_ok) as refused:
        tls.wrap_tls(cert, key)
        asyncio.run(run(allowed, tls, refused))
        assert refused.log == []
        assert [p for _, p, _ in allowed.log] == ["/hello"]
        assert [p for _, p, _ in tls.log] == ["/over-tls"], "only the pinned tunnel reached it"
