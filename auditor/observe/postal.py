"""Postal addresses: schema.org data and address blocks of legal notices.

A postal address never reaches the contact milestone (DESIGN §4) but belongs in the
channel inventory and is what a legal notice (Impressum, aviso legal) must give.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from auditor.observe.text import memo_list

__all__ = ["JsonLdContacts", "find_addresses", "jsonld_contacts"]

_STREET_FIRST = (
    r"(?:calle|c/|avda\.?|avenida|av\.|plaza|pza\.?|paseo|pso\.?|ronda|carretera|camino|"
    r"via|viale|piazza|corso|largo|vicolo|rua|travessa|praca|praça|alameda|estrada|"
    r"[A-ZÄÖÜ][\wäöüß\-]*(?:straße|strasse|str\.|weg|platz|allee|ring|gasse|damm|ufer)|"
    r"[A-ZÄÖÜ][\wäöüß\-]+\s(?:Straße|Strasse|Str\.|Weg|Platz|Allee|Ring|Gasse|Damm|Ufer)|"
    r"רח'|רחוב|שד'|שדרות|דרך)[^\n,;]{0,60}?\d+[^\n,;]{0,20}"
)
# "10, rue de la Paix" takes a comma after the number; "10 Downing Street" does not, so a
# phone number's last digits and a comma ("… 0000, or write to us at …") start no street.
_NUMBER_FIRST = (
    r"\d+[a-z]?(?:,?\s+(?:rue|avenue|boulevard|bd\.?|chemin|place|allee|allée|quai|impasse)\b"
    r"[^\n,;]{1,50}|\s+[A-Z][\w\- ]{1,30}\s(?:street|st\.?|road|rd\.?|avenue|ave\.?|lane|way|"
    r"drive|place|square|court)\b)"
)
_POSTCODE = r"\d{4}-\d{3}|\d{5}-\d{3}|\d{7}|\d{5}|\d{4}"
_UK_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}"
_CITY = r"[^\W\d_][\w\-' ]{1,40}"
# A French postal box ("TSA 80715", "CS 30001", "BP 12") may stand before the postcode.
_POSTAL_BOX = r"(?:(?:TSA|BP|CS)\s?\d{1,6}[,;\s]+)?"
_ADDRESS = re.compile(
    rf"(?P<street>{_STREET_FIRST}|{_NUMBER_FIRST})[,;\s]+{_POSTAL_BOX}"
    rf"(?:(?:{_POSTCODE})[\s,]+{_CITY}|{_CITY}?[\s,]+(?:{_UK_POSTCODE}|\d{{7}}))",
    re.I,
)
# A postal box with no street: "TSA 50110, 75441 Paris Cedex 09", "Postfach 10 20 30,
# 10115 Berlin", "Apartado de Correos 1234, 28080 Madrid", "Casella Postale 123, 20100
# Milano", "Apartado 1234, 1000-001 Lisboa".
_BOX_ONLY = re.compile(
    r"\b(?:TSA|CS|BP|Bo[iî]te postale|Postfach|Apartado(?: de Correos)?|Casella postale|"
    r"C\.P\.)\s?\d{1,6}(?:\s\d{2}){0,3}[,;\s]+"
    rf"(?:{_POSTCODE})\s+[^\W\d_][\w\-' ]{{1,30}}?(?:\s+Cedex(?:\s\d{{1,2}})?)?(?=[,.;)\n]|$)",
    re.I,
)
# "ת"ד 780, ירושלים 9100701": an Israeli post-office box, town and seven-digit postcode.
_HEBREW_BOX = re.compile(
    r"(?:ת\.ד\.?|ת\"ד|ת״ד|תא דואר)\s?\d{1,6},?\s*[\u0590-\u05ff][\u0590-\u05ff\s\-]{1,20}"
    r"[\u0590-\u05ff],?\s*\d{5}(?:\d{2})?"
)
# "Av. D. Carlos I, 134, 1.º, 1200-651 Lisboa": street name, then its number after a comma
# (and a floor), then the postcode (Portugal, Spain, Latin America).
_NAME_COMMA_NUMBER = re.compile(
    r"(?:av\.|avda\.?|avenida|rua|calle|c/|travessa|largo|pra[cç]a)\s[^\n,;]{1,40},\s*"
    rf"\d+[a-z]?(?:,\s*[\w.ºª°-]{{1,8}})?[,;\s]+(?:{_POSTCODE})[\s,]+{_CITY}",
    re.I,
)


# A UK address is whatever sits between a clause boundary and its postcode:
# "Registered office: Unit 7, Riverside Park, Manchester M15 4PR".
_UK_BLOCK = re.compile(
    rf"(?:^|(?<=[:.;(]\s)|(?<=[:.;(])|(?<=\),\s))(?P<addr>[^:.;()\n]{{4,120}}?\b{_UK_POSTCODE})\b"
)
_COUNTRIES = (
    r"Ireland|United Kingdom|UK|España|Spain|Deutschland|Germany|France|Israel|Italia|Portugal"
)
# Number-first street, town (with a district number such as "Dublin 2"), country.
_NUMBER_STREET_COUNTRY = re.compile(
    rf"\b\d+[a-z]?\s+[A-Z][\w\- ]{{1,40}},\s*[A-Z][\w\- ]{{1,30}}(?:\s\d{{1,2}})?,"
    rf"\s*(?:{_COUNTRIES})\b"
)
# Hebrew street and number, then a town name (Israeli addresses often omit the postcode).
_HEBREW_STREET_TOWN = re.compile(
    r"(?:רחוב|רח'|שדרות|שד'|דרך)\s[\u0590-\u05ff\s\-\"']{2,30}?\s\d{1,4},\s*[\u0590-\u05ff][\u0590-\u05ff\-\s]{1,20}[\u0590-\u05ff]"
)


# North America and Australia. An address there ends in a region and a postcode
# ("Austin, TX 78701", "Toronto, ON M5X 1A9", "Sydney NSW 2000"), which prose seldom
# does. The search runs backwards from that tail: a digit run that could end a postcode
# (cheap to find, rare in prose), then a region just before it, then only then a street
# or box in the few score characters before the region.
# The 50 states, DC and the inhabited territories, by USPS code and by name.
_US_STATES = [
    *(
        "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV "
        "NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC D.C. AS GU MP PR VI"
    ).split(),
    *(
        "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|"
        "Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|"
        "Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|"
        "Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|"
        "Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|"
        "Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|"
        "District of Columbia|Puerto Rico|Guam|American Samoa|U.S. Virgin Islands|"
        "Northern Mariana Islands"
    ).split("|"),
]
_CA_PROVINCES = [
    *"AB BC MB NB NL NS NT NU ON PE QC SK YT".split(),
    *(
        "Alberta|British Columbia|Colombie-Britannique|Manitoba|New Brunswick|"
        "Nouveau-Brunswick|Newfoundland|Newfoundland and Labrador|Terre-Neuve|"
        "Terre-Neuve-et-Labrador|Nova Scotia|Nouvelle-Écosse|Northwest Territories|"
        "Territoires du Nord-Ouest|Nunavut|Ontario|Prince Edward Island|"
        "Île-du-Prince-Édouard|Quebec|Québec|Saskatchewan|Yukon"
    ).split("|"),
]
_AU_STATES = [
    *"NSW VIC QLD SA WA TAS ACT NT".split(),
    *(
        "New South Wales|Victoria|Queensland|South Australia|Western Australia|Tasmania|"
        "Australian Capital Territory|Northern Territory"
    ).split("|"),
]


def _alternation(names: list[str]) -> str:
    """Longest first, so "West Virginia" is not cut to "Virginia" nor "NSW" to "NS"."""
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


# The last word of every region: the cheap test a number passes before any regex runs.
_REGION_LAST_WORDS = frozenset(n.split()[-1] for n in (*_US_STATES, *_CA_PROVINCES, *_AU_STATES))
# Canada Post never uses D, F, I, O, Q or U, nor W or Z as the first letter.
_CA_POSTCODE = r"[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d"
# Region codes are matched case-sensitively: "in 20 ca" or "on 10000" are not regions.
# The code must end the number: "NY 10118X", "NSW 2000.5", "WA 6000%" are not postcodes.
_END = r"(?![\w\-]|[.,]\d|\s?%)"
_NA_AU_TAIL = (
    rf"(?:(?<![\w.])(?:{_alternation(_US_STATES)}),?\s{{1,3}}\d{{5}}(?:-\d{{4}})?"
    rf"|\(?(?<![\w.])(?:{_alternation(_CA_PROVINCES)})\)?,?\s{{1,3}}{_CA_POSTCODE}"
    rf"|(?<![\w.])(?:{_alternation(_AU_STATES)}),?\s{{1,3}}\d{{4}}){_END}"
)
_TAIL_RE = re.compile(_NA_AU_TAIL)
# Where a postcode may end: four digits ("2000", the start of "78701") or the "1A9" of a
# Canadian code. Starting on an ASCII digit lets the regex engine skip ahead to digits, so
# prose costs next to nothing; the trailing run takes in "-1234" and any letters that make
# the number a product code instead.
_TAIL_CUE = re.compile(r"[0-9](?:[0-9]{3}|[A-Z][0-9])[\w\-]*")
# The longest region, its brackets and separators, and the "M5X " of a Canadian code.
_TAIL_LEAD = 48
_UPPER = r"A-ZÀ-ÖØ-Þ"
# A capitalised word ("Fifth", "O'Hare", "St.") or an ordinal ("5th").
_NAME_WORD = rf"(?:[{_UPPER}][^\W\d_]*(?:['’\-][^\W\d_]+)*\.?|\d{{1,4}}(?:st|nd|rd|th))"
_STREET_TYPE = (
    r"(?i:Street|St|Avenue|Ave|Av|Boulevard|Blvd|Road|Rd|Drive|Dr|Lane|Ln|Way|Parkway|Pkwy|"
    r"Highway|Hwy|Court|Ct|Place|Pl|Plaza|Plz|Circle|Cir|Square|Sq|Terrace|Terr?|Trail|Trl|"
    r"Loop|Freeway|Fwy|Expressway|Expy|Turnpike|Tpke|Crescent|Cres|Close|Parade|Pde|"
    r"Esplanade|Promenade|Alley|Centre|Center|Ctr|Pike|Walk|Mall|Quay|Wharf|Crossing|Park|"
    r"Grove|Heights|Hts|Broadway|Route|Rte)\b\.?"
)
_DIRECTION = r"(?:\s(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West|Ouest|Est|Nord|Sud)\b\.?)?"
# A house number stands alone: not the tail of a phone number, price, date or decimal.
_HOUSE = r"(?<![\w\-/.,$€£#%:])\d{1,6}[A-Z]?(?:[/\-]\d{1,6}[A-Z]?)?"
_NA_STREET = (
    rf"{_HOUSE}\s(?:{_NAME_WORD}\s){{0,4}}{_STREET_TYPE}{_DIRECTION}"
    # A numbered road: "12500 Highway 99", "1000 State Route 7".
    rf"|{_HOUSE}\s(?:{_NAME_WORD}\s){{0,2}}(?i:Highway|Hwy\.?|Route|Rte\.?)\s\d{{1,4}}[A-Z]?\b"
    rf"{_DIRECTION}"
    # Québec: "1000, rue Sherbrooke Ouest", "455, boul. René-Lévesque".
    rf"|{_HOUSE},?\s(?i:rue|boulevard|boul\.?|avenue|av\.|chemin|ch\.|place|route|rang|"
    r"côte|montée|promenade|allée)\s[^\W\d_][^\n,;()]{0,40}?"
)
_NA_BOX = (
    r"(?:\b(?i:P\.?\s?O\.?\s?Box|Post\s+Office\s+Box|G\.?P\.?O\.?\s+Box|Locked\s+Bag|"
    r"Private\s+Bag|PMB|Case\s+postale)|\bC\.\s?P\.|\bCP)\s?\d{1,6}\b"
    r"(?:,?\s(?i:Stn\.?|Station|Postal\s+Station|Succ\.?|Succursale|RPO)\s"
    rf"[{_UPPER}\d][^\W_]*(?:[ \-][^\W_]+){{0,3}})?"
)
_UNIT = (
    r"(?:(?i:Suite|Ste\.?|Unit|Apt\.?|Apartment|Room|Rm\.?|Floor|Fl\.?|Level|Lvl\.?|Bldg\.?|"
    r"Building|Shop|Bureau|Local)\s?#?\s?[A-Z\d][\w\-]{0,5}\b|#\s?\d[\w\-]{0,5}\b|"
    r"\d{1,3}(?:st|nd|rd|th|e|ème)\s(?i:Floor|Fl\.?|étage))"
)
_CITY_WORD = rf"[{_UPPER}][^\W\d_]*(?:['’\-.][^\W\d_]*)*"
_NA_CITY = rf"{_CITY_WORD}(?:\s(?:d['’])?{_CITY_WORD}){{0,3}}"
_SEP = r"(?:\s?[,;]\s?|\s)"
# Anchored at the end: the window given to it stops where the tail found by _TAIL_RE ends.
_NA_AU_ADDRESS = re.compile(
    rf"(?:{_UNIT},?\s)?(?:{_NA_BOX}|{_NA_STREET})(?:,?\s{_UNIT})*"
    rf"{_SEP}{_NA_CITY}{_SEP}{_NA_AU_TAIL}\Z"
)
# How far before its tail an address may start: "Attn:" lines and company names beyond it
# are not part of the address, and the bound keeps a long paragraph's search short.
_NA_AU_REACH = 160


def _region_before(text: str, cue: re.Match[str]) -> bool:
    """Whether the word before a candidate postcode could be a region ("TX", "(Québec)").

    Most numbers in prose (years, prices, counts) fail here, before any regex runs."""
    end = cue.start()
    if cue.group(0)[1].isalpha():  # the "1A9" of "M5X 1A9" or the "5X1A9" of "M5X1A9"
        end -= 4 if text[end - 1 : end].isspace() else 1
    words = text[max(0, end - _TAIL_LEAD) : end].rstrip(" \t\n\r,)").rsplit(None, 1)
    return bool(words) and words[-1].lstrip("(") in _REGION_LAST_WORDS


def _na_au_addresses(text: str) -> Iterator[str]:
    """US, Canadian and Australian addresses: each region+postcode tail, then the
    earliest street, box or unit before it that runs through a city into that tail."""
    last = 0  # an address never reaches back into the one before it
    for cue in _TAIL_CUE.finditer(text):
        if cue.start() < last or not _region_before(text, cue):
            continue
        # Two characters past the cue let _END see "2000.5" or "2000 %" for what they are.
        tail = _TAIL_RE.search(text, max(last, cue.start() - _TAIL_LEAD), cue.end() + 2)
        if tail is None or tail.end() <= cue.start():
            continue
        start = max(last, tail.start() - _NA_AU_REACH)
        found = _NA_AU_ADDRESS.search(text, start, tail.end())
        if found is not None:
            last = tail.end()
            yield found.group(0)


_DIGIT = re.compile(r"\d")
_UK_POSTCODE_RE = re.compile(rf"\b{_UK_POSTCODE}\b")


@dataclass(frozen=True)
class JsonLdContacts:
    """Contact data declared in JSON-LD."""

    addresses: list[str]
    phones: list[str]
    emails: list[str]


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def _format_address(node: dict[str, Any]) -> str:
    parts = [
        node.get("streetAddress"),
        " ".join(str(p) for p in (node.get("postalCode"), node.get("addressLocality")) if p),
        node.get("addressRegion"),
    ]
    country = node.get("addressCountry")
    if isinstance(country, dict):
        country = country.get("name")
    parts.append(country)
    return ", ".join(str(p).strip() for p in parts if p and str(p).strip())


def jsonld_contacts(blocks: list[str]) -> JsonLdContacts:
    """PostalAddress, ContactPoint telephone and email from raw JSON-LD blocks."""
    addresses: list[str] = []
    phones: list[str] = []
    emails: list[str] = []
    for block in blocks:
        try:
            data = json.loads(block)
        except (ValueError, TypeError):
            continue
        for node in _walk(data):
            kind = node.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if "PostalAddress" in kinds or "streetAddress" in node:
                text = _format_address(node)
                if text and text not in addresses:
                    addresses.append(text)
            tel = node.get("telephone")
            for t in tel if isinstance(tel, list) else [tel]:
                if isinstance(t, str) and t.strip() and t.strip() not in phones:
                    phones.append(t.strip())
            mail = node.get("email")
            for m in mail if isinstance(mail, list) else [mail]:
                if isinstance(m, str) and "@" in m:
                    value = m.removeprefix("mailto:").strip().lower()
                    if value not in emails:
                        emails.append(value)
    return JsonLdContacts(addresses, phones, emails)


@memo_list
def find_addresses(text: str) -> list[str]:
    """Street + postcode + city blocks in text (legal notices, contact pages)."""
    out: list[str] = []
    if _DIGIT.search(text) is None:
        return out  # every address pattern needs a house number or a postcode
    found = [m.group(0) for m in _ADDRESS.finditer(text)]
    if _UK_POSTCODE_RE.search(text):
        found += [_trim_lead(m.group("addr")) for m in _UK_BLOCK.finditer(text)]
    found += [m.group(0) for m in _NUMBER_STREET_COUNTRY.finditer(text)]
    found += [m.group(0) for m in _NAME_COMMA_NUMBER.finditer(text)]
    found += [m.group(0) for m in _HEBREW_STREET_TOWN.finditer(text)]
    found += [m.group(0) for m in _BOX_ONLY.finditer(text)]
    found += [m.group(0) for m in _HEBREW_BOX.finditer(text)]
    found += _na_au_addresses(text)
    for raw in found:
        value = re.sub(r"\s+", " ", raw).strip(" ,;")
        # One address seen by two patterns is one address: the stricter pattern (earlier,
        # shorter) wins.
        if any(value in other or other in value for other in out):
            continue
        out.append(value)
    return out


_LONG_DIGITS = re.compile(r"\d(?:[\s\-/.]?\d){6,}")  # a phone or account number, not a house


def _trim_lead(block: str) -> str:
    """Drop leading words before the address ("Or write to Brand Ltd, PO Box 1, ...").

    A part holding a long run of digits ("by phone on 0800 048 1234") is prose before the
    address, never a line of it: the address starts after the last such part."""
    parts = [p.strip() for p in block.split(",")]
    numbered = [i for i, part in enumerate(parts[:-1]) if _LONG_DIGITS.search(part)]
    if numbered:
        parts = parts[numbered[-1] + 1 :]
    while len(parts) > 2 and not any(ch.isdigit() for ch in parts[0]):
        parts.pop(0)
    return ", ".join(parts)
