"""Sweeps end to end: real Chromium, real SQLite, a real Dask LocalCluster, loopback sites."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

import psutil
import pytest

from auditor.api import sweep
from tests.sweep._support import config, ledger_rows, servers, site_folders, url_list

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[2]


def _interval(row: dict[str, object]) -> tuple[datetime, datetime]:
    return (
        datetime.fromisoformat(str(row["started_at"])),
        datetime.fromisoformat(str(row["finished_at"])),
    )


def test_workers_run_sites_at_once_one_host_at_a_time(tmp_path: Path) -> None:
    """Two Dask worker processes: sites of different hosts overlap, one host never does,
    and a site failure (a start page answering 503) is a result, audited once, not graded."""
    with servers("en-good", "en-footer-tiny", "es-premium", latency=0.05) as (a, b, c):
        a.config["status"] = {"/down": 503}
        urls = [f"{a.url}/", f"{b.url}/", f"{c.url}/", f"{a.url}/down"]
        began = time.monotonic()
        result = sweep(url_list(tmp_path / "urls.txt", urls), config(tmp_path / "s", workers=2))
        wall = time.monotonic() - began
    rows = ledger_rows(tmp_path / "s")
    assert [r["state"] for r in rows] == ["done", "done", "done", "failed"]
    assert all(r["attempts"] == 1 for r in rows), rows
    spans = [_interval(r) for r in rows]
    sequential = sum(float(r["duration_s"]) for r in rows)
    assert wall < sequential, (wall, sequential)  # includes the cluster's start-up
    overlaps = [
        (i, j)
        for i in range(len(spans))
        for j in range(i + 1, len(spans))
        if spans[i][0] < spans[j][1] and spans[j][0] < spans[i][1]
    ]
    assert overlaps, "two workers never audited two sites at once"
    assert (0, 3) not in overlaps, "two sites of one host were audited at the same time"
    failed = rows[3]
    assert failed["status"] == "failed" and failed["grade"] is None
    assert failed["friction"] is None
    table = list(csv.DictReader((tmp_path / "s" / "sweep.csv").open(encoding="utf-8")))
    assert [t["url"] for t in table] == urls
    assert table[3]["grade"] == "" and table[3]["friction"] == ""
    assert {t["sweep_complete"] for t in table} == {"true"}
    html = (tmp_path / "s" / "sweep.html").read_text(encoding="utf-8")
    assert "not graded" in html and "127.0.0.1-" in html and "report.html" in html
    assert result.exit_code == 3  # a failed site makes the sweep incomplete


def _wait_for(predicate: object, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(predicate) and predicate():
            return
        time.sleep(0.1)
    raise AssertionError("timed out waiting")


def test_resume_after_the_coordinator_is_killed(tmp_path: Path) -> None:
    """kill -9 mid-sweep, run the same command again: done sites are not audited again,
    the in-flight one is re-queued into a clean folder, no duplicate rows or folders."""
    out = tmp_path / "s"
    with servers("en-good", "en-footer-tiny", "es-premium", latency=0.1) as sites:
        urls = url_list(tmp_path / "urls.txt", [f"{s.url}/" for s in sites])
        cmd = [sys.executable, "-m", "auditor", "sweep", str(urls), "--out", str(out),
               "--viewport", "desktop", "--max-pages", "6", "--no-screenshots"]  # fmt: skip
        env = {**os.environ, "PYTHONPATH": str(REPO), "CI": "true"}
        first = subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)  # fmt: skip

        def one_done_one_running() -> bool:
            if not (out / "sweep.json").exists():  # written once the ledger holds the sites
                return False
            states = [r["state"] for r in ledger_rows(out)]
            return states[:2] == ["done", "running"]

        try:
            _wait_for(one_done_one_running, 120)
            time.sleep(1.0)  # the second audit is well under way
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait()
        time.sleep(1.5)  # the orphaned audit's watchdog ends it and its browser
        interrupted = list(csv.DictReader((out / "sweep.csv").open(encoding="utf-8")))
        assert {t["sweep_complete"] for t in interrupted} == {"false"}
        seen = [len(s.logged()) for s in sites]
        assert seen[2] == 0, "the third site started before the kill"
        time.sleep(1.0)
        assert [len(s.logged()) for s in sites][:2] == seen[:2], "an orphan kept walking"

        again = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True)
        after = [len(s.logged()) for s in sites]
    assert again.returncode == 0, again.stderr[-2000:]
    assert after[0] == seen[0], "a finished site was audited again"
    assert after[1] > seen[1] and after[2] > 0
    rows = ledger_rows(out)
    assert [r["state"] for r in rows] == ["done", "done", "done"]
    assert [r["attempts"] for r in rows] == [1, 2, 1]
    assert len(site_folders(out)) == 3
    table = list(csv.DictReader((out / "sweep.csv").open(encoding="utf-8")))
    assert len(table) == 3 and {t["sweep_complete"] for t in table} == {"true"}


def _chromium_under_sweep() -> list[psutil.Process]:
    found = []
    for proc in psutil.process_iter(["cmdline"]):
        cmd = proc.info["cmdline"] or []
        if not any("auditor.sweep.child" in part for part in cmd):
            continue
        for kid in proc.children(recursive=True):
            try:
                args = kid.cmdline()
            except psutil.Error:
                continue
            if args and "chrom" in args[0] and not any(a.startswith("--type=") for a in args):
                found.append(kid)
    return found


def test_a_killed_browser_is_retried_as_an_infrastructure_failure(tmp_path: Path) -> None:
    with servers("en-good", latency=0.3) as (site,):
        urls = url_list(tmp_path / "urls.txt", [f"{site.url}/"])
        killed: list[int] = []

        def assassin() -> None:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not killed:
                if len(site.logged()) >= 2:  # the walk has begun
                    for proc in _chromium_under_sweep():
                        proc.kill()
                        killed.append(proc.pid)
                time.sleep(0.05)

        thread = threading.Thread(target=assassin, daemon=True)
        thread.start()
        result = sweep(urls, config(tmp_path / "s", max_pages=8))
        thread.join()
    assert killed, "no browser was found to kill"
    [row] = ledger_rows(tmp_path / "s")
    assert row["attempts"] == 2 and row["state"] == "done" and row["status"] == "complete"
    assert result.exit_code == 0 and not result.infra_errors


def test_an_overrun_is_killed_and_retried_a_bounded_number_of_times(tmp_path: Path) -> None:
    with servers("en-good") as (site,):
        urls = url_list(tmp_path / "urls.txt", [f"{site.url}/"])
        result = sweep(
            urls, config(tmp_path / "s", time_limit=0.5, site_margin=0.5, infra_retries=1)
        )
    [row] = ledger_rows(tmp_path / "s")
    assert row["state"] == "infra_error" and row["attempts"] == 2
    assert "time limit" in row["error"]
    assert result.infra_errors == [f"{site.url}/"] and result.exit_code == 3
    junit = (tmp_path / "s" / "junit.xml").read_text(encoding="utf-8")
    assert 'type="infra_error"' in junit


def test_history_shows_the_trend_and_what_changed(tmp_path: Path) -> None:
    """Two audits of one address (the site changed between them) recorded with --db."""
    db = f"sqlite:///{tmp_path / 'history.db'}"
    env = {**os.environ, "PYTHONPATH": str(REPO), "CI": "true"}
    base = [sys.executable, "-m", "auditor"]
    flags = ["--viewport", "desktop", "--max-pages", "8", "--no-screenshots", "--db", db]
    with servers("en-good") as (good,):
        port = good.port
        url = f"{good.url}/"
        first = subprocess.run([*base, "audit", url, "--out", str(tmp_path / "a"), *flags],
                               env=env, capture_output=True, text=True)  # fmt: skip
    assert first.returncode == 0, first.stderr[-2000:]
    from tests.support.paths import SITES_DIR
    from tests.support.siteserver import SiteServer

    with SiteServer(SITES_DIR / "en-footer-tiny", port=port):
        second = subprocess.run([*base, "audit", url, "--out", str(tmp_path / "b"), *flags],
                                env=env, capture_output=True, text=True)  # fmt: skip
    assert second.returncode in (0, 1), second.stderr[-2000:]
    shown = subprocess.run([*base, "history", url, "--db", db], env=env,
                           capture_output=True, text=True)  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0] == f"2 audit(s) of {url}"
    # The history shows exactly what each audit reported (a worse second site: friction up).
    import json as _json

    reports = [_json.loads((tmp_path / d / "report.json").read_text()) for d in ("a", "b")]
    grades = [r["score"]["grade"] for r in reports]
    assert grades[0] == "A" and grades[1] != "A"
    assert f"grade {grades[0]}" in lines[1] and f"grade {grades[1]}" in lines[2]
    delta = reports[1]["score"]["friction"] - reports[0]["score"]["friction"]
    assert delta > 0 and "(+" in lines[2]
    assert "since the previous audit:" in shown.stdout
    assert "new:" in shown.stdout and "contact-hidden" in shown.stdout


@pytest.mark.parametrize("extra", [[], ["--workers", "2"]], ids=["sequential", "workers"])
def test_sigterm_stops_the_sweep_in_order_and_the_same_command_resumes(
    tmp_path: Path, extra: list[str]
) -> None:
    """A cancelled CI job: the running audit ends as partial within seconds, its site is
    queued again (its attempt not counted), nothing else starts, the tables say the sweep
    is incomplete, exit 3, no stray browser; the re-run finishes the rest only."""
    out = tmp_path / "s"
    with servers("en-good", "en-footer-tiny", "es-premium", latency=0.3) as sites:
        urls = url_list(tmp_path / "urls.txt", [f"{s.url}/" for s in sites])
        cmd = [sys.executable, "-m", "auditor", "sweep", str(urls), "--out", str(out),
               "--viewport", "desktop", "--max-pages", "6", "--no-screenshots", *extra]  # fmt: skip
        env = {**os.environ, "PYTHONPATH": str(REPO), "CI": "true"}
        first = subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE, text=True)  # fmt: skip

        def first_running() -> bool:
            if not (out / "sweep.json").exists():
                return False
            return any(r["state"] == "running" for r in ledger_rows(out)) and bool(
                sites[0].logged()
            )

        try:
            _wait_for(first_running, 120)
            time.sleep(1.0)  # the audit is walking
            first.send_signal(signal.SIGTERM)
            began = time.monotonic()
            _, err = first.communicate(timeout=30)
            took = time.monotonic() - began
        finally:
            if first.poll() is None:
                first.kill()
        assert first.returncode == 3, err[-2000:]
        assert took < 12, f"the sweep took {took:.1f}s to stop"
        assert "interrupted by SIGTERM" in err and "resume" in err
        assert _chromium_under_sweep() == []
        rows = ledger_rows(out)
        stopped = [r for r in rows if r["error"] and "SIGTERM" in str(r["error"])]
        assert stopped and all(r["state"] == "queued" and r["attempts"] == 0 for r in stopped)
        assert all(r["state"] in ("done", "queued") for r in rows), rows
        table = list(csv.DictReader((out / "sweep.csv").open(encoding="utf-8")))
        assert {t["sweep_complete"] for t in table} == {"false"}
        done_before = [i for i, r in enumerate(rows) if r["state"] == "done"]
        seen = [len(s.logged()) for s in sites]

        again = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True)
        after = [len(s.logged()) for s in sites]
    assert again.returncode == 0, again.stderr[-2000:]
    assert all(after[i] == seen[i] for i in done_before), "a finished site was audited again"
    final = ledger_rows(out)
    assert [r["state"] for r in final] == ["done", "done", "done"]
    assert all(r["attempts"] == 1 for r in final)
    table = list(csv.DictReader((out / "sweep.csv").open(encoding="utf-8")))
    assert len(table) == 3 and {t["sweep_complete"] for t in table} == {"true"}


POSTGRES = os.environ.get("CFA_TEST_POSTGRES_URL")


@pytest.mark.skipif(not POSTGRES, reason="set CFA_TEST_POSTGRES_URL to a PostgreSQL database")
def test_a_sweep_keeps_its_ledger_and_history_in_postgresql(tmp_path: Path) -> None:
    """The same sweep with ``--db postgresql+psycopg://…``: the ledger and the history live
    in PostgreSQL, a second run resumes from it, and ``history`` reads it back."""
    import uuid

    import sqlalchemy as sa

    assert POSTGRES is not None
    out = tmp_path / f"pg-{uuid.uuid4().hex[:8]}"  # several runs share one database
    env = {**os.environ, "PYTHONPATH": str(REPO), "CI": "true"}
    base = [sys.executable, "-m", "auditor"]
    with servers("en-good", "es-premium") as sites:
        urls = url_list(tmp_path / "urls.txt", [f"{s.url}/" for s in sites])
        cmd = [*base, "sweep", str(urls), "--out", str(out), "--viewport", "desktop",
               "--max-pages", "6", "--no-screenshots", "--db", POSTGRES]  # fmt: skip
        first = subprocess.run(cmd, env=env, capture_output=True, text=True)
        seen = [len(s.logged()) for s in sites]
        again = subprocess.run(cmd, env=env, capture_output=True, text=True)
        after = [len(s.logged()) for s in sites]
        shown = subprocess.run([*base, "history", f"{sites[0].url}/", "--db", POSTGRES],
                               env=env, capture_output=True, text=True)  # fmt: skip
    assert first.returncode in (0, 1), first.stderr[-2000:]
    assert again.returncode in (0, 1) and after == seen, "a finished site was audited again"
    assert not (out / "sweep.db").exists(), "the ledger went to SQLite, not PostgreSQL"
    engine = sa.create_engine(POSTGRES)
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text(
                "select s.state, s.attempts from sweep_sites s join sweeps w on s.sweep_id = w.id"
                " where w.key like :k order by s.position"
            ),
            {"k": f"%{out.name}%"},
        ).all()
    engine.dispose()
    assert [tuple(r) for r in rows] == [("done", 1), ("done", 1)]
    assert shown.returncode == 0 and "audit(s) of" in shown.stdout, shown.stderr
