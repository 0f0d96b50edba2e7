"""Text signals: response times, opening hours, complaint and escalation cues, refusals.

Each detector reads one text (a text block or a label) in any of the seven languages and
returns plain facts; ``facts.py`` turns them into ``Signal`` models with the block's
visibility and depth.  All words come from the lexicon data files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from auditor.observe.lexicon import LANGS, lexicon, matcher, pattern, term_pattern
from auditor.observe.text import MEMO_TEXTS, fold, memo_list

__all__ = [
    "DAYS",
    "Found",
    "business_hours",
    "cue",
    "escalation_bodies",
    "is_odr_link",
    "not_an_escalation",
    "response_times",
]

DAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_UNIT_HOURS = {"hour": 1.0, "day": 24.0, "working_day": 24.0, "week": 168.0, "month": 720.0}
_SNIPPET = 160
_ODR = re.compile(
    r"ec\.europa\.eu/consumers/odr|/odr(?:/|$|\?|#)|webgate\.ec\.europa\.eu/odr", re.I
)
_MAX_BARE_BLOCK = 400


@dataclass(frozen=True)
class Found:
    """One signal found in a text: what, the matched words, and extracted numbers."""

    kind: str
    value: str
    snippet: str
    hours: float | None = None
    working_days: bool | None = None
    data: dict[str, str] = field(default_factory=dict)


def _snippet(text: str, start: int, end: int) -> str:
    pad = max(0, (_SNIPPET - (end - start)) // 2)
    return text[max(0, start - pad) : end + pad].strip()


def _alt(terms: list[str]) -> str:
    ordered = sorted(set(terms), key=len, reverse=True)
    return "|".join(f"(?:{term_pattern(t)})" for t in ordered)


def _merged(key: str) -> list[Any]:
    out: list[Any] = []
    for lang in LANGS:
        out.extend(lexicon(lang).get(key, []))
    return out


@cache
def _units() -> dict[str, str]:
    """Folded unit word -> unit kind, all languages."""
    table: dict[str, str] = {}
    for lang in LANGS:
        for kind, words in lexicon(lang).get("units", {}).items():
            for word in words:
                table[fold(word)] = kind
    return table


@cache
def _number_words() -> dict[str, int]:
    table: dict[str, int] = {}
    for lang in LANGS:
        for word, value in lexicon(lang).get("numbers", {}).items():
            table[fold(word)] = int(value)
    return table


@cache
def _response_regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    units = sorted(_units(), key=len, reverse=True)
    unit_alt = "|".join(re.escape(u).replace(r"\ ", r"\s+") for u in units)
    words = sorted(_number_words(), key=len, reverse=True)
    num = r"\d{1,3}" + ("|" + "|".join(re.escape(w) for w in words) if words else "")
    second = r"(?:\s*(?:-|a|to|bis|ou|or|o)\s*(?P<num2>\d{1,3}))?"
    core = rf"(?P<num>{num}){second}\s*(?P<unit>{unit_alt})(?![\w])"
    within = _alt([fold(t) for t in _merged("within")])
    return re.compile(rf"(?:{within})\s*{core}"), re.compile(rf"(?<![\w.,]){core}")


_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[^\W\d_]+")


@memo_list
def response_times(text: str) -> list[Found]:
    """Promised response times ("within 24 hours", "תוך 14 ימי עבודה", "sous 48h")."""
    folded = fold(text)
    if not folded:
        return []
    # Periods abound (withdrawal within 14 days, delivery in 24 hours, 8-week trials):
    # only a text that speaks of answering or resolving states a response time.
    if not matcher("respond").search(folded):
        return []
    if _DIGIT.search(folded) is None and not _number_words().keys() & set(_WORD.findall(folded)):
        return []
    with_within, bare = _response_regexes()
    matches = list(with_within.finditer(folded))
    if not matches and len(folded) <= _MAX_BARE_BLOCK:
        matches = list(bare.finditer(folded))
    out: list[Found] = []
    for m in matches:
        raw_num = m.group("num2") or m.group("num")
        amount = int(raw_num) if raw_num.isdigit() else _number_words().get(raw_num)
        unit = _units().get(re.sub(r"\s+", " ", m.group("unit")))
        if amount is None or unit is None or amount == 0:
            continue
        out.append(
            Found(
                kind="response_time",
                value=m.group(0).strip(),
                snippet=_snippet(folded, m.start(), m.end()),
                hours=amount * _UNIT_HOURS[unit],
                working_days=unit == "working_day",
            )
        )
    return out


@cache
def _day_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for lang in LANGS:
        for day, names in lexicon(lang).get("days", {}).items():
            for name in names:
                folded = fold(name)
                if len(folded.strip("'")) >= 2 or "'" in folded:
                    table[folded] = day
    return table


_TIME = r"(?P<{p}h>\d{{1,2}})(?:[:.h](?P<{p}m>\d{{2}}))?\s*(?P<{p}ap>am|pm|a\.m\.|p\.m\.|h|uhr)?"


@cache
def _hours_regex() -> re.Pattern[str]:
    days = sorted(_day_table(), key=len, reverse=True)
    day_alt = "|".join(re.escape(d) for d in days)
    ranges = sorted({fold(r) for r in _merged("range_words")} | {"-", "–", "—"}, key=len)
    range_alt = "|".join(re.escape(r) for r in reversed(ranges))
    day = rf"(?<![\w])(?:{day_alt})(?![\w])\.?"
    return re.compile(
        rf"(?P<d1>{day})(?:\s*(?:{range_alt})\s*(?P<d2>{day}))?[\s,:]*"
        rf"(?:(?:de|from|von|du|dalle|das|מ|בין)\s*)?"
        + _TIME.format(p="a")
        + rf"\s*(?:{range_alt}|y|and|und|et|e)\s*"
        + _TIME.format(p="b")
    )


def _clock(hour: str, minute: str | None, ampm: str | None) -> str | None:
    h, mnt = int(hour), int(minute or 0)
    marker = (ampm or "").replace(".", "")
    if marker == "pm" and h < 12:
        h += 12
    if marker == "am" and h == 12:
        h = 0
    if h > 24 or mnt > 59:
        return None
    return f"{h:02d}:{mnt:02d}"


def _day_span(first: str, last: str | None) -> list[str]:
    start = DAYS.index(first)
    if last is None:
        return [first]
    stop = DAYS.index(last)
    span = (stop - start) % len(DAYS)
    return [DAYS[(start + i) % len(DAYS)] for i in range(span + 1)]


@memo_list
def business_hours(text: str) -> list[Found]:
    """Opening hours as a weekly schedule ({"mon": "08:00-20:00", ...} or {"always": "24/7"})."""
    folded = fold(text)
    if not folded:
        return []
    schedule: dict[str, str] = {}
    first: tuple[int, int] | None = None
    # Opening times always hold a digit: skip the day-range regex on plain prose.
    times = _hours_regex().finditer(folded) if _DIGIT.search(folded) else iter(())
    for m in times:
        table = _day_table()
        d1 = table.get(m.group("d1").rstrip("."))
        d2 = table.get(m.group("d2").rstrip(".")) if m.group("d2") else None
        opens = _clock(m.group("ah"), m.group("am"), m.group("aap"))
        closes = _clock(m.group("bh"), m.group("bm"), m.group("bap"))
        if d1 is None or opens is None or closes is None or opens == closes:
            continue
        for day in _day_span(d1, d2):
            schedule.setdefault(day, f"{opens}-{closes}")
        first = first or m.span()
    if not schedule:
        # The word matcher first: the phrase regex is costly on long paragraphs.
        always = pattern("always").search(folded) if matcher("always").search(folded) else None
        if always is None:
            return []
        schedule = {"always": "24/7"}
        first = always.span()
    assert first is not None
    snippet = _snippet(folded, *first)
    return [Found(kind="business_hours", value=snippet, snippet=snippet, data=schedule)]


@lru_cache(maxsize=MEMO_TEXTS)
def cue(section: str, text: str, kind: str) -> Found | None:
    """The first phrase of lexicon ``section`` in ``text`` as a signal of ``kind``."""
    folded = fold(text)
    if not matcher(section).search(folded):
        return None
    m = pattern(section).search(folded)
    if m is None:
        return None
    return Found(kind=kind, value=m.group(0).strip(), snippet=_snippet(folded, *m.span()))


@memo_list
def escalation_bodies(text: str) -> list[Found]:
    """Named escalation routes, unless the sentence refuses ADR ("nicht bereit...").

    A refusal names the very bodies it refuses ("...an Streitbeilegungsverfahren vor einer
    Verbraucherschlichtungsstelle teilzunehmen"), so the refusal wins for that sentence.
    """
    out: list[Found] = []
    for sentence in re.split(r"(?<=[.!?;])\s+|\n+", text):
        # The rare phrase first: most sentences name no body and need no other test.
        found = cue("escalation_body", sentence, "escalation_body")
        if found is None or not_an_escalation(sentence):
            continue
        if cue("adr_refusal", sentence, "adr_refusal") is None:
            out.append(found)
    return out


@lru_cache(maxsize=MEMO_TEXTS)
def not_an_escalation(sentence: str) -> bool:
    """A data-protection authority, the police, or a regulatory-status line.

    "You may complain to the supervisory authority" (GDPR) and "Authorised and regulated
    by the Financial Conduct Authority" name a body, but neither is a route for taking a
    complaint about the service further (DESIGN §4).
    """
    folded = fold(sentence)
    return (
        matcher("third_party", "data_protection").search(folded)
        or matcher("third_party", "police").search(folded)
        or matcher("regulatory_status").search(folded)
    )


def is_odr_link(href: str | None) -> bool:
    """True for a link to the EU ODR platform (closed 20 July 2025)."""
    return bool(href) and _ODR.search(href or "") is not None
