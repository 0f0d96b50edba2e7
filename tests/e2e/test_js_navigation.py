"""Issue 11 on the SPA / wizard fixture sites: presses that change the URL are page
transitions, wizards are walked to the end one click per action, and nothing that acts
is ever pressed (DESIGN §4, §8)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.conftest import AuditCache

pytestmark = pytest.mark.browser

WIZARD_SITES = ("en-spa-wizard", "de-hash-wizard", "fr-spa-assistant")
# URLs the acting controls of the last wizard steps would request.
ACTING_PATHS = ("/api/", "/kontakt/gesendet", "/aide/envoye")


def _route(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"#{parts.fragment}" if parts.fragment else "")


@pytest.mark.parametrize("site", WIZARD_SITES)
def test_acting_last_steps_are_never_pressed(site: str, audits: AuditCache) -> None:
    audited = audits.get(site)
    assert [r for r in audited.requests if r.method not in ("GET", "HEAD")] == []
    assert not [r.path for r in audited.requests if r.path.startswith(ACTING_PATHS)]
    pressed = {p.label for w in audited.observations.walks for s in w.pages for p in s.presses}
    assert not pressed & {"Send message", "Absenden", "Envoyer"}, pressed


def test_pushstate_routes_are_pages_reached_by_press_edges(audits: AuditCache) -> None:
    walk = audits.get("en-spa-wizard").observations.walk("desktop")
    assert walk is not None
    routes = {_route(p.url) for p in walk.pages}
    assert {"/", "/help", "/contact", "/tariffs"} <= routes
    edges = {(_route(e.source), _route(e.target)): e for e in walk.edges if e.action == "press"}
    assert edges[("/", "/help")].label.startswith("Help and support")
    assert edges[("/help", "/contact")].label == "Contact us"
    assert edges[("/help", "/contact")].depth == 2, "No, then Still need help? before it"


def test_the_wizard_path_names_each_choice_and_each_continue(audits: AuditCache) -> None:
    report = audits.get("en-spa-wizard").report
    contact = report.milestones["contact"]  # type: ignore[attr-defined]
    steps = [(s.action, s.label) for s in contact.path]
    assert contact.clicks == 10 == len(steps) - 1
    assert steps[:5] == [
        ("load", "start page"),
        ("press", "Help and support Answers to common questions about your account"),
        ("answer", "No"),
        ("expand", "Still need help?"),
        ("press", "Contact us"),
    ]
    assert steps[5:] == [
        ("answer", "choose: I want to make a complaint"),
        ("press", "Continue"),
        ("answer", "choose: Yes"),
        ("press", "Continue"),
        ("answer", "choose: In the next few days"),
        ("press", "Continue"),
    ]


def test_a_decision_tree_takes_the_branch_that_promises_support(audits: AuditCache) -> None:
    report = audits.get("de-hash-wizard").report
    contact = report.milestones["contact"]  # type: ignore[attr-defined]
    labels = [s.label for s in contact.path]
    assert "choose: Beschwerde einreichen" in labels
    assert labels.count("Weiter") == 3
    walk = audits.get("de-hash-wizard").observations.walk("mobile")
    assert walk is not None
    assert {"/#/hilfe", "/#/hilfe/kontakt"} <= {_route(p.url) for p in walk.pages}
