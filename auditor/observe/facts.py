"""OBSERVE: one recorded page state in, the facts rules need out (``PageFacts``).

Pure: no browser, no network.  Every sighting keeps where it was seen (element or text
block), whether it was visible and after how many presses, because rules judge not only
whether a channel exists but how hard it is to see (DESIGN §4, §6).  Hidden sightings are
kept as well: "the phone is in the DOM but behind a closed accordion" is a finding.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from urllib.parse import urlsplit

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
    ViewportWalk,
)
from auditor.observe import signals as sig
from auditor.observe.chat import detect_chats
from auditor.observe.emails import email_from_href, find_emails
from auditor.observe.forms import form_fact
from auditor.observe.language import page_language
from auditor.observe.lexicon import intents, matcher
from auditor.observe.messaging import channel_from_href
from auditor.observe.owner import Owner, attribute
from auditor.observe.pagekind import classify, main_heading, says_not_found
from auditor.observe.phones import (
    PhoneMatch,
    find_phones,
    normalise_phone,
    phone_cost,
    phone_from_href,
)
from auditor.observe.postal import find_addresses, jsonld_contacts
from auditor.observe.region import guess_region
from auditor.observe.text import fold

__all__ = [
    "UnknownAnswer",
    "dead_end",
    "like_unknown_address",
    "observe_page",
    "unknown_answer",
]

_CONTEXT_CHARS = 40
_SECTION_CONTEXT = 240
_HEADING_MAX = 80
_LABEL_MAX = 60
_CHROME = frozenset({"header", "nav", "footer"})
_WHATSAPP = re.compile(r"whats\s?app|וואטסאפ|ווטסאפ", re.I)

Place = Element | TextBlock | FormInfo


@dataclass
class _Sections:
    """Text blocks grouped under the heading that opens them, for reading in context.

    A number means what the sentence before it and the heading above it say ("the
    Financial Ombudsman Service on 0800…", "Careers — call 01…"): each block knows its
    section's heading and the text that precedes it within the section.
    """

    blocks: list[TextBlock]
    heading: list[str] = field(default_factory=list)
    before: list[str] = field(default_factory=list)
    section: list[int] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)
    # A tel: or mailto: link's own block id → its paragraph's text before it.
    leads: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, blocks: list[TextBlock], elements: Sequence[Element] = ()) -> _Sections:
        out = cls(blocks, leads={f"t{e.id}": e.lead for e in elements if e.lead})
        heading = {True: "", False: ""}
        running = {True: "", False: ""}
        section = {True: -1, False: -1}
        for i, block in enumerate(blocks):
            chrome = block.region in _CHROME
            if _is_heading(block):
                heading[chrome], running[chrome], section[chrome] = block.text, "", i
            out.heading.append(heading[chrome])
            out.before.append(running[chrome][-_SECTION_CONTEXT:])
            out.section.append(section[chrome])
            out.index[block.id] = i
            if not _is_heading(block):
                running[chrome] = f"{running[chrome]} {block.text}".strip()
        return out

    def before_of(self, i: int) -> str:
        """The section's text before block ``i``.  For a link's own block, the paragraph it
        sits in counts only up to the link: that block runs on past it ("write to us at
        … or refer your complaint to ABTA") and would speak for it."""
        before = self.before[i]
        lead = self.leads.get(self.blocks[i].id, "").strip()
        parent = self.blocks[i - 1].text if i > 0 else ""
        if lead and parent and before.endswith(parent) and parent.startswith(lead[:40]):
            return f"{before[: len(before) - len(parent)]} {lead}".strip()
        return before

    def members(self, section: int) -> list[int]:
        return [i for i, s in enumerate(self.section) if s == section]

    def text(self, section: int) -> str:
        return " ".join(self.blocks[i].text for i in self.members(section))


class _Collector:
    """Accumulates sightings and signals of one page, deduplicated."""

    def __init__(self, url: str, page_kind: str = "other", brand: tuple[str, ...] = ()) -> None:
        self.url = url
        self.page_kind = page_kind
        self.brand = brand
        self.host = urlsplit(url).hostname or ""
        self.channels: list[ChannelSighting] = []
        self.signals: list[Signal] = []
        self._seen_channels: set[tuple[str, str, str | None]] = set()
        self._seen_signals: set[tuple[str, str, str | None]] = set()

    def owner(
        self,
        kind: str,
        value: str,
        region: str,
        before: str,
        after: str = "",
        heading: str = "",
        paragraph: str = "",
    ) -> dict[str, object]:
        found: Owner = attribute(
            kind=kind,
            value=value,
            before=before,
            after=after,
            heading=heading,
            page_kind=self.page_kind,
            region=region,
            page_host=self.host,
            brand=self.brand,
            block_before=paragraph,
        )
        return {
            "owner": found.owner,
            "owner_role": found.role,
            "owner_name": found.name,
            "owner_why": found.why,
            "owner_basis": found.basis,
        }

    def channel(self, kind: str, value: str, place: Place | None, **extra: object) -> None:
        element_id = place.id if place is not None else None
        key = (kind, value, element_id)
        if not value or key in self._seen_channels:
            return
        self._seen_channels.add(key)
        framed = _framed_note(place)
        if framed:
            extra["notes"] = f"{extra.get('notes') or ''} {framed}".strip()
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
                    "element_id": where.get("element_id"),
                    "visible": where.get("visible", True),
                    "depth": where.get("depth", 0),
                    "hours": found.hours,
                    "working_days": found.working_days,
                    "data": found.data,
                    **extra,
                }
            )
        )


def _framed_note(place: Place | None) -> str:
    """A channel inside an iframe is the embedding page's, but the report says who frames it."""
    frame: str | None = getattr(place, "frame", None)
    if not frame:
        return ""
    return f"in a frame from {urlsplit(frame).netloc or frame}"


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


def _element_context(element: Element, sections: _Sections) -> tuple[str, str]:
    """(text before, heading) of a link: its own text block's place in its section."""
    label = element.name or element.text
    wording = label if any(ch.isalpha() for ch in label) else ""
    i = sections.index.get(f"t{element.id}")
    if i is None:
        return f"{element.lead} {wording}".strip(), ""
    return f"{sections.before_of(i)} {wording}".strip(), sections.heading[i]


# How alike the dialled and shown numbers' digits are when one is a slip of the other
# ("+39028000445" for 02 8000 4455 is 0.96; another line's number is far below).
TYPO_LIKENESS = 0.8


def _tel_values(element: Element, region: str | None) -> list[tuple[str, str, str, str]]:
    """(value, raw, cost, notes) of each number a ``tel:`` link stands for.

    A malformed href ("tel:+44 (0)20 7946 0000 ext") must not invent a number that
    appears nowhere on the page: the visible text wins when it holds a valid number.  A
    valid href that dials another number than the one shown is a channel too: pressing
    the link calls it, at its own cost ("0800 048 1234" that dials a 09 line).
    """
    href = element.href or ""
    shown = find_phones(element.text, region) if element.text else []
    dialled = phone_from_href(href, region)
    if dialled is not None and not (dialled.valid or dialled.value.startswith("*")):
        dialled = None
    if len(shown) != 1:
        return [] if dialled is None else [(dialled.value, href, dialled.cost, "")]
    out: list[tuple[str, str, str, str]] = [(shown[0].value, href, shown[0].cost, "")]
    if dialled is not None and _another_number(dialled.value, dialled.cost, shown[0]):
        note = f"dialled by a tel: link that shows {element.text.strip()[:40]}"
        out.append((dialled.value, href, dialled.cost, note))
    return out


def _another_number(value: str, cost: str, shown: PhoneMatch) -> bool:
    """Is the dialled number another line, not a slip of the one shown?  A digit missing
    or swapped is a typing error; other digits, or another cost, are another line."""
    if value == shown.value:
        return False
    if cost != shown.cost:
        return True
    return SequenceMatcher(None, value, shown.value).ratio() < TYPO_LIKENESS


def _observe_element(
    c: _Collector, element: Element, region: str | None, sections: _Sections
) -> None:
    href = element.href or ""
    label = element.name or element.text
    lowered = href.lower()
    before, heading = _element_context(element, sections)
    if lowered.startswith("tel:"):
        for value, raw, cost, notes in _tel_values(element, region):
            own = c.owner("phone", value, element.region, before, heading=heading)
            extra = {"notes": notes} if notes else {}
            c.channel("phone", value, element, raw=raw, cost=cost, **own, **extra)
    elif lowered.startswith("mailto:"):
        for email in email_from_href(href):
            own = c.owner("email", email.value, element.region, before, heading=heading)
            c.channel("email", email.value, element, raw=href, **own)
    elif href:
        link = channel_from_href(href)
        if link is not None:
            # A social profile link sits in a row of icons beside unrelated footer columns
            # ("Careers"): only its own label can say it is someone else's.
            context = (label, "") if link.kind == "social" else (before, heading)
            own = c.owner(link.kind, link.value, element.region, context[0], heading=context[1])
            c.channel(link.kind, link.value, element, raw=href, **own)
        if sig.is_odr_link(href):
            c.signal(sig.Found("odr_link", href, label[:160]), element)
    if label and element.kind == "link" and len(fold(label)) <= _LABEL_MAX:
        if "cancel" in intents(label):
            c.signal(sig.Found("cancel_link", label.strip(), label.strip()), element)
        elif matcher("signup").search(fold(label)):
            c.signal(sig.Found("signup_link", label.strip(), label.strip()), element)
    if element.text and not href.startswith(("tel:", "mailto:")):
        _observe_text(c, element.text, element, region, context="", section=(before, heading))


def _observe_text(
    c: _Collector,
    text: str,
    place: Element | TextBlock,
    region: str | None,
    context: str,
    section: tuple[str, str] = ("", ""),
) -> None:
    """Phones and e-mails in one text; ``section`` is (text before it, heading) for owners."""
    earlier, heading = section
    where = getattr(place, "region", "other")
    prefix = f"{context[-_CONTEXT_CHARS:]} " if context else ""
    for phone in find_phones(prefix + text, region):
        if phone.start < len(prefix):
            continue
        before = (prefix + text)[max(0, phone.start - _CONTEXT_CHARS) : phone.start]
        kind = "whatsapp" if _WHATSAPP.search(before) else "phone"
        start = phone.start - len(prefix)
        own = c.owner(
            kind,
            phone.value,
            where,
            f"{earlier} {text[:start]}",
            text[start + len(phone.raw) :],
            heading,
            paragraph=text[:start],
        )
        c.channel(kind, phone.value, place, raw=phone.raw, cost=phone.cost, **own)
    for email in find_emails(text):
        at = text.find(email.raw)
        head, tail = (text[:at], text[at + len(email.raw) :]) if at >= 0 else (text, "")
        own = c.owner(
            "email", email.value, where, f"{earlier} {head}", tail, heading, paragraph=head
        )
        c.channel("email", email.value, place, raw=email.raw, **own)


_HEADING_TAG = re.compile(r"(?:^|[\s>])(?:h[1-6]|legend|caption|dt|th)(?:[#:.\[]|$)")


def _is_heading(block: TextBlock) -> bool:
    """Only a heading opens a section: a sentence that mentions a complaint does not."""
    last = block.selector.rsplit(">", 1)[-1].strip()
    return bool(_HEADING_TAG.search(last))


def _observe_block(
    c: _Collector,
    block: TextBlock,
    region: str | None,
    context: str,
    sections: _Sections,
    i: int,
) -> None:
    text = block.text
    if not text.strip():
        return
    _observe_text(c, text, block, region, context, (sections.before_of(i), sections.heading[i]))
    for address in find_addresses(text):
        at = text.find(address)
        own = c.owner(
            "postal",
            address,
            block.region,
            f"{sections.before_of(i)} {text[: max(at, 0)]}",
            heading=sections.heading[i],
        )
        c.channel("postal", address, block, raw=address, **own)
    for found in sig.response_times(text):
        c.signal(found, block)
    for found in sig.business_hours(text, sections.heading[i]):
        c.signal(found, block)
    refusal = sig.cue("adr_refusal", text, "adr_refusal")
    if refusal is not None:
        c.signal(refusal, block)
    for found in sig.escalation_bodies(text):
        c.signal(found, block)
    for section, kind in (("deflection", "deflection"), ("chat_bot", "bot")):
        cue = sig.cue(section, text, kind)
        if cue is not None:
            c.signal(cue, block)
    if matcher("chat_human").search(fold(text)) and "chat" in fold(text):
        human = sig.cue("chat_human", text, "human_chat")
        if human is not None:
            c.signal(human, block)


def _complaint_cue(block: TextBlock, labels: frozenset[str]) -> sig.Found | None:
    """A complaint phrase in a block, or a short heading such as "Reclamaciones".

    A link labelled "Complaints" leads to the procedure; it is not the procedure.
    """
    text = block.text
    if not text.strip() or fold(text) in labels:
        return None
    found = sig.cue("complaint_procedure", text, "complaint_procedure")
    if (
        found is None
        and block.region not in _CHROME
        and len(text) <= _HEADING_MAX
        and _is_heading(block)
        and "complaint" in intents(text)
    ):
        folded = fold(text)
        found = sig.Found("complaint_procedure", folded, folded)
    return found


def _not_to_the_business(text: str) -> bool:
    """A complaint to the data-protection authority or the police, or a claims service."""
    folded = fold(text)
    return any(
        matcher(section, key).search(folded)
        for section, key in (
            ("third_party", "data_protection"),
            ("third_party", "police"),
            ("complaint_service", None),
        )
    )


def _section_explains(
    c: _Collector, sections: _Sections, section: int, forms: list[FormFact]
) -> bool:
    """Does the section say where, how or what happens next (DESIGN §4 complaint)?

    A brand channel, a complaint form, a stated response time, the body that reviews it
    next ("our Customer Relations Manager will review your complaint") or the words of a
    process ("we acknowledge within 2 working days", "final response") are what make a
    section the procedure; a heading and a link elsewhere are only a signpost.
    """
    members = set(sections.members(section))
    ids = {sections.blocks[i].id for i in members}
    if any(s.element_id in ids and s.owner == "brand" for s in c.channels):
        return True
    explaining = ("response_time", "escalation_body")  # a deadline, or who reviews it next
    if any(s.kind in explaining and s.element_id in ids for s in c.signals):
        return True
    if c.page_kind in ("complaint", "contact") and any(f.role == "contact" for f in forms):
        return True
    return matcher("complaint_process").search(fold(sections.text(section)))


def _observe_complaint(
    c: _Collector, sections: _Sections, labels: frozenset[str], forms: list[FormFact]
) -> None:
    """Complaint-procedure signals, each only where its section really is a procedure."""
    for i, block in enumerate(sections.blocks):
        found = _complaint_cue(block, labels)
        if found is None or _not_to_the_business(block.text):
            continue
        section = i if _is_heading(block) else sections.section[i]
        if section >= 0 and _not_to_the_business(sections.text(section)):
            continue
        if c.page_kind in ("terms", "privacy") and section < 0:
            continue  # a passing mention in the small print is not a procedure
        if section >= 0 and not _is_heading(sections.blocks[section]) and section != i:
            continue
        if _section_explains(c, sections, section, forms):
            c.signal(found, block)


def _observe_form(c: _Collector, form: FormInfo, fact: FormFact, url: str) -> None:
    if fact.role != "contact":
        return
    notes = [f"required={fact.required}"]
    if fact.captcha:
        notes.append(f"captcha={fact.captcha}")
    if fact.file_upload:
        notes.append("file_upload")
    c.channel(
        "form",
        url,
        form,
        raw=form.action or url,
        notes=" ".join(notes),
        owner="brand",
        owner_why="a contact form on the site",
    )


def _observe_chats(c: _Collector, state: PageState) -> None:
    for chat in detect_chats(state):
        launcher = chat.launcher
        extra: dict[str, object] = {"raw": chat.evidence, "human": chat.human}
        if launcher is not None:
            extra.update(_where(launcher))
        extra["visible"] = chat.active
        extra["owner"] = "brand"
        extra["owner_why"] = "a chat widget on the site"
        if launcher is None:
            extra["source"] = "metadata"  # a script or a global, never rendered
        elif launcher.frame:
            extra["notes"] = _framed_note(launcher)
        c.channel("chat", chat.vendor, None, **extra)
        if chat.human is not None:
            kind = "human_chat" if chat.human else "bot"
            label = launcher.name or launcher.text if launcher is not None else chat.vendor
            c.signal(
                sig.Found(kind, label or chat.vendor, label or ""), launcher, channel=chat.vendor
            )


def _observe_jsonld(c: _Collector, state: PageState, region: str | None) -> None:
    """Contacts only in structured data: reported as metadata, never as a visible channel."""
    contacts = jsonld_contacts(state.jsonld)
    meta: dict[str, object] = {
        "visible": False,
        "notes": "json-ld",
        "source": "metadata",
        "owner": "brand",
        "owner_why": "the site's structured data",
    }
    for address in contacts.addresses:
        c.channel("postal", address, None, raw=address, **meta)
    for raw in contacts.phones:
        value = normalise_phone(raw, region) or raw
        c.channel("phone", value, None, raw=raw, cost=phone_cost(value), **meta)
    for email in contacts.emails:
        c.channel("email", email, None, raw=email, **meta)


def _page_level(
    c: _Collector, state: PageState, kind: str, sections: _Sections, forms: list[FormFact]
) -> None:
    """A complaints page that explains the procedure is itself the procedure.

    Its title says "Complaints"; what makes it the procedure is that somewhere on it a
    brand channel, a complaint form, a response time or the process is given, and that it
    is not a claims service selling complaints ("we claim for you").
    """
    if kind != "complaint":
        return
    main = [i for i, b in enumerate(sections.blocks) if b.region not in _CHROME]
    text = " ".join(sections.blocks[i].text for i in main)
    if matcher("complaint_service").search(fold(text)):
        return
    if _not_to_the_business(f"{state.title} {text[:300]}"):
        return
    explained = any(s.owner == "brand" and s.visible for s in c.channels) or (
        any(f.role == "contact" for f in forms)
        or any(s.kind == "response_time" for s in c.signals)
        or matcher("complaint_process").search(fold(text))
    )
    if explained:
        title = state.title.strip() or state.url
        c.signal(sig.Found("complaint_procedure", fold(title), title[:160]), None)


def dead_end(state: PageState) -> DeadEnd | None:
    """An HTTP error, a page that says it does not exist (a "soft 404"), a failed load or a
    sign-in page: the journey stops there.

    The one definition of a dead end: the journey maths, the facts and the rules use it.
    """
    if state.status is not None and state.status >= 400:
        return DeadEnd.HTTP_ERROR
    if state.error:
        return DeadEnd.LOAD_FAILED
    if state.login_wall:
        return DeadEnd.LOGIN_WALL
    if says_not_found(state) is not None:
        return DeadEnd.NOT_FOUND
    return None


@dataclass(frozen=True)
class UnknownAnswer:
    """What the site answered the walk's made-up address: the title and main heading a
    soft 404 of this site has, in whatever language it speaks."""

    url: str
    title: str
    heading: str

    def matches(self, title: str, heading: str) -> bool:
        return (title.strip(), heading.strip()) == (self.title, self.heading)


def unknown_answer(walk: ViewportWalk) -> UnknownAnswer | None:
    """The walk's answer to its made-up address, when that answer tells anything.

    It tells nothing when the probe failed, has no heading, or looks like the start page
    (a router that draws home for every unknown route).  Computed once per walk and
    shared by walked pages and link checks, so both call a page missing by the same
    comparison.
    """
    probe = walk.unknown_address
    if probe is None or probe.error:
        return None
    answer = UnknownAnswer(probe.url, probe.title.strip(), main_heading(probe).strip())
    if not answer.heading:
        return None
    start = walk.pages[0] if walk.pages else None
    if start is not None and answer.matches(start.title, main_heading(start)):
        return None
    return answer


def like_unknown_address(
    facts: PageFacts, state: PageState, answer: UnknownAnswer | None
) -> PageFacts:
    """``facts``, as a dead end when the page answers as the site does a made-up address.

    Words find a "page not found" only in the languages the lexicon speaks; the site's own
    answer to an address that cannot exist finds it in any.  A page that answers with
    success, offers no channel, and has the same title and main heading as that answer is
    a soft 404; a page that offers a channel is no dead end whatever it looks like.
    """
    if answer is None or facts.dead_end is not None or facts.channels:
        return facts
    if (state.status or 200) >= 400 or state.url == answer.url:
        return facts
    if not answer.matches(state.title, main_heading(state)):
        return facts
    return PageFacts(
        url=facts.url,
        kind=facts.kind,
        lang=facts.lang,
        dead_end=DeadEnd.NOT_FOUND,
        dead_end_evidence=f"{answer.heading} (as the answer to the made-up address {answer.url})",
        url_intents=facts.url_intents,
    )


def _element_intents(state: PageState) -> dict[str, list[str]]:
    """What every link and control promises, by element id (only those that promise)."""
    out: dict[str, list[str]] = {}
    for el in state.elements:
        found = intents(el.name or el.text, el.href)
        if found:
            out[el.id] = sorted(found)
    return out


def observe_page(
    state: PageState, *, region: str | None = None, brand: tuple[str, ...] = ()
) -> PageFacts:
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
            url=state.url,
            kind=kind,
            lang=lang,
            dead_end=stop,
            dead_end_evidence=(says_not_found(state) or "") if stop == DeadEnd.NOT_FOUND else "",
            url_intents=url_intents,
        )
    phone_region = guess_region(state.url, lang, region)
    c = _Collector(state.url, kind, brand)
    sections = _Sections.of(state.text_blocks, state.elements)
    for element in state.elements:
        _observe_element(c, element, phone_region, sections)
    # Labels of links and controls ("Complaints", an accordion's "Complaints procedure")
    # lead to or open the procedure; they are not the procedure.
    labels = frozenset(fold(e.text) for e in state.elements if e.text)
    previous = ""
    for i, block in enumerate(state.text_blocks):
        _observe_block(c, block, phone_region, previous, sections, i)
        previous = block.text
    forms = [form_fact(form) for form in state.forms]
    for form, fact in zip(state.forms, forms, strict=True):
        _observe_form(c, form, fact, state.url)
    _observe_chats(c, state)
    _observe_jsonld(c, state, phone_region)
    _observe_complaint(c, sections, labels, forms)
    _page_level(c, state, kind, sections, forms)
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
