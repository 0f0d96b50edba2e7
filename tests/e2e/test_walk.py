"""The walk's acceptance on fixture sites: hidden paths found with exact clicks, dead ends
recorded, budgets held, no side effects, and the CLI's contract."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.audit import run_audit
from auditor.derive import WalkView, derive
from auditor.models import Milestone, Observations, Settings
from tests.conftest import SITES_DIR, AuditCache
from tests.support.siteserver import SiteServer

pytestmark = pytest.mark.browser


def _actions(milestone: Milestone) -> list[str]:
    return [step.action for step in milestone.path]


def _walk(obs: Observations, viewport: str) -> WalkView:
    walk = derive(obs).walk(viewport)
    assert walk is not None, f"no {viewport} walk"
    return walk


def test_contact_behind_a_javascript_built_hamburger_menu(audits: AuditCache) -> None:
    obs = audits.get("en-hamburger-js").observations
    contact = _walk(obs, "desktop").milestones["contact"]
    assert contact.reached and contact.clicks == 2
    assert _actions(contact) == ["load", "expand", "follow"]
    assert contact.prominent_clicks is None, "a collapsed desktop menu is not a prominent path"
    home = _walk(obs, "desktop").pages[0]
    press = home.presses[0]
    assert press.action == "expand" and press.revealed > 0


def test_phone_inside_a_closed_accordion_costs_one_press(audits: AuditCache) -> None:
    obs = audits.get("es-accordion").observations
    phone = next(c for c in derive(obs).channels if c.kind == "phone")
    assert phone.clicks == 2 and phone.depth == 1
    assert phone.path[-1].action == "expand"
    help_page = next(p for p in _walk(obs, "desktop").pages if p.url.endswith("/ayuda.html"))
    hidden_then_shown = [b for b in help_page.text_blocks if b.depth == 1 and b.visible]
    assert hidden_then_shown, "the accordion's content should be recorded as revealed by a press"


def test_contact_revealed_by_answering_no_to_was_this_helpful(audits: AuditCache) -> None:
    obs = audits.get("en-helpful-no").observations
    contact = _walk(obs, "desktop").milestones["contact"]
    assert contact.reached and contact.clicks == 5
    assert "answer" in _actions(contact)
    answer = next(s for s in contact.path if s.action == "answer")
    assert answer.label.lower().startswith("no")


def test_dead_ends_are_recorded(audits: AuditCache) -> None:
    obs = audits.get("en-broken").observations
    walk = _walk(obs, "desktop")
    statuses = {p.requested_url.rsplit("/", 1)[-1]: p for p in walk.pages}
    assert any(p.status == 404 for p in walk.pages), "the 404 contact page was not recorded"
    loops = [p for p in walk.pages if p.error == "redirect_loop"] + [
        c for c in walk.link_checks if c.redirect_loop
    ]
    assert loops, "the complaints redirect loop was not recorded"
    walls = [p for p in walk.pages if p.login_wall]
    assert walls and any(p.redirect_chain for p in walls), "login wall after a redirect expected"
    assert statuses, "pages recorded"


def test_walk_stays_inside_its_budgets_on_an_infinite_calendar(tmp_path: Path) -> None:
    settings = Settings(
        max_pages=12, max_depth=4, time_limit_s=60, viewports=["desktop"], screenshots=False
    )
    with SiteServer(SITES_DIR / "en-broken") as server:
        obs = run_audit(server.url + "/", settings, tmp_path)
    walk = _walk(obs, "desktop")
    assert len(walk.pages) <= 12
    assert "pages" in walk.budget_exhausted
    assert max(walk.clicks.values()) <= 4
    calendar = [p for p in walk.pages if "/events" in p.url]
    assert calendar, "the calendar should be entered"
    assert obs.status == "complete"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, CI="true")
    return subprocess.run(
        [sys.executable, "-m", "auditor", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_cli_audit_writes_observations_for_both_viewports(tmp_path: Path) -> None:
    with SiteServer(SITES_DIR / "en-good") as server:
        proc = _cli("audit", server.url + "/", "--out", str(tmp_path), "--max-pages", "25")
        acting = server.non_get_requests()
    assert proc.returncode in (0, 1), proc.stderr
    data = json.loads((tmp_path / "observations.json").read_text())
    assert {w["viewport"] for w in data["walks"]} == {"desktop", "mobile"}
    assert all(w["pages"] for w in data["walks"])
    assert (tmp_path / "report.json").is_file() and (tmp_path / "report.html").is_file()
    assert acting == []


def test_cli_unreachable_host_exits_3_with_one_line(tmp_path: Path) -> None:
    port = _free_port()  # nothing listens there
    proc = _cli("audit", f"http://127.0.0.1:{port}/", "--out", str(tmp_path))
    assert proc.returncode == 3, proc.stderr
    assert "Traceback" not in proc.stderr
    last = [line for line in proc.stderr.splitlines() if line.strip()][-1]
    assert "unreachable" in last
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["status"] == "failed"


def test_cli_rejects_a_bad_url_with_exit_2(tmp_path: Path) -> None:
    proc = _cli("audit", "ftp://example.invalid/", "--out", str(tmp_path))
    assert proc.returncode == 2
    assert proc.stderr.strip().startswith("auditor:") and "Traceback" not in proc.stderr
