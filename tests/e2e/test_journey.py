"""Scripted journeys end to end: real Chromium against a login-gated fixture site.

``tests/sites/en-account-login`` (Northpeak Fitness) has a public "Join now" page and an
account area behind a real sign-in (a POST to /login sets a session cookie, see
server.json "session"), with "Cancel membership" and "Contact us" inside a "More options"
menu and a "Confirm cancellation" submit button that must never be pressed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.api.evidence import verify
from auditor.journey.commands import run_file
from auditor.journey.model import JourneyError
from auditor.models import Settings
from tests.support.paths import SITES_DIR
from tests.support.siteserver import SESSION_TOKEN, SiteServer

SITE = SITES_DIR / "en-account-login"
USER = "member@northpeak.example"
PASSWORD = "correct-horse-battery"
LOGIN = """
  - login:
      url: /login.html
      action: /login
      fields: {"#user": NP_USER, "#password": NP_PASS}
      submit: "#signin"
"""


@pytest.fixture
def site() -> Iterator[SiteServer]:
    with SiteServer(SITE) as server:
        yield server


@pytest.fixture
def creds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NP_USER", USER)
    monkeypatch.setenv("NP_PASS", PASSWORD)


def _journey(tmp_path: Path, site: SiteServer, body: str, name: str = "j.yaml") -> Path:
    path = tmp_path / name
    path.write_text(f"start: {site.url}/\n" + body, encoding="utf-8")
    return path


def _run(path: Path, out: Path, **settings: object) -> dict[str, object]:
    opts = {"time_limit_s": 60.0, "max_pages": 15, "parallel": 1, **settings}
    result = run_file(path, out, settings=Settings.model_validate(opts))
    report: dict[str, object] = json.loads((out / "report.json").read_text(encoding="utf-8"))
    report["_exit"] = result.exit_code
    return report


def _files_containing(out: Path, secret: str) -> list[str]:
    return [
        str(p.relative_to(out))
        for p in out.rglob("*")
        if p.is_file() and secret.encode() in p.read_bytes()
    ]


def _milestone(report: dict[str, object], name: str) -> dict[str, object]:
    milestones = report["milestones"]
    assert isinstance(milestones, dict)
    found = milestones[name]
    assert isinstance(found, dict)
    return found


def test_login_journey_measures_signup_and_cancel(
    tmp_path: Path, site: SiteServer, creds: None
) -> None:
    path = _journey(
        tmp_path,
        site,
        "steps:\n"
        "  - click: {role: link, name: Join now}\n"
        "  - milestone: signup\n"
        "  - goto: /\n" + LOGIN + "  - click: {role: button, name: More options}\n"
        "  - click: {text: Cancel membership}\n"
        "  - milestone: cancel\n"
        "  - expect: {text: Cancel your membership}\n"
        "  - expect: {url: /account/cancel}\n",
    )
    out = tmp_path / "out"
    report = _run(path, out)
    signup, cancel = _milestone(report, "signup"), _milestone(report, "cancel")
    assert signup["reached"] and signup["clicks"] == 1
    assert str(signup["url"]).endswith("/join.html")
    # log in (1) + More options (1) + Cancel membership (1), from the freshly loaded start
    assert cancel["reached"] and cancel["clicks"] == 3
    assert str(cancel["url"]).endswith("/account/cancel.html")
    labels = [s["label"] for s in cancel["path"]]  # type: ignore[index, union-attr]
    assert labels == ["start page", "log in", "More options", "Cancel membership"]
    assert all(s["screenshot"] for s in cancel["path"])  # type: ignore[index, union-attr]
    finding = next(f for f in report["findings"] if f["slug"] == "cancellation-harder-than-signup")  # type: ignore[union-attr, index]
    assert finding["outcome"] == "fail"
    assert "Cancelling takes 3 click(s), signing up 1" in finding["message"]
    assert report["permitted_actions"] == [f"POST {site.url}/login (login, step 3)"]
    # The one request that acted is the declared login; nothing else ever did.
    assert [(r.method, r.path, r.status) for r in site.non_get_requests()] == [
        ("POST", "/login", 303)
    ]
    assert _files_containing(out, PASSWORD) == []
    assert _files_containing(out, SESSION_TOKEN) == []
    html = (out / "report.html").read_text(encoding="utf-8")
    # Both paths are drawn in the journey map, entry beside exit.
    assert "Sign up (entry)" in html and "Cancel (exit)" in html
    assert "Cancel membership" in html and "Join now" in html
    obs = json.loads((out / "observations.json").read_text(encoding="utf-8"))
    marks = obs["walks"][0]["journey"]
    assert [m["kind"] for m in marks][:3] == ["start", "click", "milestone"]
    assert all(m["screenshot"] for m in marks)  # every step photographed
    checked = verify(out)  # a journey's folder is evidence like an audit's
    assert checked.intact and checked.checked > 0


def test_explore_hands_the_signed_in_state_to_the_walk(
    tmp_path: Path, site: SiteServer, creds: None
) -> None:
    path = _journey(tmp_path, site, "explore: true\nsteps:" + LOGIN)
    out = tmp_path / "out"
    report = _run(path, out)
    contact = _milestone(report, "contact")
    # Inside the account: log in (1) + More options (1), the phone shows on the menu's
    # "Contact us" page: one more follow (1).
    assert contact["reached"], report["status_reason"]
    assert str(contact["url"]).endswith("/account/contact.html")
    assert contact["clicks"] == 3
    pages = {str(p["url"]).split("/", 3)[-1] for p in report["pages"]}  # type: ignore[union-attr, index]
    assert {"account/membership.html", "account/cancel.html"} <= pages
    # The walk kept the session (no bounce to the login page) and pressed nothing that acts.
    assert [(r.method, r.path) for r in site.non_get_requests()] == [("POST", "/login")]
    assert _files_containing(out, PASSWORD) == []


def test_a_step_on_an_acting_control_is_refused(
    tmp_path: Path, site: SiteServer, creds: None
) -> None:
    path = _journey(
        tmp_path,
        site,
        "steps:" + LOGIN + "  - goto: /account/cancel.html\n"
        "  - click: {role: button, name: Confirm cancellation}\n",
    )
    with pytest.raises(JourneyError, match=r"step 2 \(click\): refused: 'Confirm cancellation'"):
        _run(path, tmp_path / "out")
    assert [r.path for r in site.non_get_requests()] == ["/login"]


def test_cli_refusal_and_bad_file_are_one_line_exit_2(tmp_path: Path, site: SiteServer) -> None:
    refused = _journey(tmp_path, site, "steps:\n  - click: {selector: 'button[type=submit]'}\n")
    refused.write_text(
        f"start: {site.url}/join.html\nsteps:\n  - click: {{selector: 'button[type=submit]'}}\n",
        encoding="utf-8",
    )
    done = _cli("journey", str(refused), "--out", str(tmp_path / "o1"))
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "step 0 (click): refused" in done.stderr
    assert site.non_get_requests() == []
    bad = _journey(tmp_path, site, "steps:\n  - goto: /\n  - click: {role: link, text: x}\n")
    done = _cli("journey", str(bad), "--out", str(tmp_path / "o2"))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "step 1: click" in done.stderr
    assert "Traceback" not in done.stderr


def test_every_step_kind(tmp_path: Path, site: SiteServer, creds: None) -> None:
    path = _journey(
        tmp_path,
        site,
        "steps:\n"
        "  - hover: {role: link, name: Help}\n"
        "  - click: {role: link, name: Join now}\n"
        "  - fill: {selector: 'input[name=email]', env: NP_USER}\n"
        "  - wait_for: {text: Start your membership}\n"
        "  - goto: /help.html\n"
        "  - press: {role: link, name: Join now, key: Enter, exact: true}\n"
        "  - expect: {url: /join.html}\n"
        + LOGIN
        + "  - click: {role: button, name: More options}\n"
        "  - click: {role: link, name: Contact us}\n"
        "  - expect: {channel: phone}\n"
        "  - milestone: contact\n"
        "  - milestone: my-own-goal\n",
    )
    out = tmp_path / "out"
    report = _run(path, out)
    obs = json.loads((out / "observations.json").read_text(encoding="utf-8"))
    marks = [(m["kind"], m["clicks"], m["ok"]) for m in obs["walks"][0]["journey"]]
    assert marks == [
        ("start", 0, True),
        ("hover", 1, True),
        ("click", 2, True),
        ("fill", 2, True),  # typing is not a click
        ("wait_for", 2, True),  # nor is waiting
        ("goto", 2, True),  # a load, not a click
        ("press", 3, True),  # a key press on a link is one click
        ("expect", 3, True),
        ("login", 4, True),
        ("click", 5, True),
        ("click", 6, True),
        ("expect", 6, True),
        ("milestone", 6, True),
        ("milestone", 6, True),
    ]
    assert _milestone(report, "my-own-goal")["clicks"] == 6
    contact = _milestone(report, "contact")
    assert contact["reached"] and contact["clicks"] is not None and contact["clicks"] <= 6  # type: ignore[operator]
    # The address typed into the join form (a secret from the environment) is nowhere.
    assert _files_containing(out, USER) == []
    assert [(r.method, r.path) for r in site.non_get_requests()] == [("POST", "/login")]


def test_auth_from_env_cookie_and_header_never_written(
    tmp_path: Path, site: SiteServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NP_SESSION", SESSION_TOKEN)
    monkeypatch.setenv("NP_HEADER", "header-secret-42")
    path = _journey(
        tmp_path,
        site,
        "viewports: [desktop, mobile]\n"
        "auth:\n"
        "  cookies: [{name: np_session, env: NP_SESSION}]\n"
        "  headers: {X-Test-Auth: NP_HEADER}\n"
        "steps:\n"
        "  - goto: /account/\n"
        "  - expect: {text: Welcome back}\n"
        "  - milestone: account\n",
    )
    out = tmp_path / "out"
    report = _run(path, out)
    assert _milestone(report, "account")["reached"]
    by_viewport = report["by_viewport"]
    assert isinstance(by_viewport, dict) and set(by_viewport) == {"desktop", "mobile"}
    assert all(v["milestones"]["account"]["reached"] for v in by_viewport.values())
    sent = [r for r in site.logged() if r.path == "/account/"]
    assert sent and sent[0].headers.get("X-Test-Auth") == "header-secret-42"
    assert _files_containing(out, "header-secret-42") == []
    assert _files_containing(out, SESSION_TOKEN) == []
    assert site.non_get_requests() == []


def test_storage_state_signs_in(tmp_path: Path, site: SiteServer) -> None:
    state = tmp_path / "state.json"
    host = site.url.split("//")[1].split(":")[0]
    cookie = {
        "name": "np_session",
        "value": SESSION_TOKEN,
        "domain": host,
        "path": "/",
        "expires": -1,
        "httpOnly": True,
        "secure": False,
        "sameSite": "Lax",
    }
    state.write_text(json.dumps({"cookies": [cookie], "origins": []}), encoding="utf-8")
    path = _journey(
        tmp_path,
        site,
        f"auth: {{storage_state: {state}}}\nsteps:\n  - goto: /account/\n"
        "  - expect: {text: Welcome back}\n",
    )
    report = _run(path, tmp_path / "out")
    assert report["status"] == "complete", report["status_reason"]


def test_an_unmet_expectation_stops_the_journey_partial(tmp_path: Path, site: SiteServer) -> None:
    path = _journey(
        tmp_path, site, "steps:\n  - expect: {text: No such words here}\n  - milestone: never\n"
    )
    report = _run(path, tmp_path / "out")
    assert report["status"] == "partial"
    assert "step 0 (expect) failed" in str(report["status_reason"])
    assert report["_exit"] == 3
    assert "never" not in report["milestones"]  # type: ignore[operator]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, CI="true", PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    return subprocess.run(
        [sys.executable, "-m", "auditor", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
