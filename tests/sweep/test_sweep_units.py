"""The sweep's parts without a browser: politeness keys, the ledger, the tables, the folder rule."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest

from auditor.api import sweep
from auditor.errors import OutputError
from auditor.sweep.hosts import host_key
from auditor.sweep.ledger import Ledger, open_db, sqlite_url
from auditor.sweep.tables import Tables
from reports.sweep_html import SweepSite, render_sweep_html
from tests.sweep._support import config, url_list


def test_politeness_keys_a_public_host_whatever_its_port_and_loopback_by_port() -> None:
    assert host_key("https://Brand.example:8443/help") == host_key("http://brand.example/")
    assert host_key("http://127.0.0.1:5001/") != host_key("http://127.0.0.1:5002/")
    assert host_key("http://127.0.0.1:5001/a") == host_key("http://127.0.0.1:5001/b")
    assert host_key("http://localhost:81/") == "localhost:81"


def _ledger(tmp_path: Path) -> Ledger:
    ledger = Ledger(open_db(sqlite_url(tmp_path / "l.db")), "k")
    jobs = [(f"http://h{i}.example/", f"h{i}.example", f"h{i}") for i in range(4)]
    ledger.create("urls.txt", "generic", jobs)
    return ledger


def test_requeue_puts_back_in_flight_and_retryable_sites_only(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path)
    a, b, c, d = (r.id for r in ledger.rows())
    for site in (a, b, c, d):
        ledger.start(site)
    ledger.finish(a, "done", status="complete")
    ledger.finish(b, "infra_error", error="crash")  # 1 attempt of 2
    ledger.finish(c, "failed", status="failed")  # a result: never retried
    queued = ledger.requeue(max_attempts=2)  # d was running when the coordinator died
    assert sorted(r.id for r in queued) == sorted([b, d])
    assert {r.id: r.state for r in ledger.rows()}[a] == "done"
    ledger.start(b)
    ledger.finish(b, "infra_error", error="crash again")
    assert b not in {r.id for r in ledger.requeue(max_attempts=2)}  # retries are bounded
    again = Ledger(ledger.engine, "k")  # reopened by key, as a resumed coordinator does
    assert again.exists and [r.attempts for r in again.rows()] == [1, 2, 1, 1]


def test_an_unfinished_sweep_never_looks_complete(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path)
    rows = ledger.rows()
    Tables(tmp_path, "generic").write(rows, complete=False, key="k")
    table = list(csv.DictReader((tmp_path / "sweep.csv").open(encoding="utf-8")))
    assert len(table) == 4 and {t["sweep_complete"] for t in table} == {"false"}
    assert {t["state"] for t in table} == {"queued"}
    junit = (tmp_path / "junit.xml").read_text(encoding="utf-8")
    assert 'name="sweep-complete"' in junit and "sweep not complete: 4 site(s)" in junit
    assert "not complete" in (tmp_path / "sweep.html").read_text(encoding="utf-8")


def test_sweep_html_ranks_graded_sites_first_and_escapes_crawled_text() -> None:
    sites = [
        SweepSite(url="http://c.example/", state="queued"),
        SweepSite(url="http://b.example/", state="failed", status="failed"),
        SweepSite(url="http://a.example/", state="done", status="complete", grade="D",
                  friction=60.0, brand="<script>alert(1)</script>", report_href="a/report.html"),
        SweepSite(url="http://d.example/", state="done", status="complete", grade="A",
                  friction=5.0, report_href="javascript:alert(1)"),
    ]  # fmt: skip
    html = render_sweep_html(sites, profile="generic", complete=False)
    order = [html.index(u) for u in ("d.example", "a.example", "b.example", "c.example")]
    assert order == sorted(order)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "javascript:" not in html  # an unsafe link is dropped, not rendered
    assert "default-src &#39;none&#39;" in html and 'href="a/report.html"' in html
    assert html.count("not graded") == 1 and "pending" in html


def test_a_sweep_refuses_a_folder_that_holds_something_else(tmp_path: Path) -> None:
    urls = url_list(tmp_path / "urls.txt", ["http://127.0.0.1:9/"])
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError, match="not empty"):
        sweep(urls, config(foreign))
    assert [p.name for p in foreign.iterdir()] == ["notes.txt"]


def test_a_sweep_folder_resumes_only_its_own_url_list(tmp_path: Path) -> None:
    out = tmp_path / "s"
    urls = url_list(tmp_path / "urls.txt", ["http://127.0.0.1:9/"])
    first = sweep(urls, config(out, time_limit=5.0))  # nothing listens on port 9: a result
    assert first.sites[0].run.report.status == "failed"
    other = url_list(tmp_path / "other.txt", ["http://127.0.0.1:10/"])
    with pytest.raises(OutputError, match="another URL list"):
        sweep(other, config(out))
    again = sweep(urls, config(out))  # resumes: nothing left to audit
    with sqlite3.connect(out / "sweep.db") as conn:
        assert conn.execute("select attempts from sweep_sites").fetchall() == [(1,)]
        assert conn.execute("select count(*) from audits").fetchone() == (1,)
    assert again.exit_code == first.exit_code == 3
