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
from auditor.observe.text import HEBREW, MEMO_TEXTS, fold, memo_list

__all__ = [
    "CLOSED",
    "DAYS",
    "OPEN",
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


# --- Opening hours -------------------------------------------------------------------
#
# A text is read as a row of items: day expressions ("Mon–Fri", "weekdays", "Sa/So",
# "de lunes a viernes", "ימים א'-ה'"), time ranges ("8am–8pm", "von 8 bis 20 Uhr",
# "dalle 9 alle 18", "de 9 a 14 y de 16 a 20") and closed marks ("closed", "sauf"); each
# day expression takes the time range beside it, before or after.  The words come from the
# lexicon sections days, day_groups, range_words, hours_links, and_words, hour_words,
# clock_words, closed_words, except_words, months, hours_context and always.

OPEN = "open"  # a day the text says is served, without giving the hours
DAYS_UNSAID = "days_unsaid"  # hours given without the days they apply to
PREMISES = "premises"  # the hours of a store or branch, not of the line or chat
CLOSED = "closed"
# The finder reads a copy with every dash folded to "-" (same length, so spans hold).
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))
_TOKEN = re.compile(r"[^\W_]+")
_PUNCT_GAP = re.compile(r"[\s,:;()\[\]/|+&-]*")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
_HEBREW_PREFIXES = "ובהלמשכ"
_LOOSE_GAP_WORDS = 3  # "8 a.m. to 10 p.m. Eastern Time, seven days a week"
_LONG_GAP_WORD = 15
_BEFORE = 24  # characters read before a range for its opener or a month name
_CLOSED_REACH = 40  # characters around a day expression searched for "closed"
_NOTHING = r"(?!x)x"


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


def _day_span(first: str, last: str | None) -> list[str]:
    start = DAYS.index(first)
    if last is None:
        return [first]
    stop = DAYS.index(last)
    span = (stop - start) % len(DAYS)
    return [DAYS[(start + i) % len(DAYS)] for i in range(span + 1)]


def _words(section: str) -> list[str]:
    return [str(t) for t in _merged(section)]


def _bounded(terms: list[str]) -> str:
    """Lexicon terms as one alternation ending on a word boundary (Hebrew terms match as
    substrings, but "כל יום" must not be read in "כל יומיים")."""
    return rf"(?:{_alt(terms)})(?!\w)" if terms else _NOTHING


def _escaped(words: set[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or _NOTHING


def _clock_key(word: str) -> str:
    """ "meio-dia", "meio dia" and "meiodia" alike."""
    return "".join(_TOKEN.findall(word))


def _words_of(section: str) -> list[str]:
    """The words of a section that maps values to words ({"12:00": ["noon"]})."""
    return [str(w) for lang in LANGS for ws in lexicon(lang).get(section, {}).values() for w in ws]


def _first_tokens(terms: list[str]) -> frozenset[str]:
    """The first word of each term, with and without its hyphen ("week-end", "weekend")."""
    out: set[str] = set()
    for term in terms:
        folded = fold(term.strip("^$*"))
        for variant in (folded, folded.replace("-", "")):
            tokens = _TOKEN.findall(variant)
            if tokens:
                out.add(tokens[0])
    return frozenset(out)


@dataclass(frozen=True)
class _HoursRegexes:
    days: re.Pattern[str]  # a day expression: units joined by "," "/" "&" "and"...
    unit: re.Pattern[str]  # one unit: named groups d1, d2 (a day range) or g0, g1...
    groups: dict[str, tuple[str, ...]]  # unit group name -> its days
    day_starts: frozenset[str]  # first words of day names and groups
    times: re.Pattern[str]
    clock: dict[str, str]  # folded clock word ("noon", "minuit") -> "12:00" / "24:00"
    clock_starts: frozenset[str]
    opener: re.Pattern[str]  # "from", "de", "dalle", "בין השעות"... right before a range
    links: re.Pattern[str]
    ands: re.Pattern[str]
    closed: re.Pattern[str]
    excepted: re.Pattern[str]
    month_before: re.Pattern[str]
    month_after: re.Pattern[str]
    number_before: re.Pattern[str]


def _time_src(p: str, markers: str, clock: str) -> str:
    number = (
        rf"(?<![\d.,:/$€£])(?P<{p}h>\d{{1,2}})(?:[:.h](?P<{p}m>[0-5]\d))?(?!\d)"
        rf"(?:\s*(?P<{p}ap>{markers})(?!\w))?"
    )
    # Not a price, a percentage or a date: "9.99 €", "10-20 %", "12.05.2024".
    money = r"[€$£%]|(?:eur|usd|gbp|chf)(?!\w)"
    return rf"(?:(?P<{p}w>{clock})|{number})(?!\s*(?:{money}))(?![.,:/]\d)"


@cache
def _hours_regexes() -> _HoursRegexes:
    table = _day_table()
    day_name = rf"(?<!\w)(?:{_escaped(set(table))})(?!\w)\.?"
    range_alt = _escaped({fold(r) for r in _merged("range_words")} | {"-"})
    by_key: dict[str, list[str]] = {}
    for lang in LANGS:
        for key, terms in lexicon(lang).get("day_groups", {}).items():
            by_key.setdefault(key, []).extend(terms)
    names = {f"g{i}": key for i, key in enumerate(sorted(by_key))}
    all_groups = [t for terms in by_key.values() for t in terms]
    span = rf"\s*(?:{range_alt})\s*"
    named_groups = "|".join(f"(?P<{n}>{_bounded(by_key[k])})" for n, k in names.items())
    named = rf"(?:{named_groups or _NOTHING}|(?P<d1>{day_name})(?:{span}(?P<d2>{day_name}))?)"
    plain = rf"(?:{_bounded(all_groups)}|{day_name}(?:{span}{day_name})?)"
    ands = _bounded(_words("and_words"))
    sep = rf"\s*(?:[,/&+]\s*(?:{ands}\s*)?|{ands}\s*)"
    clock = {
        _clock_key(fold(word)): value
        for lang in LANGS
        for value, words in lexicon(lang).get("clock_words", {}).items()
        for word in words
    }
    clock_alt = _bounded(_words_of("clock_words"))
    markers = _escaped({fold(w) for w in _words("hour_words")})
    periods = "|".join(
        re.escape(u).replace(r"\ ", r"\s+") for u, kind in _units().items() if kind != "hour"
    )
    times = (
        _time_src("a", markers, clock_alt)
        + rf"\s*(?:{range_alt}|{ands})\s*"
        + _time_src("b", markers, clock_alt)
        # Not a phone number or a period: "12-34-56", "2-3 days", "24-48 Stunden".
        + rf"(?!\s*-\s*\d)(?!\s*(?:{periods or _NOTHING})(?!\w))"
    )
    links = _bounded(_words("hours_links"))
    months = _bounded(_words("months"))
    numbers = _escaped(set(_number_words()))

    def days_of(key: str) -> tuple[str, ...]:
        first, _, last = key.partition("-")
        return tuple(_day_span(first, last or None))

    return _HoursRegexes(
        days=re.compile(rf"{plain}(?:{sep}{plain})*"),
        unit=re.compile(named),
        groups={n: days_of(k) for n, k in names.items()},
        day_starts=_first_tokens(list(table) + all_groups),
        times=re.compile(times),
        clock=clock,
        clock_starts=_first_tokens(_words_of("clock_words")),
        opener=re.compile(rf"{links}\s*-?\s*$"),
        links=re.compile(links),
        ands=re.compile(ands),
        closed=re.compile(_bounded(_words("closed_words"))),
        excepted=re.compile(_bounded(_words("except_words"))),
        month_before=re.compile(rf"{months}\.?\s*$"),
        month_after=re.compile(rf"\s*(?:(?:of|de|del|di)\s+)?{months}"),
        number_before=re.compile(rf"(?:\d|(?<!\w)(?:{numbers})(?!\w))\s*$"),
    )


@dataclass
class _Item:
    kind: str  # "days", "time" or "closed"
    start: int
    end: int
    days: tuple[str, ...] = ()
    strong: bool = False  # a day range, list, group or full name (not "Sa", "mar", "א'")
    several: bool = False  # more than one day
    times: tuple[str, ...] = ()
    marked: bool = False  # minutes, am/pm, "Uhr", "h" or a clock word: surely a time
    opener: bool = False  # "from", "von", "de", "dalle"... before the first time
    core: int = 0  # where a time range's first number starts, after its opener
    before_only: bool = False  # "except", "sauf": speaks of the days after it
    counted: bool = False  # a day group after a number: "3 dias uteis" or "9-5 weekdays"


def _endpoint(m: re.Match[str], p: str, hx: _HoursRegexes) -> tuple[int, int, str | None]:
    """(hour, minute, kind) of one end of a range; kind is "am", "pm", "24" or None."""
    word = m.group(f"{p}w")
    if word:
        key = _clock_key(word)
        while key not in hx.clock and key[:1] in _HEBREW_PREFIXES:
            key = key[1:]  # "לחצות"
        hour, minute = hx.clock[key].split(":")
        return int(hour), int(minute), "24"
    marker = (m.group(f"{p}ap") or "").replace(".", "").replace(" ", "")
    kind = marker if marker in ("am", "pm") else ("24" if marker else None)
    return int(m.group(f"{p}h")), int(m.group(f"{p}m") or 0), kind


def _to24(hour: int, kind: str | None) -> int:
    if kind == "pm" and hour < 12:
        return hour + 12
    if kind == "am" and hour == 12:
        return 0
    return hour


def _time_range(m: re.Match[str], hx: _HoursRegexes) -> str | None:
    """ "HH:MM-HH:MM", reading the 12-hour habits of US and UK pages: "9-5" and "8-8"
    close in the afternoon, "1-5pm" opens at 13:00."""
    (ah, amin, akind), (bh, bmin, bkind) = _endpoint(m, "a", hx), _endpoint(m, "b", hx)
    opens, closes = _to24(ah, akind), _to24(bh, bkind)
    if akind is None and bkind == "pm" and ah < 12 and ah + 12 <= closes:
        opens = ah + 12
    if bkind is None and akind in (None, "am") and opens < 12 and bh <= min(opens, 12):
        closes = bh + 12
    if bkind is None and akind == "pm" and bh < 12 and bh + 12 > opens:
        closes = bh + 12
    if opens > 24 or closes > 24 or (opens, amin) == (closes, bmin):
        return None
    if opens == 24:
        opens = 0
    if (closes, bmin) == (0, 0):
        closes = 24
    return f"{opens:02d}:{amin:02d}-{closes:02d}:{bmin:02d}"


def _time_item(scan: str, m: re.Match[str], hx: _HoursRegexes) -> _Item | None:
    value = _time_range(m, hx)
    if value is None:
        return None
    marked = any(m.group(g) for g in ("am", "bm", "aap", "bap", "aw", "bw"))
    before = max(0, m.start() - _BEFORE)
    if not marked and (
        hx.month_before.search(scan, before, m.start()) or hx.month_after.match(scan, m.end())
    ):
        return None  # "May 12-14", "12-14 de marzo": dates
    opener = hx.opener.search(scan, before, m.start())
    start = opener.start() if opener else m.start()
    return _Item(
        "time", start, m.end(), times=(value,), marked=marked, opener=bool(opener), core=m.start()
    )


def _full_name(name: str) -> bool:
    """ "Saturday", "lunes": surely a day, unlike "Sa", "so", "mar", Hebrew "ראשון" (also
    "first") or "א'" (also a numeral)."""
    return len(name.strip("'.")) > 3 and HEBREW.search(name) is None


def _day_item(scan: str, m: re.Match[str], hx: _HoursRegexes) -> _Item | None:
    table = _day_table()
    days: list[str] = []
    strong = counted = False
    units = list(hx.unit.finditer(scan, m.start(), m.end()))
    for u in units:
        group = next((g for g in hx.groups if u.group(g)), None)
        if group is not None:
            counted = counted or (
                u.start() == m.start()
                and hx.number_before.search(scan, max(0, u.start() - _BEFORE), u.start())
                is not None
            )
            days.extend(d for d in hx.groups[group] if d not in days)
            strong = True
            continue
        d1 = table[u.group("d1").rstrip(".")]
        d2 = table[u.group("d2").rstrip(".")] if u.group("d2") else None
        strong = strong or d2 is not None or _full_name(u.group("d1"))
        days.extend(d for d in _day_span(d1, d2) if d not in days)
    if not days:
        return None
    strong = strong or len(units) > 1
    return _Item(
        "days",
        m.start(),
        m.end(),
        days=tuple(days),
        strong=strong,
        several=len(days) > 1,
        counted=counted,
    )


def _starts_days(token: str, hx: _HoursRegexes) -> bool:
    if token in hx.day_starts:
        return True
    # Hebrew glues prefixes to the next word: "ובכל יום", "בסופ״ש".
    i = 0
    while i < min(3, len(token) - 1) and token[i] in _HEBREW_PREFIXES:
        i += 1
        if token[i:] in hx.day_starts:
            return True
    return False


def _scan_items(scan: str, hx: _HoursRegexes, with_times: bool) -> tuple[list[_Item], list[_Item]]:
    """Day and time items, found where a word could start one (the regexes are costly to
    try at every character of a long paragraph)."""
    days: list[_Item] = []
    times: list[_Item] = []
    day_end = time_end = 0
    for tok in _TOKEN.finditer(scan):
        pos, token = tok.start(), tok.group()
        if with_times and pos >= time_end and (token[0].isdigit() or token in hx.clock_starts):
            m = hx.times.match(scan, pos)
            item = _time_item(scan, m, hx) if m else None
            if item is not None:
                times.append(item)
                time_end = item.end
                continue
        if pos >= day_end and _starts_days(token, hx):
            m = hx.days.match(scan, pos)
            item = _day_item(scan, m, hx) if m else None
            if item is not None:
                days.append(item)
                day_end = item.end
    return days, times


def _closed_items(scan: str, days: list[_Item], hx: _HoursRegexes) -> list[_Item]:
    """ "closed" and "except" words next to a day expression."""
    out: dict[int, _Item] = {}
    for day in days:
        lo, hi = max(0, day.start - _CLOSED_REACH), day.end + _CLOSED_REACH
        for regex, before_only in ((hx.closed, False), (hx.excepted, True)):
            for m in regex.finditer(scan, lo, hi):
                out[m.start()] = _Item("closed", m.start(), m.end(), before_only=before_only)
    return list(out.values())


def _right_after(ends: set[int], scan: str, start: int) -> bool:
    """True when only spaces stand between the end of a time range and ``start``."""
    k = start
    while k > 0 and scan[k - 1].isspace():
        k -= 1
    return k in ends


def _items(
    scan: str, tokens: list[str], hx: _HoursRegexes, with_times: bool, context: bool
) -> list[_Item]:
    if hx.day_starts.isdisjoint(tokens) and HEBREW.search(scan) is None:
        return []  # no word that could start a day expression (one set probe per word)
    days, times = _scan_items(scan, hx, with_times)
    # A day group right after a number is a period ("3 dias uteis", "14 Werktagen"),
    # unless the number closes a time range ("9-5 weekdays").
    ends = {t.end for t in times}
    days = [d for d in days if not d.counted or _right_after(ends, scan, d.start)]
    # A lone "do" or "di" right after days is a word ("todos os dias do meio-dia", "dal
    # lunedì al venerdì di mattina"), not Thursday or Tuesday: a list has a separator.
    days = [
        d
        for i, d in enumerate(days)
        if d.strong or i == 0 or not scan[days[i - 1].end : d.start].isspace()
    ]
    if not days or not (times or context):
        return []
    found = days + times + _closed_items(scan, days, hx)
    found.sort(key=lambda it: (it.start, it.kind != "days", -it.end))
    items: list[_Item] = []
    for item in found:
        if items and item.start < items[-1].end:
            if item.kind != "time" or item.core < items[-1].end:
                continue  # overlaps an earlier item
            # "כל יום 9:00": the day word is no opener of the range.
            item.start, item.opener = item.core, False
        items.append(item)
    return _chain(items, scan, hx)


def _tight(gap: str, hx: _HoursRegexes) -> bool:
    """Only punctuation and linking words ("from", "de", "am", "le") between two items."""
    return _PUNCT_GAP.fullmatch(hx.links.sub(" ", gap)) is not None


def _loose(gap: str, hx: _HoursRegexes) -> bool:
    """A few words, no number and no sentence end: "Eastern Time,", "en horario de"."""
    if _tight(gap, hx):
        return True
    if _DIGIT.search(gap) or _SENTENCE_END.search(gap + " "):
        return False
    words = _WORD.findall(gap)
    return len(words) <= _LOOSE_GAP_WORDS and all(len(w) <= _LONG_GAP_WORD for w in words)


def _chain(items: list[_Item], scan: str, hx: _HoursRegexes) -> list[_Item]:
    """Split shifts make one item: "de 9 a 14 y de 16 a 20", "9h-12h et 14h-18h"."""
    out: list[_Item] = []
    for item in items:
        last = out[-1] if out else None
        if (
            last is not None
            and last.kind == item.kind == "time"
            and _tight(hx.ands.sub(" ", scan[last.end : item.start]), hx)
        ):
            last.times += item.times
            last.end = item.end
            last.marked = last.marked or item.marked
            continue
        out.append(item)
    return out


def _day_first(days: _Item, time: _Item, gap: str, hx: _HoursRegexes) -> bool:
    return _tight(gap, hx) or (days.strong and time.marked and _loose(gap, hx))


def _time_first(time: _Item, days: _Item, gap: str, hx: _HoursRegexes, listed: bool) -> bool:
    """ "8am–8pm, Monday to Friday", "von 8 bis 20 Uhr, Montag bis Freitag".  The days
    must be plainly days (a bare "15-20" before "mar" is a date in March; "8–20 Uhr, so
    erreichen Sie uns" is no Sunday), unless the text already lists times first."""
    if not days.strong:
        return listed and time.marked and _tight(gap, hx)
    if time.marked and _loose(gap, hx):
        return True
    return (time.opener or days.several) and _tight(gap, hx)


class _Schedule:
    """Day -> hours; what is said of fewer days wins ("daily 9-5, Sundays 10-4")."""

    def __init__(self) -> None:
        self.hours: dict[str, str] = {}
        self.size: dict[str, int] = {}
        self.first: tuple[int, int] | None = None

    def set(self, days: tuple[str, ...], value: str, span: tuple[int, int]) -> None:
        for day in days:
            if day not in self.hours or len(days) < self.size[day]:
                self.hours[day] = value
                self.size[day] = len(days)
        if self.first is None or span[0] < self.first[0]:
            self.first = span


def _pair(
    items: list[_Item], scan: str, hx: _HoursRegexes
) -> tuple[_Schedule, list[_Item], list[_Item]]:
    """The days given hours, the day items left without hours, and the closed days."""
    timed = _Schedule()
    alone: list[_Item] = []
    closed: list[_Item] = []
    times_first = False
    i = 0
    while i < len(items):
        item = items[i]
        nxt = items[i + 1] if i + 1 < len(items) else None
        gap = scan[item.end : nxt.start] if nxt is not None else ""
        if nxt is not None and item.kind == "days":
            if nxt.kind == "time" and _day_first(item, nxt, gap, hx):
                timed.set(item.days, ",".join(nxt.times), (item.start, nxt.end))
                i += 2
                continue
            if nxt.kind == "closed" and not nxt.before_only and _tight(gap, hx):
                closed.append(item)
                i += 2
                continue
        if nxt is not None and nxt.kind == "days":
            if item.kind == "time" and _time_first(item, nxt, gap, hx, times_first):
                timed.set(nxt.days, ",".join(item.times), (item.start, nxt.end))
                times_first = True
                i += 2
                continue
            if item.kind == "closed" and _tight(gap, hx):
                closed.append(nxt)
                i += 2
                continue
        if item.kind == "days":
            alone.append(item)
        i += 1
    return timed, alone, closed


def _sentence(folded: str, start: int, end: int) -> str:
    before = [m.end() for m in _SENTENCE_END.finditer(folded, 0, start)]
    after = _SENTENCE_END.search(folded, end)
    return folded[before[-1] if before else 0 : after.start() if after else len(folded)]


def _hours_without_days(
    folded: str, scan: str, hx: _HoursRegexes
) -> tuple[Found, tuple[int, int]] | None:
    """ "Lines are open 8am to 8pm": the hours a customer can plan a call by, days unsaid.

    Only a range that is surely a time (minutes, am/pm, "Uhr", "h") in a sentence about
    opening or reaching the service counts: "9-5" alone may be anything."""
    hours_context = matcher("hours_context")
    for item in _scan_items(scan, hx, True)[1]:
        if item.kind != "time" or not item.marked or not any("-" in t for t in item.times):
            continue
        if hours_context.search(_sentence(folded, item.start, item.end)):
            snippet = _snippet(folded, item.start, item.end)
            data = {DAYS_UNSAID: ",".join(item.times)}
            return Found("business_hours", snippet, snippet, data=data), (item.start, item.end)
    return None


@memo_list
def business_hours(text: str, heading: str = "") -> list[Found]:
    """Opening hours as a weekly schedule.

    ``data`` maps days to hours ({"mon": "08:00-20:00", "sat": "09:00-13:00,15:00-19:00",
    "sun": "closed"}) or is {"always": "24/7"}.  Days said to be served without hours
    ("open seven days a week", "du lundi au vendredi") read "open", but only in a sentence
    that speaks of opening or reaching the service: "daily deals" is no schedule.  Hours
    whose sentence (or section ``heading``) names a store or branch and no line, chat or
    team carry ``PREMISES``: "our stores open 9am-8pm" says nothing of when the phone
    is answered.
    """
    folded = fold(text)
    found = _schedule(folded)
    if found is None:
        return []
    hours, (start, end) = found
    where = _premises(f"{fold(heading)}. {_sentence(folded, start, end)}")
    if where is not None:
        hours = Found(hours.kind, hours.value, hours.snippet,
                      data={**hours.data, PREMISES: where})  # fmt: skip
    return [hours]


def _premises(context: str) -> str | None:
    """The store or branch a sentence gives hours for, unless it also speaks of a line,
    chat or team: "our stores and phone lines open at 9" is the service's schedule too."""
    place = pattern("premises").search(context) if matcher("premises").search(context) else None
    if place is None:
        return None
    remote = (matcher("remote_service"), matcher("phone_context"), matcher("brand_service"))
    return None if any(m.search(context) for m in remote) else place.group(0)


def _schedule(folded: str) -> tuple[Found, tuple[int, int]] | None:
    """The first schedule in a folded text, with the span it was read from."""
    if not folded:
        return None
    scan = folded if folded.isascii() else folded.translate(_DASHES)
    hx = _hours_regexes()
    tokens = _TOKEN.findall(scan)
    # Opening times hold a digit or a clock word ("noon to midnight").
    with_times = _DIGIT.search(scan) is not None or not hx.clock_starts.isdisjoint(tokens)
    context = matcher("hours_context").search(folded)
    items = _items(scan, tokens, hx, with_times, context) if with_times or context else []
    schedule, alone, closed = _pair(items, scan, hx) if items else (_Schedule(), [], [])
    if not schedule.hours:
        # The word matcher first: the phrase regex is costly on long paragraphs.
        always = pattern("always").search(folded) if matcher("always").search(folded) else None
        if always is not None:
            snippet = _snippet(folded, *always.span())
            return Found("business_hours", snippet, snippet, data={"always": "24/7"}), always.span()
        hours_context = matcher("hours_context")
        for item in alone:
            if item.strong and hours_context.search(_sentence(folded, item.start, item.end)):
                schedule.set(item.days, OPEN, (item.start, item.end))
    if not schedule.hours:
        return _hours_without_days(folded, scan, hx) if with_times and context else None
    for item in closed:
        schedule.set(item.days, CLOSED, (item.start, item.end))
    assert schedule.first is not None
    snippet = _snippet(folded, *schedule.first)
    return Found("business_hours", snippet, snippet, data=dict(schedule.hours)), schedule.first


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
