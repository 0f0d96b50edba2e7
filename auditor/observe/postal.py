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

__all__ = ["JsonLdContacts", "find_addresses", "jsonld_contacts"]

_STREET_FIRST = (
    r"(?:calle|c/|avda\.?|avenida|av\.|plaza|pza\.?|paseo|pso\.?|ronda|carretera|camino|"
    r"via|viale|piazza|corso|largo|vicolo|rua|travessa|praca|praça|alameda|estrada|"
    r"[A-ZÄÖÜ][\wäöüß\-]*(?:straße|strasse|str\.|weg|platz|allee|ring|gasse|damm|ufer)|"
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
_ADDRESS = re.compile(
    rf"(?P<street>{_STREET_FIRST}|{_NUMBER_FIRST})[,;\s]+"
    rf"(?:(?:{_POSTCODE})[\s,]+{_CITY}|{_CITY}?[\s,]+(?:{_UK_POSTCODE}|\d{{7}}))",
    re.I,
)


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


def find_addresses(text: str) -> list[str]:
    """Street + postcode + city blocks in text (legal notices, contact pages)."""
    out: list[str] = []
    for m in _ADDRESS.finditer(text):
        value = re.sub(r"\s+", " ", m.group(0)).strip(" ,;")
        if value not in out:
            out.append(value)
    return out
