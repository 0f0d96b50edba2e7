"""The product's small static server (demo and bench): files on 127.0.0.1 and nothing else."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import re
import socket
from pathlib import Path

import httpx
import pytest

from auditor.demo import DEMO_SITE
from auditor.demo.serve import StaticServer


def test_serves_the_bundled_demo_from_the_package() -> None:
    assert DEMO_SITE.is_relative_to(Path(importlib.util.find_spec("auditor").origin).parent)  # type: ignore[arg-type]
    with StaticServer(DEMO_SITE) as srv, httpx.Client(base_url=srv.url, timeout=5) as c:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", srv.url)
        home = c.get("/")
        assert home.status_code == 200 and "Northwind" in home.text
        assert c.get("/help/").status_code == 200
        assert c.get("/contact").status_code == 200  # extensionless → contact.html
        assert c.get("/robots.txt").text == "User-agent: *\nAllow: /\n"
        assert c.get("/labels.json").status_code == 404  # labels are test material now
    assert srv.refused() == []


def test_in_memory_site_as_the_bench_serves_it() -> None:
    files = {"/index.html": b"<h1>Bench</h1>", "p/1.html": b"<p>one</p>", "/app.js": b"1"}
    with StaticServer(files=files) as srv, httpx.Client(base_url=srv.url, timeout=5) as c:
        assert c.get("/").text == "<h1>Bench</h1>"
        assert c.get("/p/1").text == "<p>one</p>"
        assert c.get("/app.js").headers["cache-control"] == "max-age=3600"
        assert c.get("/").headers["cache-control"] == "no-cache"
        assert c.get("/missing").status_code == 404


def test_no_scripted_failures_a_server_json_is_just_a_file(tmp_path: Path) -> None:
    """Fault injection is a testing concern (tests/support/siteserver.py), not the demo's."""
    (tmp_path / "index.html").write_text("<h1>Home</h1>")
    (tmp_path / "contact.html").write_text("<h1>Contact</h1>")
    config = {"status": {"/contact.html": 500}, "redirect_loops": ["/"]}
    (tmp_path / "server.json").write_text(json.dumps(config))
    with StaticServer(tmp_path) as srv, httpx.Client(base_url=srv.url, timeout=5) as c:
        assert c.get("/").status_code == 200
        assert c.get("/contact.html").status_code == 200


def test_other_methods_are_refused_and_remembered(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<form method=post></form>")
    with StaticServer(tmp_path) as srv, httpx.Client(base_url=srv.url, timeout=5) as c:
        c.get("/")
        c.head("/")
        posted = c.post("/", data={"message": "hello"})
        assert posted.status_code == 405 and posted.headers["allow"] == "GET, HEAD"
        assert c.delete("/").status_code == 405
        refused = srv.refused()
    seen = [(r.method, r.path, r.status) for r in refused]
    assert seen == [("POST", "/", 405), ("DELETE", "/", 405)]


@pytest.mark.parametrize("path", ["/../secret.txt", "/%2e%2e/secret.txt"])
def test_nothing_outside_the_root_is_served(tmp_path: Path, path: str) -> None:
    root = tmp_path / "site"
    root.mkdir()
    (root / "index.html").write_text("home")
    (tmp_path / "secret.txt").write_text("TOP SECRET")
    (root / "link.txt").symlink_to(tmp_path / "secret.txt")
    with StaticServer(root) as srv:
        with httpx.Client(base_url=srv.url, timeout=5) as c:
            assert c.get("/link.txt").status_code == 404
        with socket.create_connection(("127.0.0.1", srv.port), timeout=5) as sock:
            sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
            data = b""
            while chunk := sock.recv(65536):
                data += chunk
    assert int(data.split(b" ", 2)[1]) in (403, 404)
    assert b"TOP SECRET" not in data


def test_needs_a_root_or_files_and_an_existing_folder(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        StaticServer()
    with pytest.raises(FileNotFoundError):
        StaticServer(tmp_path / "nope")


def test_the_fault_injecting_server_is_not_in_the_product() -> None:
    import auditor

    # PathFinder on the package's own folder: an editable install's finder would otherwise
    # answer with another checkout's copy.
    assert importlib.machinery.PathFinder.find_spec("siteserver", auditor.__path__) is None
