"""The fixture-site server: real HTTP requests to 127.0.0.1 for every server.json feature."""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support.labels import labelled_sites
from tests.support.siteserver import SiteServer, content_type

LABELLED = labelled_sites()

CONFIG: dict[str, Any] = {
    "status": {"/gone.html": 404, "/error.html": 500},
    "redirects": {"/old-contact": "/contact.html"},
    "redirect_loops": ["/complaints"],
    "delays": {"/slow.html": 0.4},
    "login_wall": ["/account/complaints"],
    "calendar": {"path": "/events", "start": "2026-11-01"},
    "headers": {"/contact.html": {"X-Robots-Tag": "noindex"}},
    "robots": "User-agent: *\nDisallow: /private/\n",
}


def _write(root: Path, rel: str, text: str) -> None:
    file = root / rel
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    _write(root, "index.html", "<h1>Home</h1>")
    _write(root, "contact.html", "<h1>Contact us</h1>")
    _write(root, "slow.html", "<h1>Slow</h1>")
    _write(root, "login.html", '<form><input type="password" name="pw"></form>')
    _write(root, "help/index.html", "<h1>Help centre</h1>")
    _write(root, "css/site.css", "body{color:#222}")
    _write(root, "js/app.js", "console.log(1)")
    _write(root, "labels.json", "{}")
    _write(tmp_path, "secret.txt", "TOP SECRET")
    (root / "server.json").write_text(json.dumps(CONFIG), encoding="utf-8")
    return root


@pytest.fixture()
def server(site: Path) -> Iterator[SiteServer]:
    with SiteServer(site) as srv:
        yield srv


@pytest.fixture()
def client(server: SiteServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, follow_redirects=False, timeout=5) as c:
        yield c


def _raw_get(server: SiteServer, path: str) -> tuple[int, bytes]:
    """Send a request line byte for byte (httpx would normalise ``..`` away)."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    status = int(data.split(b" ", 2)[1])
    return status, data.split(b"\r\n\r\n", 1)[1]


def test_url_is_loopback_with_free_port(server: SiteServer) -> None:
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", server.url)
    assert server.port > 0


def test_url_before_start_raises(site: Path) -> None:
    with pytest.raises(RuntimeError):
        _ = SiteServer(site).url


def test_needs_root_or_files() -> None:
    with pytest.raises(ValueError):
        SiteServer(None)


def test_index_directory_and_extensionless(client: httpx.Client) -> None:
    home = client.get("/")
    assert home.status_code == 200
    assert home.text == "<h1>Home</h1>"
    assert home.headers["content-type"] == "text/html; charset=utf-8"
    assert client.get("/help/").text == "<h1>Help centre</h1>"
    assert client.get("/help").text == "<h1>Help centre</h1>"
    assert client.get("/contact").text == "<h1>Contact us</h1>"
    assert client.get("/contact.html?utm=x").status_code == 200


def test_content_types_and_cache_headers(client: httpx.Client) -> None:
    css = client.get("/css/site.css")
    assert css.headers["content-type"].startswith("text/css")
    assert css.headers["cache-control"] == "max-age=3600"
    js = client.get("/js/app.js")
    assert js.headers["content-type"].startswith("text/javascript")
    assert js.headers["cache-control"] == "max-age=3600"
    assert client.get("/").headers["cache-control"] != "max-age=3600"
    assert content_type("/a/b.png") == "image/png"
    assert content_type("/a/b.unknown") == "application/octet-stream"


def test_missing_file_is_404(client: httpx.Client) -> None:
    assert client.get("/nope.html").status_code == 404


def test_site_404_page_is_used(site: Path) -> None:
    _write(site, "404.html", "<h1>Page not found (brand)</h1>")
    with SiteServer(site) as srv:
        r = httpx.get(srv.url + "/nope.html")
    assert r.status_code == 404
    assert "brand" in r.text


def test_configured_status_codes(client: httpx.Client) -> None:
    gone = client.get("/gone.html")
    assert gone.status_code == 404
    assert "<h1>404" in gone.text
    assert client.get("/error.html").status_code == 500


def test_redirect(client: httpx.Client) -> None:
    r = client.get("/old-contact")
    assert r.status_code == 301
    assert r.headers["location"] == "/contact.html"
    assert client.get("/old-contact", follow_redirects=True).text == "<h1>Contact us</h1>"


def test_redirect_loop_cycles(client: httpx.Client) -> None:
    seen = []
    path = "/complaints"
    for _ in range(4):
        r = client.get(path)
        assert r.status_code == 302
        path = r.headers["location"]
        seen.append(path)
    assert seen == ["/complaints?loop=1", "/complaints?loop=2", "/complaints", "/complaints?loop=1"]
    with pytest.raises(httpx.TooManyRedirects):
        client.get("/complaints", follow_redirects=True)


def test_delay(client: httpx.Client) -> None:
    t0 = time.perf_counter()
    assert client.get("/slow.html").status_code == 200
    assert time.perf_counter() - t0 >= 0.4
    t0 = time.perf_counter()
    client.get("/")
    assert time.perf_counter() - t0 < 0.3


def test_threaded_slow_page_does_not_block_others(server: SiteServer) -> None:
    done: list[float] = []

    def slow() -> None:
        httpx.get(server.url + "/slow.html", timeout=5)
        done.append(time.perf_counter())

    worker = threading.Thread(target=slow)
    worker.start()
    time.sleep(0.05)
    httpx.get(server.url + "/", timeout=5)
    fast_done = time.perf_counter()
    worker.join()
    assert done and fast_done < done[0]


def test_login_wall(client: httpx.Client) -> None:
    r = client.get("/account/complaints")
    assert r.status_code == 302
    assert r.headers["location"] == "/login.html?next=%2Faccount%2Fcomplaints"
    assert client.get("/account/complaints/42").status_code == 302
    final = client.get("/account/complaints", follow_redirects=True)
    assert final.status_code == 200
    assert 'type="password"' in final.text


def test_calendar_is_an_infinite_link_space(client: httpx.Client) -> None:
    start = client.get("/events")
    assert start.status_code == 200
    assert "November 2026" in start.text
    links = re.findall(r'href="([^"]+)"', start.text)
    assert "/events/2026/10" in links and "/events/2026/12" in links
    assert "/events/2026/11/01" in links and "/events/2026/11/30" in links
    # follow "next" many times: always another page
    path = "/events/2026/11"
    for _ in range(15):
        page = client.get(path)
        assert page.status_code == 200
        path = re.search(r'rel="next" href="([^"]+)"', page.text)[1]  # type: ignore[index]
    assert path == "/events/2028/02"
    feb = client.get("/events/2027/02").text
    assert "/events/2027/02/28" in feb and "/events/2027/02/29" not in feb
    day = client.get("/events/2026/12/31")
    assert day.status_code == 200
    assert "/events/2027/01/01" in day.text
    assert client.get("/events/2026/13").status_code == 404
    assert client.get("/events/2027/02/29").status_code == 404


def test_calendar_string_config_starts_today(site: Path) -> None:
    with SiteServer(site, config={"calendar": "/agenda"}) as srv:
        r = httpx.get(srv.url + "/agenda")
    assert r.status_code == 200
    assert str(time.localtime().tm_year) in r.text


def test_extra_headers(client: httpx.Client) -> None:
    assert client.get("/contact.html").headers["x-robots-tag"] == "noindex"
    assert client.get("/contact").headers["x-robots-tag"] == "noindex"
    assert "x-robots-tag" not in client.get("/").headers


def test_robots(client: httpx.Client, site: Path) -> None:
    r = client.get("/robots.txt")
    assert r.text == CONFIG["robots"]
    assert r.headers["content-type"].startswith("text/plain")
    with SiteServer(site, config={}) as srv:
        default = httpx.get(srv.url + "/robots.txt")
    assert default.status_code == 200
    assert "Allow: /" in default.text


def test_post_is_refused_and_logged(server: SiteServer, client: httpx.Client) -> None:
    r = client.post("/contact.html", data={"message": "hello"})
    assert r.status_code == 405
    assert r.headers["allow"] == "GET, HEAD"
    for method in ("PUT", "DELETE", "PATCH", "OPTIONS", "PURGE"):
        assert client.request(method, "/").status_code == 405
    client.get("/")
    client.head("/")
    refused = server.non_get_requests()
    assert [x.method for x in refused] == ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "PURGE"]
    assert refused[0].path == "/contact.html"
    assert refused[0].status == 405
    assert refused[0].headers["Content-Type"] == "application/x-www-form-urlencoded"


def test_every_request_is_logged(server: SiteServer, client: httpx.Client) -> None:
    t0 = time.time()
    client.get("/contact?x=1", headers={"User-Agent": "ComplaintFrictionAuditor/0.1"})
    client.get("/nope.html")
    client.get("/old-contact")
    head = client.head("/")
    assert head.status_code == 200 and head.content == b""
    log = server.logged()
    assert [(r.method, r.path, r.status) for r in log] == [
        ("GET", "/contact?x=1", 200),
        ("GET", "/nope.html", 404),
        ("GET", "/old-contact", 301),
        ("HEAD", "/", 200),
    ]
    assert log[0].headers["User-Agent"] == "ComplaintFrictionAuditor/0.1"
    assert all(t0 - 1 <= r.time <= time.time() for r in log)
    assert server.non_get_requests() == []


@pytest.mark.parametrize("path", ["/../secret.txt", "/%2e%2e/secret.txt", "/css/../../secret.txt"])
def test_paths_cannot_escape_root(server: SiteServer, path: str) -> None:
    status, body = _raw_get(server, path)
    assert status in (403, 404)
    assert b"TOP SECRET" not in body


def test_symlink_out_of_root_is_not_served(site: Path) -> None:
    (site / "link.txt").symlink_to(site.parent / "secret.txt")
    with SiteServer(site) as srv:
        r = httpx.get(srv.url + "/link.txt")
    assert r.status_code == 404


def test_metadata_files_are_not_served(client: httpx.Client) -> None:
    assert client.get("/labels.json").status_code == 404
    assert client.get("/server.json").status_code == 404


def test_in_memory_files() -> None:
    files = {"/index.html": b"<h1>Bench</h1>", "/p/1.html": b"<p>one</p>", "app.js": b"1"}
    with SiteServer(None, files=files, config={"status": {"/x": 500}}) as srv:
        assert httpx.get(srv.url + "/").text == "<h1>Bench</h1>"
        assert httpx.get(srv.url + "/p/1").text == "<p>one</p>"
        assert httpx.get(srv.url + "/app.js").headers["cache-control"] == "max-age=3600"
        assert httpx.get(srv.url + "/missing").status_code == 404
        assert httpx.get(srv.url + "/x").status_code == 500


def test_stop_releases_port(site: Path) -> None:
    srv = SiteServer(site).start()
    port = srv.port
    srv.stop()
    srv.stop()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", port))


def test_stop_with_open_keepalive_connection_is_quick(site: Path) -> None:
    srv = SiteServer(site).start()
    client = httpx.Client(base_url=srv.url)
    client.get("/")
    t0 = time.perf_counter()
    srv.stop()
    assert time.perf_counter() - t0 < 2
    client.close()


def _local_links(page: str) -> list[str]:
    hrefs = re.findall(r'(?:href|src)="([^"#]*)', page)
    return [h for h in hrefs if h.startswith("/") and not h.startswith("//")]


@pytest.mark.parametrize("name", sorted(LABELLED))
def test_site_links_resolve(name: str) -> None:
    """Every same-site link of a fixture answers, unless server.json makes it fail on purpose."""
    root = LABELLED[name].root
    if not (root / "index.html").exists():
        pytest.skip(f"{name} not written yet")
    labels = json.loads(LABELLED[name].labels.read_text(encoding="utf-8"))
    assert labels["site"] == name
    with SiteServer(root) as srv, httpx.Client(base_url=srv.url, timeout=5) as c:
        config = srv.config
        expected_fail = set(config.get("status", {})) | set(config.get("redirect_loops", []))
        for page in root.rglob("*.html"):
            rel = "/" + page.relative_to(root).as_posix()
            assert c.get(rel).status_code == 200, rel
            for link in _local_links(page.read_text(encoding="utf-8")):
                bare = link.split("?")[0]
                if bare in expected_fail or bare.startswith(config.get("calendar", "\0")):
                    continue
                r = c.get(link, follow_redirects=True)
                assert r.status_code == 200, f"{rel} -> {link}: {r.status_code}"
        assert srv.non_get_requests() == []


def test_site_robots_file_and_404_status_page(site: Path) -> None:
    _write(site, "robots.txt", "User-agent: *\nDisallow: /account/\n")
    _write(site, "404.html", "<h1>Lost? (brand)</h1>")
    with SiteServer(site, config={"status": {"/contact-old.html": 404}}) as srv:
        robots = httpx.get(srv.url + "/robots.txt")
        gone = httpx.get(srv.url + "/contact-old.html")
    assert robots.text == "User-agent: *\nDisallow: /account/\n"
    assert gone.status_code == 404
    assert "(brand)" in gone.text
