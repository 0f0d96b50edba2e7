"""Messaging and social links: WhatsApp, Messenger, Telegram, SMS, Viber, social profiles.

A WhatsApp number is a direct human channel (DESIGN §4, contact milestone); a social
profile is not, but the inventory lists it.  Share buttons ("facebook.com/sharer") are
neither and are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qs, unquote, urlsplit

from auditor.observe.phones import normalise_phone

__all__ = ["LinkChannel", "channel_from_href"]

LinkKind = Literal["whatsapp", "messaging", "social"]

_SOCIAL_HOSTS = {
    "facebook.com": "facebook",
    "fb.com": "facebook",
    "x.com": "x",
    "twitter.com": "twitter",
    "instagram.com": "instagram",
    "linkedin.com": "linkedin",
    "youtube.com": "youtube",
    "youtu.be": "youtube",
    "tiktok.com": "tiktok",
    "threads.net": "threads",
    "pinterest.com": "pinterest",
}
_MESSAGING_HOSTS = {"m.me", "t.me", "telegram.me", "line.me", "signal.me", "messenger.com"}
_SHARE = re.compile(
    r"/(?:sharer|share|intent|sharearticle|shareArticle|dialog|plugins|hashtag|search)\b", re.I
)
_DIGITS = re.compile(r"[^\d+]")


@dataclass(frozen=True)
class LinkChannel:
    """A channel a link opens: kind and normalised value."""

    kind: LinkKind
    value: str


def _host(netloc: str) -> str:
    host = netloc.lower().split("@")[-1].split(":")[0]
    for prefix in ("www.", "m.", "mobile.", "web.", "api.", "business."):
        if host.startswith(prefix) and host not in _MESSAGING_HOSTS:
            host = host[len(prefix) :]
    return host


def _number(raw: str) -> str:
    digits = _DIGITS.sub("", unquote(raw))
    if not digits:
        return ""
    international = digits if digits.startswith("+") else f"+{digits}"
    # Click-to-chat links always carry the international number, valid or not.
    return normalise_phone(international) or international


def _clean_url(href: str) -> str:
    parts = urlsplit(href)
    return f"{parts.scheme}://{parts.netloc}{parts.path}".rstrip("/")


def channel_from_href(href: str) -> LinkChannel | None:
    """WhatsApp / messaging / social channel opened by ``href``; None for anything else."""
    lowered = href.strip().lower()
    if lowered.startswith("sms:"):
        raw = href.strip()[4:].split("?", 1)[0].split(";", 1)[0]
        digits = _DIGITS.sub("", unquote(raw))
        value = (normalise_phone(digits) if digits.startswith("+") else None) or digits
        return LinkChannel("messaging", value) if value else None
    if lowered.startswith("viber:"):
        query = parse_qs(urlsplit(href).query)
        number = query.get("number", [""])[0]
        return LinkChannel("messaging", _number(number) if number else href.strip())
    if lowered.startswith("whatsapp:"):
        phone = parse_qs(urlsplit(href).query).get("phone", [""])[0]
        return LinkChannel("whatsapp", _number(phone) if phone else href.strip())
    if not lowered.startswith(("http://", "https://", "//")):
        return None
    parts = urlsplit(href if not href.startswith("//") else f"https:{href}")
    host = _host(parts.netloc)
    if host == "wa.me":
        number = _number(parts.path.strip("/").split("/")[0])
        return LinkChannel("whatsapp", number or _clean_url(href))
    if host in ("whatsapp.com", "wa.link") or host.endswith(".whatsapp.com"):
        phone = parse_qs(parts.query).get("phone", [""])[0]
        if phone:
            return LinkChannel("whatsapp", _number(phone))
        if parts.path.startswith(("/send", "/message", "/catalog")) or host == "wa.link":
            return LinkChannel("whatsapp", _clean_url(href))
        return None
    if host in _MESSAGING_HOSTS:
        return LinkChannel("messaging", _clean_url(href)) if parts.path.strip("/") else None
    if host in _SOCIAL_HOSTS:
        path = parts.path.strip("/")
        if not path or _SHARE.search(parts.path):
            return None
        return LinkChannel("social", _clean_url(href))
    return None
