"""Phone numbers: from ``tel:`` links and from plain text, in E.164, with their call cost.

Customers meet numbers written every which way ("91 123 45 67", "+44 (0)20 7946 0000",
"*2707").  ``phonenumbers`` finds and validates them; what it cannot know is whether a
digit run is a phone at all, so plain-text candidates must either sit next to a phone
word ("Tel.", "llámanos", "טלפון") or look like a phone (international prefix or the
grouping people use), and must not sit inside a date, a price, an IBAN or next to
"order no." / "IBAN" / "USt-IdNr.".  A missed number costs little (the walk usually sees
it as a ``tel:`` link too); an invented one would claim a channel the site does not offer.

The region is a guess ("en" gives GB), and North American sites use generic TLDs.  Where
national numbers carry a trunk prefix (GB, IE, AU, DE, FR, IL...) they are always written
with it, so "(800) 356-9378" or "1-800-FLOWERS" on such a site is North American, not
"0800 356 9378" with the 0 forgotten: ``_nanp_number`` decides, for text, ``tel:`` links
and ``normalise_phone`` alike.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import cast
from urllib.parse import unquote

import phonenumbers
from phonenumbers import (
    Leniency,
    PhoneMetadata,
    PhoneNumber,
    PhoneNumberFormat,
    PhoneNumberMatcher,
)
from phonenumbers import PhoneNumberType as NumberType

from auditor.models import PhoneCost
from auditor.observe.lexicon import matcher, pattern
from auditor.observe.text import HEBREW, fold, memo_list, strip_controls

__all__ = [
    "PhoneMatch",
    "find_phones",
    "normalise_phone",
    "phone_cost",
    "phone_from_href",
]

STAR_NUMBER = re.compile(r"(?<![\d\w*])\*\d{3,5}(?![\d])")
_DATE = re.compile(
    r"(?<!\d)(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}[./-]\d{1,2}[./-]\d{1,2})(?!\d)"
)
_TIME_RANGE = re.compile(r"(?<!\d)\d{1,2}[:.h]\d{2}\s*[-–—]\s*\d{1,2}[:.h]\d{2}(?!\d)")
_YEAR_RANGE = re.compile(r"(?<!\d)(?:19|20)\d{2}\s*[-–—/]\s*(?:19|20)?\d{2}(?!\d)")
_MONEY = re.compile(
    r"(?:[€$£₪]|\b(?:eur|usd|gbp|ils|nis|chf|brl|r\$)\b)\s*\d[\d.,\s]*"
    r"|\d[\d.,\s]*\d\s*(?:[€$£₪]|\b(?:eur|euros?|usd|gbp|ils|nis|chf|brl)\b|ש\"ח|ש״ח|שקל)",
    re.I,
)
_DECIMAL_TAIL = re.compile(r"\d[.,]\d{2}$")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b")
_TRUNK_IN_BRACKETS = re.compile(r"\(\s*0\s*\)")
_TRAILING_WORDS = re.compile(r"(?<=\d)\s+[a-z][^\d]*$", re.I)
# "(506) 2221-4130": a country calling code in brackets, as Central American and some
# Caribbean sites write it; same length as "+506 " so match offsets stay put.
_CC_IN_BRACKETS = re.compile(r"\((?P<cc>[1-9]\d{1,2})\)")
_GROUP_SPLIT = re.compile(r"[\s./()\-–]+")
# North American shape: an optional "1" / "+1" and a separator, a 3-digit area code
# (first digit 2-9) in brackets or followed by a separator, then 3 digits, a separator
# and 4 digits ("(800) 356-9378", "1-800-356-9378", "800.356.9378"), or a vanity word of
# 7 letters and digits ("1-800-FLOWERS", "1 (800) GOT-JUNK", "+1-888-NEW-DELL").  Not
# glued to a word or a hyphen ("REF-800-ABCDEFG") nor followed by a domain ("...S.com").
_NANP = (
    r"(?<![\w+\-])(?P<one>(?:\+\s?)?1[\s.\-]+)?"
    r"(?:\(\s*[2-9]\d{2}\s*\)[\s.\-]*|[2-9]\d{2}[\s.\-]+)"
    r"(?:\d{3}[\s.\-]+\d{4}|(?P<vanity>[A-Z0-9](?:-?[A-Z0-9]){6}))"
    r"(?!\w|-\w|\.[^\W\d_])"
)
_NANP_TEXT = re.compile(_NANP)  # in running text a vanity word is written in capitals
_NANP_WRITTEN = re.compile(_NANP, re.I)
_NANP_DIGITS = re.compile(r"1?[2-9]\d{2}[2-9]\d{6}")
# What makes a North American-looking tail part of a longer number: "+44 207 946 0000",
# "0044 207...", "+44 (0) 207...".
_PREFIX_BEFORE = re.compile(r"(?:\+\s?\d{1,3}|(?<!\d)00\d{1,3}|\(\s*0\s*\)|(?<!\d)0)[\s.\-]*$")
_CONTEXT_BEFORE = 40
_CONTEXT_AFTER = 12
_NEAR_BEFORE = 24

_TYPE_COST: dict[int, PhoneCost] = {
    NumberType.TOLL_FREE: "free",
    NumberType.PREMIUM_RATE: "premium",
    NumberType.SHARED_COST: "shared_cost",
    NumberType.FIXED_LINE: "standard",
    NumberType.MOBILE: "standard",
    NumberType.FIXED_LINE_OR_MOBILE: "standard",
    NumberType.VOIP: "standard",
}


@dataclass(frozen=True)
class PhoneMatch:
    """One phone number found: E.164 (or as written for star numbers) and its cost."""

    value: str
    raw: str
    cost: PhoneCost
    start: int = 0
    end: int = 0
    valid: bool = True


@cache
def _cost_table() -> dict[str, dict[str, str]]:
    ref = resources.files("auditor.observe.data").joinpath("phone_costs.json")
    data = json.loads(ref.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_about")}


def _table_cost(number: PhoneNumber) -> PhoneCost | None:
    region = phonenumbers.region_code_for_number(number)
    if region is None and number.country_code is not None:
        region = phonenumbers.region_code_for_country_code(number.country_code)
    table = _cost_table().get(region or "", {})
    nsn = phonenumbers.national_significant_number(number)
    for length in range(min(len(nsn), 5), 0, -1):
        cost = table.get(nsn[:length])
        if cost is not None:
            return cast(PhoneCost, cost)
    return None


def phone_cost(value: str) -> PhoneCost:
    """Cost class of an E.164 number or an Israeli star number (``*2707``)."""
    if value.startswith("*"):
        return cast(PhoneCost, _cost_table().get("_star", {}).get("IL", "unknown"))
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return "unknown"
    return _cost_of(number)


def _cost_of(number: PhoneNumber) -> PhoneCost:
    table = _table_cost(number)
    if table is not None:
        return table
    return _TYPE_COST.get(phonenumbers.number_type(number), "unknown")


# The shortest number the cost table may vouch for: directory lines are 5 or 6 digits
# (ES 118 22, UK 118 118); "Store 1180" is an identifier, not a premium line.
MIN_TABLE_DIGITS = 5


def _acceptable(number: PhoneNumber) -> bool:
    """Valid, or at least possible with a prefix our cost table knows (ES 905...)."""
    if phonenumbers.is_valid_number(number):
        return True
    if len(str(number.national_number)) < MIN_TABLE_DIGITS:
        return False
    return phonenumbers.is_possible_number(number) and _table_cost(number) is not None


def _e164(number: PhoneNumber) -> str:
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


@cache
def _writes_trunk_prefix(region: str) -> bool:
    """Whether national numbers of ``region`` are written with a trunk prefix ("0")."""
    metadata = PhoneMetadata.metadata_for_region(region)
    return metadata is not None and bool(metadata.national_prefix)


def _parse(text: str, region: str | None) -> PhoneNumber | None:
    try:
        return phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None


def _nanp_number(written: str, region: str | None, *, shaped: bool = True) -> PhoneNumber | None:
    """The North American reading of ``written``, when it beats the ``region`` reading.

    ``written`` is in North American shape (``_NANP``), or a bare digit run when not
    ``shaped``.  The NANP reading must be valid.  It wins in a NANP region, and, when
    shaped, where national numbers carry a trunk prefix: written without it, the number
    is not national there.  Elsewhere (ES, IT, no region) it wins only when the region
    cannot read the number, so an Italian mobile "312 345 6789" stays Italian.
    """
    number = _parse(phonenumbers.convert_alpha_characters_in_number(written), "US")
    if number is None or number.country_code != 1 or not phonenumbers.is_valid_number(number):
        return None
    if region is None:
        return number
    if phonenumbers.country_code_for_region(region) == 1:
        return number
    if shaped and _writes_trunk_prefix(region):
        return number
    local = _parse(written, region)
    return None if local is not None and _acceptable(local) else number


def _nanp_written(raw: str, region: str | None) -> PhoneNumber | None:
    """``_nanp_number`` of a whole written number (a ``tel:`` link, structured data)."""
    text = raw.strip()
    shape = _NANP_WRITTEN.fullmatch(text)
    if shape is not None:
        vanity = shape.group("vanity")
        if vanity is None or any(ch.isalpha() for ch in vanity):
            return _nanp_number(text, region)
    if _NANP_DIGITS.fullmatch(text):
        return _nanp_number(text, region, shaped=False)
    return None


def _read(text: str, region: str | None) -> PhoneNumber | None:
    """The number ``text`` means: North American (``_nanp_number``), else in ``region``."""
    number = _nanp_written(text, region)
    return number if number is not None else _parse(text, region)


@lru_cache(maxsize=8192)
def normalise_phone(raw: str, region: str | None = None) -> str | None:
    """E.164 of a number as written (national format needs ``region``); None if not a phone.

    Star numbers are returned as written ("*2707").  E.164 input returns itself.
    """
    text = strip_controls(raw).strip()
    star = STAR_NUMBER.fullmatch(text)
    if star:
        return text
    number = _read(text, region)
    if number is None or not _acceptable(number):
        return None
    return _e164(number)


def phone_from_href(href: str, region: str | None = None) -> PhoneMatch | None:
    """The number of a ``tel:`` link; when it does not parse, its digits as written.

    A ``tel:`` link is an explicit phone, so no context is required; only a link
    without any digit is dropped.
    """
    if not href.lower().startswith("tel:"):
        return None
    raw = strip_controls(unquote(href[4:])).split(";", 1)[0].strip()
    if not any(ch.isdigit() for ch in raw):
        return None
    # "+44 (0)20 …": the trunk prefix in brackets is written for people, not dialled.
    raw = _TRUNK_IN_BRACKETS.sub(" ", raw)
    if _nanp_written(raw, region) is None:  # "+1 888 NEW-DELL": the words are the number
        raw = _TRAILING_WORDS.sub("", raw)
    if STAR_NUMBER.fullmatch(raw):
        return PhoneMatch(value=raw, raw=raw, cost=phone_cost(raw))
    number = _read(raw, region)
    if number is not None and phonenumbers.is_possible_number(number):
        valid = _acceptable(number)
        return PhoneMatch(value=_e164(number), raw=raw, cost=_cost_of(number), valid=valid)
    kept = "".join(ch for ch in raw if ch.isdigit() or ch in "+*#")
    return PhoneMatch(value=kept, raw=raw, cost="unknown", valid=False)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _looks_like_phone(raw: str) -> bool:
    """International prefix, or the digit grouping people use for phones."""
    stripped = raw.strip()
    if stripped.startswith(("+", "00")):
        return True
    # A lone digit is no group ("4000000/0/0" is a reference, not a phone number).
    groups = [g for g in _GROUP_SPLIT.split(stripped) if len(g) >= 2]
    if len(groups) >= 3:
        return True
    return len(groups) == 2 and stripped.startswith(("0", "("))


def _last_end(section: str, text: str) -> int:
    """End offset of the last term of ``section`` in ``text`` (-1 when none)."""
    if not matcher(section).search(text):
        return -1
    return max((m.end() for m in pattern(section).finditer(text)), default=-1)


def _context(text: str, start: int, end: int) -> tuple[bool, bool, bool]:
    """(phone word near, fax is the nearest label, blocking word nearer than any phone word).

    Distances are counted back from the candidate, so "Tel. 030 1234567, Fax 030 1234568"
    keeps the first and drops the second.
    """
    before = fold(text[max(0, start - _CONTEXT_BEFORE) : start])
    after = fold(text[end : end + _CONTEXT_AFTER])
    phone_end = _last_end("phone_context", before)
    phone_word = phone_end >= 0 or matcher("phone_context").search(after)
    fax = _last_end("fax_context", before) > phone_end
    block_end = _last_end("not_phone_context", before)
    blocked = block_end > phone_end and len(before) - block_end <= _NEAR_BEFORE
    return phone_word, fax, blocked


_THREE_DIGITS = re.compile(r"\d\D*\d\D*\d")


def _as_plus(m: re.Match[str]) -> str:
    cc = m.group("cc")
    if phonenumbers.region_code_for_country_code(int(cc)) == "ZZ":
        return m.group(0)
    return f"+{cc} "


def _bracketed_country_codes(
    clean: str, spans: list[tuple[int, int]], found: list[PhoneMatch], seen: set[str]
) -> list[PhoneMatch]:
    """Numbers written "(506) 2221-4130": the brackets hold a country calling code.

    Only numbers valid for that country count, and only where the national reading
    found nothing, so a local area code in brackets ("(020) 7946 0000") stays local.
    """
    if "(" not in clean:
        return []
    rewritten = _CC_IN_BRACKETS.sub(_as_plus, clean)
    if rewritten == clean:
        return []
    taken = [(m.start, m.end) for m in found]
    out: list[PhoneMatch] = []
    for match in PhoneNumberMatcher(rewritten, "ZZ", leniency=Leniency.VALID):
        start, end = match.start, match.end
        if _overlaps(start, end, spans + taken) or clean[start] != "(":
            continue
        _, fax, blocked = _context(clean, start, end)
        value = _e164(match.number)
        if fax or blocked or value in seen:
            continue
        seen.add(value)
        out.append(PhoneMatch(value, clean[start:end].strip(), _cost_of(match.number), start, end))
    return out


def _north_american(
    clean: str, region: str | None, spans: list[tuple[int, int]]
) -> tuple[list[PhoneMatch], list[tuple[int, int]]]:
    """Numbers in North American shape that ``_nanp_number`` reads, and the spans it took.

    A taken span is not read again in the region, even when its context drops it (a fax
    or an order reference must not come back as a British number).  A vanity word needs
    the leading "1" or a phone word ("Call 800-FLOWERS").
    """
    out: list[PhoneMatch] = []
    taken: list[tuple[int, int]] = []
    for shape in _NANP_TEXT.finditer(clean):
        start, end = shape.span()
        vanity = shape.group("vanity")
        if vanity is not None and not any(ch.isalpha() for ch in vanity):
            continue
        if _PREFIX_BEFORE.search(clean[max(0, start - 8) : start]):
            continue
        written = shape.group(0)
        number = _nanp_number(written, region)
        if number is None:
            continue
        taken.append((start, end))
        if _overlaps(start, end, spans):
            continue
        phone_word, fax, blocked = _context(clean, start, end)
        phone_like = vanity is None or shape.group("one") is not None
        if fax or blocked or not (phone_word or phone_like):
            continue
        out.append(PhoneMatch(_e164(number), written.strip(), _cost_of(number), start, end))
    return out, taken


@memo_list
def find_phones(text: str, region: str | None = None) -> list[PhoneMatch]:
    """Phone numbers in plain text, deduplicated, in reading order."""
    clean = strip_controls(text)
    if not clean or _THREE_DIGITS.search(clean) is None:
        return []
    spans = (
        _spans(_DATE, clean)
        + _spans(_TIME_RANGE, clean)
        + _spans(_YEAR_RANGE, clean)
        + _spans(_MONEY, clean)
        + _spans(_IBAN, clean)
    )
    found: list[PhoneMatch] = []
    seen: set[str] = set()
    north_american, taken = _north_american(clean, region, spans)
    for nanp in north_american:
        if nanp.value not in seen:
            seen.add(nanp.value)
            found.append(nanp)
    for match in PhoneNumberMatcher(clean, region or "ZZ", leniency=Leniency.POSSIBLE):
        start, end, raw = match.start, match.end, match.raw_string
        if _overlaps(start, end, spans + taken) or _DECIMAL_TAIL.search(raw):
            continue
        number = match.number
        if not _acceptable(number):
            continue
        phone_word, fax, blocked = _context(clean, start, end)
        if fax or blocked or not (phone_word or _looks_like_phone(raw)):
            continue
        value = _e164(number)
        if value not in seen:
            seen.add(value)
            found.append(PhoneMatch(value, raw.strip(), _cost_of(number), start, end))
    found += _bracketed_country_codes(clean, spans, found, seen)
    hebrew = HEBREW.search(clean) is not None
    for star in STAR_NUMBER.finditer(clean):
        start, end = star.span()
        phone_word, fax, blocked = _context(clean, start, end)
        if fax or blocked or not (region == "IL" or hebrew or phone_word):
            continue
        value = star.group(0)
        if value not in seen:
            seen.add(value)
            found.append(PhoneMatch(value, value, phone_cost(value), start, end))
    found.sort(key=lambda m: m.start)
    return found
