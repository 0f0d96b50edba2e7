"""E-mail addresses drawn by CSS to keep scrapers off (DESIGN §7).

A customer reads "complaints@brand.com" whether the page holds it in order or not: letters
reversed by ``unicode-bidi: bidi-override`` in a right-to-left box, an "@" put in by
``::before`` into an empty element, or a whole address built by ``content: attr(...)``.
An icon font's glyph in the same way is not text, and right-to-left writing under an
override keeps its order.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.audit import run_audit
from auditor.derive import derive
from auditor.models import Settings
from tests.support.siteserver import SiteServer

pytestmark = pytest.mark.browser

HOME = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{brand}</title>
</head><body><header><nav><a href="/contact">{contact}</a></nav></header>
<main><h1>{brand}</h1></main></body></html>"""

CONTACT = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8">
<title>{contact}</title><style>
.rev {{unicode-bidi: bidi-override; direction: rtl}}
.at::before {{content: "@"}}
.mail::after {{content: attr(data-user) "\\40" attr(data-domain)}}
.ico::before {{content: "\\e900"}}
</style></head><body><main><h1>{contact}</h1>
<p>{complaints}: <span class="rev">{reversed}</span></p>
<p>{billing}: <span>billing</span><span class="at"></span><span>{domain}</span></p>
<p>{press}: <span class="mail" data-user="press" data-domain="{domain}"></span>
<i class="ico"></i></p>
<p lang="he" dir="rtl"><span class="rev">שירות לקוחות</span></p>
</main></body></html>"""

WORDS = {
    "en": {
        "brand": "Kinslow Energy",
        "contact": "Contact us",
        "complaints": "Complaints",
        "billing": "Billing",
        "press": "Press office",
        "domain": "kinslow-energy.com",
    },
    "de": {
        "brand": "Wendel Strom",
        "contact": "Kontakt",
        "complaints": "Beschwerden",
        "billing": "Rechnungen",
        "press": "Presse",
        "domain": "wendel-strom.de",
    },
}
SETTINGS = Settings(viewports=["desktop"], screenshots=False, time_limit_s=60, max_pages=4)


@pytest.mark.parametrize("lang", sorted(WORDS))
def test_addresses_drawn_by_css_are_read_as_a_customer_reads_them(
    lang: str, tmp_path: Path
) -> None:
    w = WORDS[lang]
    complaints = f"complaints@{w['domain']}"
    files = {
        "/index.html": HOME.format(lang=lang, **w).encode(),
        "/contact/index.html": CONTACT.format(lang=lang, reversed=complaints[::-1], **w).encode(),
    }
    with SiteServer(None, files=files) as server:
        obs = run_audit(server.url + "/", SETTINGS, tmp_path)
        assert server.non_get_requests() == []
    view = derive(obs)
    emails = {c.value: c.clicks for c in view.channels if c.kind == "email"}
    assert emails == {
        complaints: 1,
        f"billing@{w['domain']}": 1,
        f"press@{w['domain']}": 1,
    }, emails
    texts = [b.text for walk in obs.walks for p in walk.pages for b in p.text_blocks]
    assert any("שירות לקוחות" in t for t in texts), "right-to-left text keeps its order"
    assert not any("\ue900" in t for t in texts), "an icon glyph is not text"
