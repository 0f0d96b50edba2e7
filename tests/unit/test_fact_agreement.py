"""Rules and observers read links with one vocabulary, in every supported language.

A German "Beschwerde" link that ends at a sign-in page must be a complaint link for the
observer (page facts) and for the rules alike; before the fact vocabulary, a second
matcher in the rules ignored the lexicon's syntax and missed it.
"""

from __future__ import annotations

import pytest

from auditor.derive import derive
from auditor.models import Edge, Element, Observations, PageState, ToolInfo, ViewportWalk
from rules.engine import judge

BASE = "https://marke.example"

LABELS = [
    ("de", "Beschwerde einreichen", "complaint"),
    ("de", "Reklamation", "complaint"),
    ("de", "Kontaktformular", "contact"),
    ("de", "Verträge hier kündigen", "cancel"),
    ("fr", "Réclamations", "complaint"),
    ("fr", "Nous contacter", "contact"),
    ("fr", "Résilier mon abonnement", "cancel"),
    ("es", "Reclamaciones", "complaint"),
    ("es", "Atención al cliente", "contact"),
    ("es", "Darse de baja", "cancel"),
    ("he", "תלונות הציבור", "complaint"),
    ("he", "צרו קשר", "contact"),
    ("he", "ביטול מנוי", "cancel"),
    ("it", "Reclami", "complaint"),
    ("it", "Contattaci", "contact"),
    ("it", "Disdici", "cancel"),
    ("pt", "Reclamações", "complaint"),
    ("pt", "Fale conosco", "contact"),
    ("pt", "Cancelar assinatura", "cancel"),
]


def _audit(label: str, lang: str, target: PageState) -> Observations:
    home = PageState(
        url=f"{BASE}/",
        requested_url=f"{BASE}/",
        status=200,
        lang=lang,
        title="Start",
        elements=[
            Element(
                id="e1", tag="a", kind="link", text=label, name=label,
                href=target.requested_url, visible=True, region="main",
            )
        ],
    )  # fmt: skip
    edge = Edge(
        source=home.url, target=target.requested_url, element_id="e1", label=label, selector="#e1"
    )
    walk = ViewportWalk(
        viewport="desktop", width=1366, height=768, pages=[home, target], edges=[edge]
    )
    return Observations(
        tool=ToolInfo(version="test"),
        start_url=home.url,
        started_at="2026-01-01T00:00:00Z",
        walks=[walk],
    )


def _finding(obs: Observations, slug: str) -> tuple[str, str]:
    found = next(f for f in judge(obs, as_of="2026-12-01").findings if f.slug == slug)
    return str(found.outcome), found.message


@pytest.mark.parametrize(("lang", "label", "intent"), LABELS)
def test_the_observer_names_the_intent(lang: str, label: str, intent: str) -> None:
    login = PageState(url=f"{BASE}/login", requested_url=f"{BASE}/x", status=200)
    walk = derive(_audit(label, lang, login)).walk("desktop")
    assert walk is not None
    facts = walk.facts_of(f"{BASE}/")
    assert facts is not None
    assert intent in facts.intents.get("e1", []), f"{lang}: {label!r} → {facts.intents}"
    assert intent in walk.edge_intents(walk.edges[0])


@pytest.mark.parametrize(("lang", "label", "intent"), LABELS)
def test_login_wall_rule_agrees(lang: str, label: str, intent: str) -> None:
    login = PageState(
        url=f"{BASE}/anmelden", requested_url=f"{BASE}/x", status=200, login_wall=True
    )
    outcome, message = _finding(_audit(label, lang, login), "login-wall")
    assert outcome == "fail", f"{lang}: {label!r}: {message}"
    assert label in message


@pytest.mark.parametrize(("lang", "label", "intent"), LABELS)
def test_broken_link_rule_agrees(lang: str, label: str, intent: str) -> None:
    gone = PageState(url=f"{BASE}/x", requested_url=f"{BASE}/x", status=404)
    outcome, message = _finding(_audit(label, lang, gone), "contact-link-broken")
    assert outcome == "fail", f"{lang}: {label!r}: {message}"


def test_an_unrelated_label_is_no_journey_link() -> None:
    login = PageState(
        url=f"{BASE}/anmelden", requested_url=f"{BASE}/x", status=200, login_wall=True
    )
    outcome, _ = _finding(_audit("Unsere Produkte", "de", login), "login-wall")
    assert outcome == "pass"
