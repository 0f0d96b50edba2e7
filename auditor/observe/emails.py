"""E-mail addresses: ``mailto:`` links, plain text and the usual obfuscations.

Sites hide addresses from scrapers as "info [at] example [dot] com", "info(at)firma.de"
or "info arroba empresa punto es" (DESIGN §7).  A customer decodes those without effort,
so the auditor must too.  Placeholder addresses (you@example.com, tu@email.com) and
image names (logo@2x.png) are not channels and are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from auditor.observe.text import memo_list, strip_controls

__all__ = ["EmailMatch", "email_from_href", "find_emails", "is_placeholder", "normalise_email"]

_LOCAL = r"[a-z0-9][a-z0-9._%+\-]{0,63}"
_LABEL = r"[a-z0-9](?:[a-z0-9\-]{0,62}[a-z0-9])?"
_OPEN = r"[\[\(\{<]"
_CLOSE = r"[\]\)\}>]"
_AT_WORDS = r"at|arroba|ät|chez|kukac|bei|em|chiocciola|שטרודל|@"
_DOT_WORDS = r"dot|punto|punkt|point|ponto|נקודה|\."
_AT = (
    rf"(?:\s*{_OPEN}\s*(?:{_AT_WORDS})\s*{_CLOSE}\s*"
    r"|\s+(?:arroba|ät|chiocciola)\s+"
    r"|\s*@\s*)"
)
_DOT = rf"(?:\s*{_OPEN}\s*(?:{_DOT_WORDS})\s*{_CLOSE}\s*|\s+(?:dot|punto|punkt|ponto)\s+|\.)"
_EMAIL = re.compile(
    rf"(?<![\w.@\-])(?P<local>{_LOCAL}){_AT}(?P<domain>{_LABEL}(?:{_DOT}{_LABEL})*{_DOT}"
    r"(?P<tld>[a-z]{2,24}))(?![\w\-])",
    re.I,
)
_DOT_SPLIT = re.compile(_DOT, re.I)
# Cheap pre-check so long text without any address costs one scan.
_HINT = re.compile(rf"@|{_OPEN}\s*(?:{_AT_WORDS})\s*{_CLOSE}|\s(?:arroba|ät|chiocciola)\s", re.I)
_FILE_TLDS = frozenset(
    {"png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "css", "js", "ico", "pdf", "html"}
)
_PLACEHOLDER_DOMAINS = re.compile(
    r"(?:^|\.)(?:example|ejemplo|exemple|beispiel|esempio|exemplo|domain|dominio|domaine|"
    r"yourdomain|tudominio|yourcompany|company|email|correo|test|sentry|sentry-next|"
    r"localhost|invalid)\.[a-z.]+$"
)
_PLACEHOLDER_LOCALS = frozenset(
    {
        "you",
        "your",
        "yourname",
        "your.name",
        "name",
        "nombre",
        "tu",
        "tunombre",
        "usuario",
        "user",
        "username",
        "email",
        "correo",
        "max.mustermann",
        "mustermann",
        "vorname.nachname",
        "prenom.nom",
        "nome",
        "seu",
        "seuemail",
        "john.doe",
        "jane.doe",
        "ejemplo",
        "example",
    }
)


@dataclass(frozen=True)
class EmailMatch:
    """One address found: lowercased value, text as written, offsets in the input."""

    value: str
    raw: str
    start: int = 0
    end: int = 0


def normalise_email(local: str, domain: str) -> str:
    """``local@domain`` lowercased with obfuscated dots decoded."""
    parts = [p.strip() for p in _DOT_SPLIT.split(domain.strip()) if p and p.strip()]
    return f"{local.strip()}@{'.'.join(parts)}".lower()


def is_placeholder(value: str) -> bool:
    """True for example addresses shown as input hints, never real channels."""
    local, _, domain = value.partition("@")
    if domain.rsplit(".", 1)[-1] in _FILE_TLDS:
        return True
    return bool(_PLACEHOLDER_DOMAINS.search(domain)) or local in _PLACEHOLDER_LOCALS


@memo_list
def find_emails(text: str) -> list[EmailMatch]:
    """Addresses in plain text (obfuscated forms included), deduplicated, in order."""
    clean = strip_controls(text)
    if not clean or not _HINT.search(clean):
        return []
    found: list[EmailMatch] = []
    seen: set[str] = set()
    for match in _EMAIL.finditer(clean):
        value = normalise_email(match.group("local"), match.group("domain"))
        if value in seen or is_placeholder(value):
            continue
        seen.add(value)
        found.append(EmailMatch(value, match.group(0), match.start(), match.end()))
    return found


def email_from_href(href: str) -> list[EmailMatch]:
    """Addresses of a ``mailto:`` link (several may be comma-separated)."""
    if not href.lower().startswith("mailto:"):
        return []
    target = unquote(href[7:]).split("?", 1)[0]
    out: list[EmailMatch] = []
    for part in target.split(","):
        part = part.strip()
        if "@" not in part:
            continue
        local, _, domain = part.rpartition("@")
        value = normalise_email(local, domain)
        if not is_placeholder(value) and all(value != m.value for m in out):
            out.append(EmailMatch(value, part))
    return out
