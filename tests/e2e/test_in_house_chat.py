"""Chats a site runs itself, with no vendor's fingerprint (issue 11, criterion 4).

A launcher that says chat is a chat only when pressing it showed a place to write (a send
control or a text form); who answers is then read from what it showed.  The walk opens
the chat but never sends anything (DESIGN §8): its "Send" is refused.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.audit import run_audit
from auditor.derive import derive
from auditor.models import Settings
from tests.support.siteserver import SiteServer

pytestmark = pytest.mark.browser

PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{brand}</title>
<style>#launch{{position:fixed;right:16px;bottom:16px;padding:12px 18px}}
#panel{{position:fixed;right:16px;bottom:70px;width:320px;border:1px solid #888;background:#fff}}
</style></head><body><header><nav><a href="/">{home}</a></nav></header>
<main><h1>{brand}</h1><p>{intro}</p></main>
<button type="button" id="launch">{launcher}</button>
<div id="panel" hidden><p>{greeting}</p>{box}</div>
<script>
document.getElementById('launch').addEventListener('click', () => {{
  document.getElementById('panel').hidden = false;
}});
const send = document.getElementById('send');
if (send) send.addEventListener('click', () => {{
  fetch('/api/chat/messages', {{method: 'POST', body: document.getElementById('msg').value}});
}});
</script></body></html>"""

BOX = (
    '<textarea id="msg" aria-label="{label}"></textarea>'
    '<button type="button" id="send">{send}</button>'
)
SETTINGS = Settings(viewports=["desktop"], screenshots=False, time_limit_s=60, max_pages=4)


def _audit(tmp_path: Path, html: str) -> tuple[list[object], list[object]]:
    with SiteServer(None, files={"/index.html": html.encode()}) as server:
        obs = run_audit(server.url + "/", SETTINGS, tmp_path)
        assert server.non_get_requests() == []
        assert not any(r.path.startswith("/api/chat") for r in server.logged())
    view = derive(obs)
    return [c for c in view.channels if c.kind == "chat"], list(view.channels)


def test_an_in_house_chat_whose_panel_names_advisers_is_a_human_chat(tmp_path: Path) -> None:
    html = PAGE.format(
        lang="en",
        brand="Kestrel Water",
        home="Home",
        intro="Your local water supplier.",
        launcher="Chat with us",
        greeting="Hello! An adviser will reply in a few minutes, 8am to 8pm.",
        box=BOX.format(label="Your message", send="Send"),
    )
    chats, _ = _audit(tmp_path, html)
    assert len(chats) == 1, chats
    chat = chats[0]
    assert chat.value == "in-house"
    assert chat.human is True
    assert chat.visible is True


def test_an_in_house_chat_run_by_a_virtual_assistant_is_a_bot(tmp_path: Path) -> None:
    html = PAGE.format(
        lang="de",
        brand="Nordstrom Energie",
        home="Start",
        intro="Ökostrom aus dem Norden.",
        launcher="Chatten Sie mit uns",
        greeting="Hallo! Ich bin Max, Ihr virtueller Assistent.",
        box=BOX.format(label="Ihre Nachricht", send="Senden"),
    )
    chats, _ = _audit(tmp_path, html)
    assert len(chats) == 1, chats
    assert chats[0].value == "in-house"
    assert chats[0].human is False


def test_a_chat_button_that_opens_no_place_to_write_is_no_chat(tmp_path: Path) -> None:
    html = PAGE.format(
        lang="fr",
        brand="Maison Loire",
        home="Accueil",
        intro="Mobilier de jardin.",
        launcher="Discuter avec nous",
        greeting="Notre chat revient bientôt.",
        box="",
    )
    chats, channels = _audit(tmp_path, html)
    assert chats == [], channels
