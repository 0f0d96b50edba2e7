"""A page that answers as the site does an address that cannot exist is a soft 404, in
any language (issue 11; DESIGN §4 dead ends).

The lexicon reads "page not found" in seven languages; a server that answers every
missing page with 200 and its own "Oeps! Deze pagina bestaat niet" is caught by
comparison instead: the walk loads one made-up address (a plain GET) and derive calls a
page with the same title and main heading, and no channel, a dead end.  A site whose
unknown addresses draw the home page gives no such verdict.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.audit import run_audit
from auditor.demo.serve import HTML_TYPE, Answer
from auditor.derive import derive
from auditor.models import DeadEnd, Settings
from auditor.walk.crawler import unknown_address
from tests.support.siteserver import SiteServer

pytestmark = pytest.mark.browser

SITES = {
    "nl": {
        "brand": "Waterbedrijf Zuid",
        "service": "Klantenservice",
        "complaints": "Klachten",
        "welcome": "Welkom bij Waterbedrijf Zuid",
        "call": "Bel ons",
        "missing": "Oeps! Deze pagina bestaat niet (meer)",
    },
    "pl": {
        "brand": "Wodociągi Południe",
        "service": "Obsługa klienta",
        "complaints": "Reklamacje",
        "welcome": "Witamy w Wodociągach Południe",
        "call": "Zadzwoń do nas",
        "missing": "Ups! Ta strona nie istnieje",
    },
}


def _page(lang: str, title: str, body: str) -> bytes:
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body>{body}</body></html>"
    ).encode()


def _files(lang: str) -> dict[str, bytes]:
    w = SITES[lang]
    nav = (
        f'<header><nav><a href="/service">{w["service"]}</a> '
        f'<a href="/complaints">{w["complaints"]}</a></nav></header>'
    )
    return {
        "/index.html": _page(lang, w["brand"], f"{nav}<main><h1>{w['welcome']}</h1></main>"),
        "/service/index.html": _page(
            lang,
            f"{w['service']} – {w['brand']}",
            f"<main><h1>{w['service']}</h1><p>{w['call']}: "
            f'<a href="tel:+31201234567">020 123 4567</a></p></main>',
        ),
        # The site's own "not found" page, which this server answers with 200.
        "/404.html": _page(
            lang, w["brand"], f'<main><h1>{w["missing"]}</h1><p><a href="/">↩</a></p></main>'
        ),
    }


class Soft404Server(SiteServer):
    """Answers a missing page with its 404 page and status 200, as many servers do."""

    def not_found(self) -> Answer:
        page = self.read("/404.html")
        assert page is not None
        return Answer(200, page, {"Content-Type": HTML_TYPE})


SETTINGS = Settings(viewports=["desktop"], screenshots=False, time_limit_s=60, max_pages=6)


@pytest.mark.parametrize("lang", sorted(SITES))
def test_a_page_that_answers_like_a_made_up_address_is_a_dead_end(
    lang: str, tmp_path: Path
) -> None:
    with Soft404Server(None, files=_files(lang)) as server:
        obs = run_audit(server.url + "/", SETTINGS, tmp_path)
        log = server.logged()
        assert server.non_get_requests() == []
    probe = unknown_address(server.url + "/")
    assert sum(1 for r in log if server.url + r.path == probe) == 1, "one made-up address"
    walk = obs.walks[0]
    assert walk.unknown_address is not None and walk.unknown_address.status == 200
    view = derive(obs)
    facts = {f.url: f for f in view.walks[0].facts}
    missing = facts[server.url + "/complaints"]
    assert missing.dead_end == DeadEnd.NOT_FOUND, missing
    assert SITES[lang]["missing"] in missing.dead_end_evidence
    # The page that offers the phone, and the start page, are no dead ends.
    assert facts[server.url + "/service"].dead_end is None
    assert facts[server.url + "/"].dead_end is None
    assert [c.kind for c in view.channels] == ["phone"]


def test_a_site_that_draws_home_for_unknown_addresses_gives_no_verdict(tmp_path: Path) -> None:
    files = _files("nl")
    files["/404.html"] = files["/index.html"]  # every unknown route draws the home page
    with Soft404Server(None, files=files) as server:
        obs = run_audit(server.url + "/", SETTINGS, tmp_path)
    view = derive(obs)
    assert all(f.dead_end is None for f in view.walks[0].facts), [
        (f.url, f.dead_end) for f in view.walks[0].facts
    ]
