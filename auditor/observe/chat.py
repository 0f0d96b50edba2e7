"""Chat widgets: which vendor, whether a launcher shows, and whether people answer.

Vendors are recognised from script URLs, in-page globals, iframe URLs and DOM markers
(``data/chat_vendors.json``).  Hosts are matched anywhere in a URL because sites proxy
vendor scripts through their own paths.  A chat reaches the contact milestone only when
the site says people answer it (DESIGN §4), so ``human`` is True on a human cue, False
on a bot cue ("virtual assistant"), and None when the site says nothing.  The widget's
own words decide first (its launcher, then the visible text of the vendor's iframe when
the launcher is in one, then what pressing it showed and the text in its markup), then
the page's sentences that speak of its chat, then the page's visible text -- but there
only words that name people who answer ("nos conseillers"), not "our team", which may be
the carpenters'; a bot named anywhere makes the chat a bot (never in the brand's favour).
A global or a script alone is never "visible".
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from auditor.models import Element, PageState
from auditor.observe.lexicon import matcher
from auditor.observe.text import fold

__all__ = ["CHAT_GLOBALS", "ChatWidget", "chat_human", "detect_chats", "vendors"]


@cache
def vendors() -> dict[str, dict[str, list[str]]]:
    """Vendor id -> {scripts, globals, iframes, dom} fingerprints."""
    ref = resources.files("auditor.observe.data").joinpath("chat_vendors.json")
    data: dict[str, dict[str, list[str]]] = json.loads(ref.read_text(encoding="utf-8"))
    return data


CHAT_GLOBALS: list[str] = sorted({g for v in vendors().values() for g in v["globals"]})
_CHAT_WORD = ("chat", "צ'אט", "צאט", "messenger", "mensaje")


@dataclass(frozen=True)
class ChatWidget:
    """One vendor seen on a page."""

    vendor: str
    evidence: str
    launcher: Element | None
    active: bool
    human: bool | None


def chat_human(text: str, *, team: bool = True) -> bool | None:
    """True when text says people answer, False when it says a bot does, else None.

    A bot cue wins: "virtual agent" and "נציג וירטואלי" hold a human word too, and text
    that mentions both an assistant and people ("our agents answer 9-18, our virtual
    assistant at other times") does not promise a person -- never in the brand's favour.
    ``team`` words ("notre équipe", "unsere Mitarbeiter") speak for a chat only in the
    widget's own words or a sentence about the chat: on a page they are anyone's team.
    """
    folded = fold(text)
    if not folded:
        return None
    if matcher("chat_bot").search(folded):
        return False
    if matcher("chat_human").search(folded):
        return True
    if team and matcher("chat_human_team").search(folded):
        return True
    return None


def _find_launcher(state: PageState, markers: list[str]) -> Element | None:
    lowered = [m.lower() for m in markers]
    chatty: Element | None = None
    for element in state.elements:
        if element.kind == "link" and element.href and not element.href.startswith("#"):
            continue
        selector = element.selector.lower()
        if any(m in selector for m in lowered):
            return element
        label = fold(f"{element.name} {element.text}")
        if chatty is None and any(w in label for w in _CHAT_WORD):
            chatty = element
    return chatty


_SENTENCE = re.compile(r"(?<=[.!?;])\s+")


def _widget_words(state: PageState, launcher: Element | None, markers: list[str]) -> str:
    """The words that speak for the widget: what pressing its launcher showed, text inside
    its own markup, and the page's sentences about its chat.

    "Notre équipe de douze ébénistes" on an about-us section says nothing about who
    answers the chat (DESIGN §4: the widget's own words decide); "notre équipe vous
    répond par chat" does.
    """
    lowered = [m.lower() for m in markers]
    own: list[str] = []
    about: list[str] = []
    for b in state.text_blocks:
        if not b.visible or not b.text:
            continue
        selector = b.selector.lower()
        if (launcher is not None and b.revealed_by == launcher.id) or any(
            m in selector for m in lowered
        ):
            own.append(b.text)
            continue
        about += [s for s in _SENTENCE.split(b.text) if any(w in fold(s) for w in _CHAT_WORD)]
    return " ".join(own + about)


def _who_answers(
    state: PageState,
    launcher: Element | None,
    markers: list[str],
    page_text: str,
    *,
    vendor_frame: bool,
) -> bool | None:
    """``human`` of a chat: its launcher's words, then (``vendor_frame``: a vendor's iframe
    holds the widget alone) that frame's words, then the widget's own words, then the page's.
    """
    human = None
    if launcher is not None:
        human = chat_human(f"{launcher.name} {launcher.text}")
    if human is None and vendor_frame and launcher is not None and launcher.frame:
        own = [b.text for b in state.text_blocks if b.visible and b.frame == launcher.frame]
        human = chat_human(" ".join(own))
    if human is None:
        human = chat_human(_widget_words(state, launcher, markers))
    if human is None:
        # The page's own words, without the team words anyone's page holds; a bot
        # named anywhere still wins (never a person the site did not promise).
        human = chat_human(page_text, team=False)
    return human


def detect_chats(state: PageState) -> list[ChatWidget]:
    """Every chat vendor whose fingerprint shows on the page."""
    scripts = [s.lower() for s in state.scripts]
    iframes = [s.lower() for s in state.iframes]
    present = set(state.globals)
    selectors = " ".join(e.selector.lower() for e in state.elements)
    page_text = " ".join(b.text for b in state.text_blocks if b.visible)
    out: list[ChatWidget] = []
    for vendor, prints in vendors().items():
        evidence = ""
        hit = next((s for s in scripts for p in prints["scripts"] if p.lower() in s), None)
        if hit:
            evidence = f"script {hit}"
        glob = next((g for g in prints["globals"] if g in present), None)
        if glob and not evidence:
            evidence = f"global {glob}"
        frame = next((f for f in iframes for p in prints["iframes"] if p.lower() in f), None)
        if frame and not evidence:
            evidence = f"iframe {frame}"
        dom = next((d for d in prints["dom"] if d.lower() in selectors), None)
        if dom and not evidence:
            evidence = f"dom {dom}"
        if not evidence:
            continue
        launcher = _find_launcher(state, prints["dom"])
        human = _who_answers(state, launcher, prints["dom"], page_text, vendor_frame=True)
        active = bool(glob or frame or dom or (launcher is not None and launcher.visible))
        out.append(ChatWidget(vendor, evidence, launcher, active, human))
    if not out:
        in_house = _in_house(state, page_text)
        if in_house is not None:
            out.append(in_house)
    return out


IN_HOUSE = "in-house"


def _in_house(state: PageState, page_text: str) -> ChatWidget | None:
    """A chat the site runs itself: no vendor's fingerprint, but a launcher that says chat
    and, once pressed, showed a message box (a send control, or a form to type in).

    A label alone is no chat (a "Chat" button that opens nothing offers nothing), so
    only what the press showed makes it one; who answers is read as for a vendor's.
    """
    pressed = {p.element_id for p in state.presses}
    for element in state.elements:
        if not element.visible or element.id not in pressed:
            continue
        if element.kind == "link" and element.href and not element.href.startswith("#"):
            continue
        label = fold(f"{element.name} {element.text}")
        if not label or len(label) > 60 or not any(w in label for w in _CHAT_WORD):
            continue
        if not _opened_message_box(state, element.id):
            continue
        human = _who_answers(state, element, [], page_text, vendor_frame=False)
        name = element.name or element.text
        return ChatWidget(IN_HOUSE, f"launcher '{name}' opened a message box", element, True, human)
    return None


def _opened_message_box(state: PageState, launcher_id: str) -> bool:
    """Did pressing the launcher show a place to write: a send control or a text form?"""
    send = matcher("message_send")
    for element in state.elements:
        shown = element.revealed_by == launcher_id and element.visible
        if shown and send.search(fold(element.name or element.text)):
            return True
    return any(
        form.revealed_by == launcher_id
        and form.visible
        and (form.has_free_text or any(f.type == "text" and f.visible for f in form.fields))
        for form in state.forms
    )
