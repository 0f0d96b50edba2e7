"""Fault matrix, failures: a failed audit has no grade and no number, anywhere (issue 13.7).

Real servers on 127.0.0.1 answer the start page with a 404, a 500 or a PDF; the audit
must say ``failed`` with the reason, exit 3, and write no friction number and no grade
in report.json, Markdown, JUnit, CSV, SARIF or the terminal line — and a ``--fail-over``
gate must not compare a number that is not there.
"""

from __future__ import annotations

import csv
import io
import json
import socket
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from auditor.api import audit
from auditor.config import AuditorConfig
from reports.build import load_report
from reports.view import score_text
from tests.faults.servers import FaultServer, Reply, page

pytestmark = pytest.mark.browser

FORMATS = ["json", "md", "sarif", "junit", "csv"]


def _config(url: str, out: Path) -> AuditorConfig:
    return AuditorConfig(
        url=url,
        out=out,
        formats=FORMATS,  # type: ignore[arg-type]
        viewport="desktop",
        max_pages=3,
        time_limit=15,
        screenshots=False,
        fail_over=0,
    )


def _assert_ungraded(out: Path) -> None:
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert data["status"] == "failed"
    assert data["score"]["friction"] is None and data["score"]["grade"] is None
    assert all(c["friction"] is None for c in data["score"]["categories"].values())
    md = (out / "summary.md").read_text(encoding="utf-8")
    assert "not graded (failed audit)" in md and "/100" not in md
    sarif = json.loads((out / "report.sarif").read_text(encoding="utf-8"))
    props = sarif["runs"][0]["properties"]
    assert "friction" not in props and "grade" not in props and props["status"] == "failed"
    suite = ET.fromstring((out / "junit.xml").read_text(encoding="utf-8")).find("testsuite")
    assert suite is not None
    values = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert values["friction"] == "" and values["grade"] == ""
    text = (out / "report.csv").read_text(encoding="utf-8-sig")
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["status"] == "failed" and row["friction"] == "" and row["grade"] == ""


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        (Reply("<h1>Not found</h1>", status=404), "start page answered HTTP 404"),
        (Reply("gone", status=410, headers={"Content-Type": "text/plain"}), "HTTP 410"),
        (
            Reply("%PDF-1.4 not a site", headers={"Content-Type": "application/pdf"}),
            "start page is not an HTML page",
        ),
        (
            Reply('{"shop": true}', headers={"Content-Type": "application/json"}),
            "start page is not an HTML page (application/json)",
        ),
        (Reply("<h1>Oops</h1>", status=500), "start page unreachable: HTTP 500"),
    ],
    ids=["404", "410-text", "pdf", "json", "500"],
)
def test_a_start_page_that_is_no_site_fails_with_its_reason_and_no_grade(
    reply: Reply, reason: str, tmp_path: Path
) -> None:
    def handler(path: str, n: int) -> Reply:
        return reply if path.split("?")[0] == "/" else page("<a href='/'>home</a>")

    with FaultServer(handler) as server:
        result = audit(_config(server.url + "/", tmp_path / "out"))
    assert result.report.status == "failed"
    assert reason in result.report.status_reason
    assert result.exit_code == 3
    assert result.gate_failures == []  # --fail-over 0 compares no missing number
    _assert_ungraded(tmp_path / "out")
    assert score_text(load_report(tmp_path / "out" / "report.json")) == (
        "not graded (failed audit)"
    )


def test_an_unreachable_port_fails_with_no_number(tmp_path: Path) -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens here now
    result = audit(_config(f"http://127.0.0.1:{port}/", tmp_path / "out"))
    assert result.report.status == "failed"
    assert "unreachable" in result.report.status_reason
    assert result.exit_code == 3
    _assert_ungraded(tmp_path / "out")


def test_a_healthy_start_page_is_still_graded(tmp_path: Path) -> None:
    def handler(path: str, n: int) -> Reply:
        return page("<h1>Shop</h1><a href='/contact'>Contact us</a>")

    with FaultServer(handler) as server:
        result = audit(_config(server.url + "/", tmp_path / "out"))
    assert result.report.status in ("complete", "partial")
    assert result.report.score.friction is not None and result.report.score.grade
    sarif = json.loads((tmp_path / "out" / "report.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["properties"]["friction"] == result.report.score.friction
