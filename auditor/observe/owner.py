"""Whose channel is it: the brand's own, a third party's (with its role), or unknown.

A regulator's finding is only as good as its attribution: one helpline, partner or
recruitment number read as the brand's makes a site look easy to contact, which is the
very friction the auditor measures.  The decision reads what a customer reads around a
number or an address, nearest first:

1. the sentence the value stands in (the words just before it, then just after it):
   the nearest third-party cue ("the Financial Ombudsman Service on…", "Samaritans",
   "our partner RoadAid", "jobs") or brand cue ("call us", "our customer service");
2. the heading of its section ("Information Commissioner's Office" above a phone line);
3. the page it is on (a careers page holds recruitment lines);
4. the e-mail domain (the site's own domain is the brand's; a government domain is not);
5. otherwise the brand's only where a brand's contacts usually stand (site chrome,
   support, contact, legal and policy pages), else ``unknown``: never guess in the
   brand's favour where a customer could not tell either.

All cue words live in the lexicon data files (``third_party``, ``brand_voice``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from auditor.domains import registrable_domain
from auditor.models import ChannelOwner, OwnerRole
from auditor.observe.lexicon import matcher, pattern
from auditor.observe.text import fold

__all__ = [
    "OWNER_ROLES",
    "Owner",
    "attribute",
    "brand_names",
    "is_brand_name",
    "last_sentence",
    "registrable_domain",
]

OWNER_ROLES: tuple[OwnerRole, ...] = (
    "regulator",
    "ombudsman_adr",
    "helpline",
    "partner",
    "recruitment",
    "data_protection",
    "police",
)
# Pages where a bare number or address is, by convention, the brand's own.
_BRAND_PAGES = frozenset(
    {"home", "help", "faq", "contact", "complaint", "legal", "terms", "privacy", "cancel", "login"}
)
_CHROME = frozenset({"header", "nav", "footer"})
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")
_MIN_SENTENCE = 16
_WINDOW = 200
_AFTER = 80
# EU harmonised numbers of social value (116 000 missing children, 116 123 emotional
# support…) are helplines wherever they appear.
_HARMONISED_116 = re.compile(r"^\+?\d{0,3}116\d{3}$")
_GOV_DOMAIN = re.compile(
    r"(?:^|\.)(?:gov|gob|gouv|gv|bund|govt|europa)\.[a-z.]{2,}$|\.gov$|\.gov\.[a-z]{2}$"
)


@dataclass(frozen=True)
class Owner:
    """The attribution of one sighting and the words that decided it."""

    owner: ChannelOwner
    role: OwnerRole | None = None
    name: str = ""
    why: str = ""
    basis: str = "words"  # words: the text said so; page: only where it stands


@dataclass(frozen=True)
class _Cue:
    start: int
    end: int
    role: OwnerRole | None  # None: a brand cue
    text: str
    strong: bool = True  # first-person brand words ("call us") beat a named third party


# A company named with its legal form: "Rheinnetz GmbH", "Seguros Alba S.A.", "מגן ביטוח בע\"מ".
_LEGAL_FORM = re.compile(
    r"(?P<name>(?:[A-ZÀ-ÖØ-Þ][\w&'’.-]*\s+){0,4}[A-ZÀ-ÖØ-Þ][\w&'’.-]*)\s*,?\s+"
    r"(?P<form>GmbH|AG|KG|e\.\s?V\.|Ltd\.?|Limited|PLC|plc|LLC|LLP|Inc\.?|S\.\s?A\.?|SAS|SARL|"
    r"S\.\s?L\.?(?:U\.?)?|S\.p\.A\.?|S\.r\.l\.?|Lda\.?|B\.V\.|N\.V\.|SE)(?![\w])"
    r"|(?P<he>[\u05d0-\u05ea][\u05d0-\u05ea\s\"״'-]{1,40}?)\s+בע[\"״]מ"
)


# "call RoadAid on…", "llama a Seguros Alba al…", "chiama CorriereVeloce al…": the
# customer is sent to a named party; if that name is not the brand's, neither is the line.
_CALL_NAME = re.compile(
    r"\b(?:call|phone|ring|contact|text|email|e-mail|write to|llam[ae]n?\s+a|"
    r"contact[ae]\s+(?:a|con)|escrib[ae]\s+a|appelez|contactez|joignez|rufen\s+sie|kontaktieren\s+sie|chiam[ai]|"
    r"contatt[ai]|ligu[ee]\s+para(?:\s+[ao])?|contacte)\s+"
    r"(?P<name>[A-ZÀ-ÖØ-Þ][\w&'’.-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w&'’.-]+){0,3})"
    r"\s+(?:on|at|via|al|au|unter|sul|pelo|no|em)\b"
)
_FIRST_PERSON = frozenset({"us", "nos", "nous", "uns", "ci", "nosotros"})


def _named_companies(text: str, brand: tuple[str, ...]) -> list[_Cue]:
    """Companies named with a legal form, or a party the customer is told to call, that
    are not the brand: someone else's line."""
    if not brand:
        return []  # without the brand's name, a company name proves nothing either way
    out: list[_Cue] = []
    for m in _LEGAL_FORM.finditer(text):
        name = (m.group("name") or m.group("he") or "").strip()
        if name and not is_brand_name(name, brand):
            out.append(_Cue(m.start(), m.end(), "other", name))
    for m in _CALL_NAME.finditer(text):
        name = m.group("name").strip()
        if fold(name) not in _FIRST_PERSON and not is_brand_name(name, brand):
            out.append(_Cue(m.start("name"), m.end(), "other", name))
    return out


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w{3,}", fold(text)))


def _compact(text: str) -> str:
    return re.sub(r"\W+", "", fold(text))


# "Hartley & Finch" writes its domain hartleyandfinch, hartley-finch or hartleyundfinch.
_AMPERSAND = re.compile(r"\s*[&+]\s*")
_AND_WORD = re.compile(r"(?<!\w)(?:and|und|et|y|e)(?!\w)")
_AND_WORDS = ("and", "und", "et", "y", "e")


def _compact_forms(name: str) -> set[str]:
    """The brand's name as letters only, with "&" spelt in each language or dropped."""
    folded = fold(name)
    forms = {_compact(folded), _compact(_AND_WORD.sub(" ", folded))}
    if _AMPERSAND.search(folded):
        forms |= {_compact(_AMPERSAND.sub(f" {word} ", folded)) for word in _AND_WORDS}
        forms.add(_compact(_AMPERSAND.sub(" ", folded)))
    return forms


def is_brand_name(name: str, brand: tuple[str, ...]) -> bool:
    """Is a company name (or an e-mail domain label) one of the brand's own names?

    Every word of a brand name, or its first (distinctive) word, must be in it ("Kestrel
    Car Insurance Ltd", "kestrel-insurance"), or the two must be the same letters
    ("rumbosur-viajes" / "Rumbo Sur Viajes"): a shared trailing common word ("Energie")
    is not enough.
    """
    words, compact = _words(name), _compact(name)
    for b in brand:
        own = _words(b)
        if own and own <= words:
            return True
        first = re.findall(r"\w+", fold(b))[:1]
        if first and len(first[0]) >= 4 and first[0] in words:
            return True  # "Kestrel Insurance Services Ltd" is Kestrel Car Insurance's
        for cb in _compact_forms(b):
            if len(cb) >= 5 and len(compact) >= 5 and (cb in compact or compact in cb):
                return True
    return False


_TITLE_SPLIT = re.compile(r"\s+[|–—·:-]\s+")
_ORG_TYPES = ("Organization", "Corporation", "LocalBusiness", "Store", "Brand", "Agency")


def brand_names(title: str, jsonld: list[str], host: str) -> tuple[str, ...]:
    """What the brand calls itself: the start page's title parts, JSON-LD names, its domain.

    Used to tell "call Kestrel on…" (the brand) from "call RoadAid on…" (a partner).
    """
    names: list[str] = []
    parts = [p.strip() for p in _TITLE_SPLIT.split(title) if p.strip()]
    if len(parts) > 1:
        names += [parts[0], parts[-1]]
    elif parts:
        names.append(parts[0])
    for raw in jsonld:
        try:
            data = json.loads(raw)
        except (ValueError, TypeError):
            continue
        for node in data if isinstance(data, list) else [data]:
            if isinstance(node, dict) and isinstance(node.get("name"), str):
                kind = node.get("@type")
                kinds = kind if isinstance(kind, list) else [kind]
                if any(isinstance(k, str) and k.endswith(_ORG_TYPES) for k in kinds):
                    names.append(node["name"])
    domain = registrable_domain(host).split(".")[0] if host else ""
    if domain and not domain.isdigit():
        names.append(domain.replace("-", " "))
    # A title that only says "Home" or "Welcome" names no one.
    return tuple(dict.fromkeys(n for n in names if n and not _generic_name(n)))


def _generic_name(name: str) -> bool:
    folded = fold(name)
    return len(folded) < 3 or (
        len(folded.split()) <= 2 and matcher("pagekind", "home").search(folded)
    )


def last_sentence(text: str) -> str:
    """The sentence a value ends, with the one before it when it is only a label."""
    tail = text[-_WINDOW:]
    parts = [p for p in _SENTENCE_END.split(tail) if p.strip()]
    if not parts:
        return ""
    last = parts[-1]
    if len(last.strip()) < _MIN_SENTENCE and len(parts) > 1:
        last = f"{parts[-2]} {last}"
    return last


def _first_sentence(text: str) -> str:
    head = text[:_AFTER]
    parts = _SENTENCE_END.split(head, maxsplit=1)
    return parts[0] if parts else ""


def _cues(text: str, brand: tuple[str, ...] = (), weak: bool = True) -> list[_Cue]:
    """Owner cues in ``text``: third-party words, other companies, brand words.

    Offsets of lexicon cues are in folded text, of company names in the text as written;
    folding keeps the length of Latin and Hebrew text closely enough for "nearest".
    """
    folded = fold(text)
    found: list[_Cue] = []
    for role in OWNER_ROLES:
        for m in pattern("third_party", role).finditer(folded):
            if role == "partner" and _names_brand(folded[m.end() : m.end() + 80], brand):
                # "Il sito è gestito da Voltera S.r.l.": the operator named is the brand.
                found.append(_Cue(m.start(), m.end(), None, m.group(0).strip()))
                continue
            found.append(_Cue(m.start(), m.end(), role, m.group(0).strip()))
    for m in pattern("brand_voice").finditer(folded):
        found.append(_Cue(m.start(), m.end(), None, m.group(0).strip()))
    if weak:
        for m in pattern("brand_service").finditer(folded):
            found.append(_Cue(m.start(), m.end(), None, m.group(0).strip(), strong=False))
    found += _named_companies(text, brand)
    return found


_CLAUSE_END = re.compile(r"[,.;:()\n]")


def _names_brand(following: str, brand: tuple[str, ...]) -> bool:
    """Do the words right after a cue, up to the clause's end, name the brand?"""
    if not brand:
        return False
    name = _CLAUSE_END.split(following, maxsplit=1)[0].strip()
    return bool(name) and is_brand_name(name, brand)


def _nearest_before(
    text: str, brand: tuple[str, ...] = (), weak: bool = True, context: str = ""
) -> _Cue | None:
    """The cue ending closest to the end of ``text``; on a tie the longer phrase.

    A named company that holds a lexicon cue ("Schlichtungsstelle Energie e.V.") takes
    that cue's role; one whose text speaks of a partnership is a partner.
    """
    cues = _cues(text, brand, weak)
    if not cues:
        return None
    best = max(cues, key=lambda c: (c.end, c.end - c.start))
    if best.role == "other":
        inner = [
            c
            for c in cues
            if c.role not in (None, "other") and best.start <= c.start and c.end <= best.end
        ]
        if inner:
            return _Cue(best.start, best.end, inner[0].role, best.text)
        if matcher("third_party", "partner").search(fold(f"{context} {text}")):
            return _Cue(best.start, best.end, "partner", best.text)
    return best


def _nearest_after(text: str, brand: tuple[str, ...] = ()) -> _Cue | None:
    cues = _cues(text, brand)
    if not cues:
        return None
    return min(cues, key=lambda c: (c.start, -(c.end - c.start)))


def _earlier_sentences(before: str) -> str:
    """The paragraph's sentences before the value's own, less regulatory-status lines.

    "Breakdown cover is provided by RoadAid. If you break down, call 0800…": the partner
    is named one sentence earlier.  "Regulated by the FCA." names no one's phone line.
    """
    tail = before[-_WINDOW * 2 :]
    parts = [p for p in _SENTENCE_END.split(tail) if p.strip()]
    kept = [p for p in parts[:-1] if not matcher("regulatory_status").search(fold(p))]
    return " ".join(kept[-2:])


def _from_cue(cue: _Cue, where: str) -> Owner:
    if cue.role is None:
        return Owner("brand", why=f"{where}: '{cue.text}'")
    return Owner("third_party", cue.role, cue.text, why=f"{where}: '{cue.text}'")


_FREE_MAIL = frozenset(
    {"gmail", "googlemail", "outlook", "hotmail", "live", "yahoo", "icloud", "me", "gmx",
     "web", "orange", "free", "wanadoo", "libero", "aol", "proton", "protonmail", "sapo",
     "walla", "zoho", "yandex", "mail", "t-online", "telefonica", "movistar"}
)  # fmt: skip


_LATIN = re.compile(r"[a-z]")


def _by_email_domain(value: str, page_host: str, brand: tuple[str, ...]) -> Owner | None:
    """The site's own domain is the brand's; a government one, or one that is neither the
    site's nor named like the brand, is another organisation's."""
    domain = value.rsplit("@", 1)[-1].lower()
    registrable = registrable_domain(domain)
    if page_host and registrable == registrable_domain(page_host):
        return Owner("brand", why=f"e-mail on the site's own domain ({domain})")
    if _GOV_DOMAIN.search(domain):
        return Owner("third_party", "regulator", domain, why=f"government domain ({domain})")
    label = registrable.split(".")[0]
    if not brand or label in _FREE_MAIL:
        return None
    if not any(_LATIN.search(fold(b)) for b in brand):
        # "בנק הגליל" cannot be compared with bankhagalil: the domain proves nothing.
        return None
    if is_brand_name(label.replace("-", " "), brand):
        return Owner("brand", why=f"e-mail on a domain named like the brand ({domain})")
    return Owner("third_party", "other", domain, why="e-mail on another organisation's domain")


def attribute(
    *,
    kind: str,
    value: str,
    before: str = "",
    after: str = "",
    heading: str = "",
    page_kind: str = "other",
    region: str = "other",
    page_host: str = "",
    brand: tuple[str, ...] = (),
    block_before: str = "",
) -> Owner:
    """Owner of a channel value seen with ``before``/``after`` text under ``heading``.

    ``block_before`` is the value's own paragraph up to it (for the sentences before
    its own); ``brand`` the names the site gives itself.
    """
    if kind == "phone" and _HARMONISED_116.match(value):
        return Owner("third_party", "helpline", value, why="EU harmonised 116 number")
    found = _decide(kind, value, before, after, heading, page_host, brand, block_before)
    if found is None:
        if page_kind == "careers":
            return Owner("third_party", "recruitment", why="careers page", basis="page")
        if region in _CHROME or page_kind in _BRAND_PAGES:
            return Owner("brand", why=f"{region} of a {page_kind} page", basis="page")
        return Owner("unknown", why=f"no owner stated ({page_kind} page, {region})", basis="page")
    if found.owner == "brand" and page_kind == "careers":
        return Owner("third_party", "recruitment", why=f"careers page ({found.why})")
    return found


def _decide(
    kind: str,
    value: str,
    before: str,
    after: str,
    heading: str,
    page_host: str,
    brand: tuple[str, ...],
    block_before: str,
) -> Owner | None:
    """The nearest deciding words, strongest evidence first; None when nothing says."""
    own = last_sentence(before)
    cue = _nearest_before(own, brand, weak=False, context=f"{heading} {before}")
    if cue is not None:
        return _from_cue(cue, "sentence")
    earlier = _nearest_before(_earlier_sentences(block_before or before), brand, weak=False)
    if earlier is not None and earlier.role is not None:
        return _from_cue(earlier, "paragraph")
    cue = _nearest_before(own, brand) or _nearest_after(_first_sentence(after), brand)
    if cue is not None:
        return _from_cue(cue, "sentence")
    if kind == "email":
        by_domain = _by_email_domain(value, page_host, brand)
        if by_domain is not None:
            return by_domain
    cue = _nearest_before(heading, brand)
    if cue is not None:
        return _from_cue(cue, "section heading")
    return None
