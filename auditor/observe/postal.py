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
_NUMBER_FIRST = (
    r"\d+[a-z]?,?\s+(?:(?:rue|avenue|boulevard|bd\.?|chemin|place|allee|allée|quai|impasse)\b"
    r"[^\n,;]{1,50}|[A-Z][\w\- ]{1,30}\s(?:street|st\.?|road|rd\.?|avenue|ave\.?|lane|way|"
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
    for raw in found:
        value = re.sub(r"\s+", " ", raw).strip(" ,;")
        # One address seen by two patterns is one address: the stricter pattern (earlier,
        # shorter) wins.
        if any(value in other or other in value for other in out):
            continue
        out.append(value)
    return out


def _trim_lead(block: str) -> str:
    """Drop leading words before the address ("Or write to Brand Ltd, PO Box 1, ...")."""
    parts = [p.strip() for p in block.split(",")]
    while len(parts) > 2 and not any(ch.isdigit() for ch in parts[0]):
        parts.pop(0)
    return ", ".join(parts)
