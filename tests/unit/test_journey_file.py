"""The journey file: validation errors that name the step and field, a schema kept fresh,
and the codegen import that reads a recording without ever running it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.derive.scripted import journey_milestones, merge
from auditor.journey.codegen import convert
from auditor.journey.model import JourneyError, load_journey, parse_journey, schema_text
from auditor.journey.runner import secrets
from auditor.models import JourneyMark, Milestone, ViewportWalk
from auditor.walk.driver import Located
from auditor.walk.guard import Guard
from tests.support.paths import REPO

START = "http://127.0.0.1:1/"


def _error(data: dict[str, object]) -> str:
    with pytest.raises(JourneyError) as caught:
        parse_journey(data, "j.yaml")
    return str(caught.value)


def test_errors_name_the_step_and_field() -> None:
    steps: list[object] = [{"goto": "/"}, {"click": {"role": "link", "nme": "Help"}}]
    assert _error({"start": START, "steps": steps}).startswith("j.yaml: step 1: click.nme:")
    two = [{"goto": "/", "click": {"text": "x"}}]
    assert "exactly one action, not goto, click" in _error({"start": START, "steps": two})
    ways = [{"click": {"text": "x", "selector": "a"}}]
    assert "step 0: click: give exactly one of role" in _error({"start": START, "steps": ways})
    fill = [{"fill": {"selector": "#q"}}]
    assert "step 0: fill: give exactly one of value or env" in _error(
        {"start": START, "steps": fill}
    )
    assert "step 0: milestone" in _error({"start": START, "steps": [{"milestone": "Bad Name!"}]})
    logins = [{"login": {"url": "/l", "fields": {}, "submit": "b"}}] * 2
    assert "one login step at most" in _error({"start": START, "steps": logins})
    bad_env = [{"login": {"url": "/l", "fields": {"#u": "not a name"}, "submit": "b"}}]
    assert "not an environment variable name" in _error({"start": START, "steps": bad_env})


def test_load_journey_reports_bad_yaml_with_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "j.yaml"
    bad.write_text("start: x\nsteps:\n  - goto: [\n", encoding="utf-8")
    with pytest.raises(JourneyError, match=r"not valid YAML \(line \d+\)"):
        load_journey(bad)
    bad.write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(JourneyError, match="a journey file is a mapping"):
        load_journey(bad)


def test_every_milestone_kind_and_own_names_are_accepted() -> None:
    names = ["contact", "complaint", "escalation", "cancel", "signup", "my-own_goal2"]
    journey = parse_journey({"start": START, "steps": [{"milestone": n} for n in names]})
    assert [s.milestone for s in journey.steps] == names
    assert journey.viewports == ["desktop"] and journey.explore is False


def test_published_schema_is_fresh() -> None:
    published = (REPO / "docs" / "journey.schema.json").read_text(encoding="utf-8")
    assert published == schema_text(), "run: auditor journey schema --out docs/journey.schema.json"
    schema = json.loads(published)
    assert set(schema["$defs"]["JourneyStep"]["properties"]) == {
        "goto", "click", "hover", "press", "fill", "wait_for", "expect", "milestone", "login",
    }  # fmt: skip


def test_missing_environment_variable_is_named() -> None:
    journey = parse_journey(
        {"start": START, "auth": {"headers": {"Authorization": "TOKEN_VAR"}}, "steps": []}
    )
    with pytest.raises(JourneyError, match="environment variable TOKEN_VAR is not set"):
        secrets(journey, {})
    assert secrets(journey, {"TOKEN_VAR": "s3cret"}) == {"TOKEN_VAR": "s3cret"}


CODEGEN = """\
import os
import re
from playwright.sync_api import Playwright, sync_playwright, expect

os.system("touch {marker}")
open("{marker}", "w").write("ran")


def run(playwright: Playwright) -> None:
    browser = playwright.chromium.launch(headless=False)
    context = browser.new_context()
    page = context.new_page()
    page.goto("https://shop.example/")
    page.get_by_role("link", name="Help").click()
    page.get_by_text("Contact us", exact=True).click()
    page.locator("#menu").hover()
    page.get_by_label("Email").fill("me@example.com")
    page.get_by_placeholder("Search").press("Enter")
    expect(page.get_by_text("Our phone")).to_be_visible()
    page.mouse.wheel(0, 400)
    page.close()
    context.close()
    browser.close()


with sync_playwright() as playwright:
    run(playwright)
"""


def test_codegen_import_reads_the_tree_never_runs_it(tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    source = CODEGEN.format(marker=marker)
    text, problems = convert(source, "rec.py")
    assert not marker.exists()  # os.system / open were never called
    journey = parse_journey(__import__("yaml").safe_load(text))
    assert journey.start == "https://shop.example/"
    kinds = [s.kind for s in journey.steps]
    assert kinds == ["click", "click", "hover", "fill", "press", "expect"]
    assert journey.steps[0].click is not None and journey.steps[0].click.name == "Help"
    assert journey.steps[1].click is not None and journey.steps[1].click.exact
    fill = journey.steps[3].fill
    assert fill is not None and fill.env == "JOURNEY_FILL_1" and fill.value is None
    assert "me@example.com" not in text  # a typed value is never copied
    assert problems[0].startswith("line 5: unsupported call: os.system(")
    assert problems[1].startswith("line 6: unsupported call: open(")
    assert any(p.startswith("line 20: unsupported call: page.mouse.wheel") for p in problems)


def test_codegen_cli_writes_the_journey_without_running(tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    rec = tmp_path / "rec.py"
    rec.write_text(CODEGEN.format(marker=marker), encoding="utf-8")
    out = tmp_path / "journey.yaml"
    done = subprocess.run(
        [sys.executable, "-m", "auditor", "journey", "import", str(rec), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    assert "line 5: unsupported call" in done.stderr
    assert load_journey(out).start == "https://shop.example/"
    assert not marker.exists()


def test_codegen_without_goto_or_python_is_an_error() -> None:
    with pytest.raises(JourneyError, match="never opens a page"):
        convert("print('hi')\n")
    with pytest.raises(JourneyError, match="not Python"):
        convert("def (:\n")


def test_guard_allows_exactly_one_request_to_exactly_that_url() -> None:
    guard = Guard()
    guard.allow_once("post", "http://127.0.0.1:9/login")
    assert not guard.take_allowance("POST", "http://127.0.0.1:9/other")
    assert not guard.take_allowance("PUT", "http://127.0.0.1:9/login")
    assert guard.take_allowance("POST", "http://127.0.0.1:9/login")
    assert not guard.take_allowance("POST", "http://127.0.0.1:9/login")  # once
    guard.allow_once("POST", "http://127.0.0.1:9/login")
    guard.revoke()
    assert not guard.take_allowance("POST", "http://127.0.0.1:9/login")


def test_journey_milestones_take_the_minimum_and_add_their_own() -> None:
    walk = ViewportWalk(viewport="desktop", width=1, height=1)
    walk.journey = [
        JourneyMark(index=-1, kind="start", url=START, clicks=0, state=START),
        JourneyMark(index=0, kind="click", label="Help", url=START + "help", clicks=1),
        JourneyMark(index=1, kind="milestone", url=START + "help", clicks=1, milestone="contact"),
        JourneyMark(index=2, kind="milestone", url=START + "help", clicks=1, milestone="cancel"),
        JourneyMark(index=3, kind="goto", url=START, clicks=0),
        JourneyMark(index=4, kind="click", label="Join", url=START + "join", clicks=1),
        JourneyMark(index=5, kind="milestone", url=START + "join", clicks=1, milestone="signup"),
    ]
    scripted = journey_milestones(walk, START)
    assert [s.label for s in scripted["cancel"].path] == ["start page", "Help"]
    assert [s.label for s in scripted["signup"].path] == ["start page", "Join"]  # restarted
    walked = {
        "contact": Milestone(reached=True, clicks=3, url="x"),
        "complaint": Milestone(reached=True, clicks=0, url="y"),
    }
    merged = merge(walked, scripted)
    assert merged["contact"].clicks == 1  # the journey's shorter way wins
    assert merged["complaint"].clicks == 0  # the walk's shorter way stays
    assert merge({"contact": Milestone(reached=True, clicks=0)}, scripted)["contact"].clicks == 0
    assert {"cancel", "signup"} <= set(merged)


def test_a_milestone_after_a_typed_address_never_beats_the_walk() -> None:
    """`goto: /contact` then `milestone: contact` is 0 clicks the customer never had: the
    milestone says which address was typed, and the walk's count from home stands."""
    walk = ViewportWalk(viewport="desktop", width=1, height=1)
    walk.journey = [
        JourneyMark(index=-1, kind="start", url=START, clicks=0, state=START),
        JourneyMark(index=0, kind="goto", url=START + "contact", clicks=0),
        JourneyMark(
            index=1, kind="milestone", url=START + "contact", clicks=0, milestone="contact"
        ),
        JourneyMark(index=2, kind="goto", url=START, clicks=0),
        JourneyMark(index=3, kind="click", label="Complaints", url=START + "c", clicks=1),
        JourneyMark(index=4, kind="milestone", url=START + "c", clicks=1, milestone="complaint"),
        JourneyMark(index=5, kind="goto", url=START + "account/cancel", clicks=1),
        JourneyMark(
            index=6, kind="milestone", url=START + "account/cancel", clicks=1, milestone="cancel"
        ),
    ]
    scripted = journey_milestones(walk, START)
    assert scripted["contact"].typed_address == START + "contact"
    assert scripted["complaint"].typed_address is None  # back home first: a fresh count
    assert scripted["cancel"].typed_address == START + "account/cancel"
    walked = {
        "contact": Milestone(reached=True, clicks=4, url="x"),
        "complaint": Milestone(reached=True, clicks=3, url="y"),
    }
    merged = merge(walked, scripted)
    assert merged["contact"].clicks == 4 and merged["contact"].typed_address is None
    assert merged["complaint"].clicks == 1
    unwalked = merge({"contact": Milestone(reached=False)}, scripted)["contact"]
    assert unwalked.reached and unwalked.typed_address == START + "contact"


@pytest.mark.parametrize(
    ("tag", "type_", "in_form", "label", "submits"),
    [
        ("button", "", True, "Go", True),
        ("button", "submit", True, "Go", True),
        ("button", "button", True, "More options", False),
        ("input", "submit", False, "Send", True),
        ("button", "", False, "Menu", False),
    ],
)
def test_submit_controls_are_recognised(
    tag: str, type_: str, in_form: bool, label: str, submits: bool
) -> None:
    assert Located("e1", tag, type_, label, in_form).submits is submits
