"""OBSERVE: one recorded page state in, the facts rules need out (``PageFacts``).

Pure: no browser, no network.  Every sighting keeps where it was seen (element or text
block), whether it was visible and after how many presses, because rules judge not only
whether a channel exists but how hard it is to see (DESIGN §4, §6).  Hidden sightings are
kept as well: "the phone is in the DOM but behind a closed accordion" is a finding.
"""

from __future__ import annotations

import re

from auditor.models import (
    ChannelSighting,
    DeadEnd,
    Element,
    FormFact,
    FormInfo,
    PageFacts,
    PageState,
    Region,
    Signal,
    TextBlock,
)
from auditor.observe import signals as sig
from auditor.observe.chat import detect_chats
from auditor.observe.emails import email_from_href, find_emails
from auditor.observe.forms import form_fact
from auditor.observe.language import page_language
from auditor.observe.lexicon import intents, matcher
from auditor.observe.messaging import channel_from_href
from auditor.observe.pagekind import classify
from auditor.observe.phones import find_phones, normalise_phone, phone_cost, phone_from_href
from auditor.observe.postal import find_addresses, jsonld_contacts
from auditor.observe.region import guess_region
from auditor.observe.text import fold

__all__ = ["dead_end", "observe_page"]

_CONTEXT_CHARS = 40
_HEADING_MAX = 80
_LABEL_MAX = 60
_CHROME = frozenset({"header", "nav", "footer"})
_WHATSAPP = re.compile(r"whats\s?app|וואטסאפ|ווטסאפ", re.I)

Place = Element | TextBlock | FormInfo


class _Collector:
    """Accumulates sightings and signals of one page, deduplicated."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.channels: list[ChannelSighting] = []
        self.signals: list[Signal] = []
        self._seen_channels: set[tuple[str, str, str | None]] = set()
        self._seen_signals: set[tuple[str, str, str | None]] = set()

    def channel(self, kind: str, value: str, place: Place | None, **extra: object) -> None:
        element_id = place.id if place is not None else None
        key = (kind, value, element_id)
        if not value or key in self._seen_channels:
            return
        self._seen_channels.add(key)
        self.channels.append(
            ChannelSighting.model_validate(
                {"kind": kind, "value": value, "url": self.url, **_where(place), **extra}
            )
        )

    def signal(self, found: sig.Found, place: Place | None, **extra: object) -> None:
        key = (found.kind, found.value, place.id if place is not None else None)
        if key in self._seen_signals:
            return
        self._seen_signals.add(key)
        where = _where(place)
        self.signals.append(
            Signal.model_validate(
                {
                    "kind": found.kind,
                    "value": found.value,
                    "snippet": found.snippet,
                    "url": self.url,
                    "visible": where.get("visible", True),
                    "depth": where.get("depth", 0),
                    "hours": found.hours,
                    "working_days": found.working_days,
                    "data": found.data,
                    **extra,
                }
            )
        )


def _where(place: Place | None) -> dict[str, object]:
    if place is None:
        return {}
    out: dict[str, object] = {
        "visible": place.visible,
        "depth": place.depth,
        "selector": place.selector,
        "element_id": place.id,
    }
    region: Region | None = getattr(place, "region", None)
    if region is not None:
        out["region"] = region
    return out


def _observe_element(c: _Collector, element: Element, region: str | None) -> None:
    href = element.href or ""
    label = element.name or element.text
    lowered = href.lower()
    if lowered.startswith("tel:"):
        phone = phone_from_href(href, region)
        if phone is not None:
            c.channel("phone", phone.value, element, raw=href, cost=phone.cost)
    elif lowered.startswith("mailto:"):
        for email in email_from_href(href):
            c.channel("email", email.value, element, raw=href)
    elif href:
        link = channel_from_href(href)
        if link is not None:
            c.channel(link.kind, link.value, element, raw=href)
        if sig.is_odr_link(href):
            c.signal(sig.Found("odr_link", href, label[:160]), element)
    if label and element.kind == "link" and len(fold(label)) <= _LABEL_MAX:
        if "cancel" in intents(label):
            c.signal(sig.Found("cancel_link", label.strip(), label.strip()), element)
        elif matcher("signup").search(fold(label)):
            c.signal(sig.Found("signup_link", label.strip(), label.strip()), element)
    if element.text and not href.startswith(("tel:", "mailto:")):
        _observe_text(c, element.text, element, region, context="")


def _observe_text(
    c: _Collector, text: str, place: Element | TextBlock, region: str | None, context: str
) -> None:
    prefix = f"{context[-_CONTEXT_CHARS:]} " if context else ""
    for phone in find_phones(prefix + text, region):
        if phone.start < len(prefix):
            continue
        before = (prefix + text)[max(0, phone.start - _CONTEXT_CHARS) : phone.start]
        kind = "whatsapp" if _WHATSAPP.search(before) else "phone"
        c.channel(kind, phone.value, place, raw=phone.raw, cost=phone.cost)
    for email in find_emails(text):
        c.channel("email", email.value, place, raw=email.raw)


_HEADING_TAG = re.compile(r"(?:^|[\s>])(?:h[1-6]|legend|caption|dt|th)(?:[#:.\[]|$)")


def _is_heading(block: TextBlock) -> bool:
    """Only a heading opens a section: a sentence that mentions a complaint does not."""
    last = block.selector.rsplit(">", 1)[-1].strip()
    return bool(_HEADING_TAG.search(last))


def _observe_block(
    c: _Collector, block: TextBlock, region: str | None, context: str, labels: frozenset[str]
) -> None:
    text = block.text
    if not text.strip():
        return
    _observe_text(c, text, block, region, context)
    for address in find_addresses(text):
        c.channel("postal", address, block, raw=address)
    for found in sig.response_times(text):
        c.signal(found, block)
    for found in sig.business_hours(text):
        c.signal(found, block)
    refusal = sig.cue("adr_refusal", text, "adr_refusal")
    if refusal is not None:
        c.signal(refusal, block)
    for found in sig.escalation_bodies(text):
        c.signal(found, block)
    # A link labelled "Complaints" leads to the procedure; it is not the procedure.
    if fold(text) not in labels:
        procedure = sig.cue("complaint_procedure", text, "complaint_procedure")
        # A short heading such as "Reclamaciones" or "תלונות הציבור" opens the section.
        if (
            procedure is None
            and block.region not in _CHROME
            and len(text) <= _HEADING_MAX
            and _is_heading(block)
            and "complaint" in intents(text)
        ):
            folded = fold(text)
            procedure = sig.Found("complaint_procedure", folded, folded)
        if procedure is not None:
            c.signal(procedure, block)
    for section, kind in (("deflection", "deflection"), ("chat_bot", "bot")):
        cue = sig.cue(section, text, kind)
        if cue is not None:
            c.signal(cue, block)
    if matcher("chat_human").search(fold(text)) and "chat" in fold(text):
        human = sig.cue("chat_human", text, "human_chat")
        if human is not None:
            c.signal(human, block)


def _observe_form(c: _Collector, form: FormInfo, fact: FormFact, url: str) -> None:
    if fact.role != "contact":
        return
    notes = [f"required={fact.required}"]
    if fact.captcha:
        notes.append(f"captcha={fact.captcha}")
    if fact.file_upload:
        notes.append("file_upload")
    c.channel("form", url, form, raw=form.action or url, notes=" ".join(notes))


def _observe_chats(c: _Collector, state: PageState) -> None:
    for chat in detect_chats(state):
        launcher = chat.launcher
        extra: dict[str, object] = {"raw": chat.evidence, "human": chat.human}
        if launcher is not None:
            extra.update(_where(launcher))
        extra["visible"] = chat.active
        c.channel("chat", chat.vendor, None, **extra)
        if chat.human is not None:
            kind = "human_chat" if chat.human else "bot"
            label = launcher.name or launcher.text if launcher is not None else chat.vendor
            c.signal(
                sig.Found(kind, label or chat.vendor, label or ""), launcher, channel=chat.vendor
            )


def _observe_jsonld(c: _Collector, state: PageState, region: str | None) -> None:
    contacts = jsonld_contacts(state.jsonld)
    for address in contacts.addresses:
        c.channel("postal", address, None, raw=address, visible=False, notes="json-ld")
    for raw in contacts.phones:
        value = normalise_phone(raw, region) or raw
        c.channel(
            "phone", value, None, raw=raw, visible=False, cost=phone_cost(value), notes="json-ld"
        )
    for email in contacts.emails:
        c.channel("email", email, None, raw=email, visible=False, notes="json-ld")


def _page_level(c: _Collector, state: PageState, kind: str) -> None:
    """A page whose title or h1 is about complaints is itself the complaint procedure."""
    if kind == "complaint":
        title = state.title.strip() or state.url
        c.signal(sig.Found("complaint_procedure", fold(title), title[:160]), None)


def dead_end(state: PageState) -> DeadEnd | None:
    """An HTTP error, a failed load or a sign-in page: the journey stops there.

    The one definition of a dead end: the journey maths, the facts and the rules use it.
    """
    if state.status is not None and state.status >= 400:
        return DeadEnd.HTTP_ERROR
    if state.error:
        return DeadEnd.LOAD_FAILED
    if state.login_wall:
        return DeadEnd.LOGIN_WALL
    return None


def _element_intents(state: PageState) -> dict[str, list[str]]:
    """What every link and control promises, by element id (only those that promise)."""
    out: dict[str, list[str]] = {}
    for el in state.elements:
        found = intents(el.name or el.text, el.href)
        if found:
            out[el.id] = sorted(found)
    return out


def observe_page(state: PageState, *, region: str | None = None) -> PageFacts:
    """Facts of one page state: kind, language, channel sightings, text signals.

    A dead end (HTTP error, failed load, sign-in page) is a fact about the journey, not a
    place where a channel or a procedure is offered: it gets its kind and nothing more.
    """
    lang = page_language(state)
    kind = classify(state)
    stop = dead_end(state)
    url_intents = sorted(intents("", state.requested_url))
    if stop is not None:
        return PageFacts(
            url=state.url, kind=kind, lang=lang, dead_end=stop, url_intents=url_intents
        )
    phone_region = guess_region(state.url, lang, region)
    c = _Collector(state.url)
    for element in state.elements:
        _observe_element(c, element, phone_region)
    # Labels of links and controls ("Complaints", an accordion's "Complaints procedure")
    # lead to or open the procedure; they are not the procedure.
    labels = frozenset(fold(e.text) for e in state.elements if e.text)
    previous = ""
    for block in state.text_blocks:
        _observe_block(c, block, phone_region, previous, labels)
        previous = block.text
    forms = [form_fact(form) for form in state.forms]
    for form, fact in zip(state.forms, forms, strict=True):
        _observe_form(c, form, fact, state.url)
    _observe_chats(c, state)
    _observe_jsonld(c, state, phone_region)
    _page_level(c, state, kind)
    complaint = any(
        s.kind == "complaint_procedure" and s.visible and s.depth == 0 for s in c.signals
    )
    escalation = any(s.kind == "escalation_body" and s.visible and s.depth == 0 for s in c.signals)
    return PageFacts(
        url=state.url,
        kind=kind,
        lang=lang,
        channels=c.channels,
        signals=c.signals,
        complaint=complaint,
        escalation=escalation,
        intents=_element_intents(state),
        url_intents=url_intents,
        forms=forms,
    )
