"""Does a link label or URL promise contact, help, a complaint route or a cancellation?

Several rules (broken links, login walls, robots) must tell a journey link from any other
link.  The observers' multilingual lexicon (``auditor/observe/data/lexicon/*.json``) is
the single source of those words, so a word added there for the walk also counts here;
a few English seeds keep the rules working if a lexicon file is missing.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from auditor.observe.text import fold, url_words

JOURNEY_INTENTS = ("contact", "help", "complaint", "escalation", "cancel")

_SEEDS: dict[str, tuple[str, ...]] = {
    "contact": ("contact", "contact us", "customer service", "call us"),
    "help": ("help", "support", "faq"),
    "complaint": ("complaint", "complaints"),
    "escalation": ("ombudsman", "escalate"),
    "cancel": ("cancel", "cancellation"),
}


@lru_cache(maxsize=1)
def _terms() -> dict[str, tuple[str, ...]]:
    """Folded terms per intent, merged over every language of the lexicon."""
    merged: dict[str, set[str]] = {k: {fold(t) for t in v} for k, v in _SEEDS.items()}
    try:
        folder = resources.files("auditor.observe.data.lexicon")
        files = [f for f in folder.iterdir() if f.name.endswith(".json")]
    except (ModuleNotFoundError, FileNotFoundError):
        files = []
    for f in files:
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        intents = data.get("intents", {}) if isinstance(data, dict) else {}
        for intent in JOURNEY_INTENTS:
            for term in intents.get(intent, []):
                if isinstance(term, str) and term.strip():
                    merged[intent].add(fold(term))
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in merged.items()}


@lru_cache(maxsize=4096)
def _pattern(term: str) -> re.Pattern[str]:
    # Latin terms need word boundaries ("adr" must not match "address"); Hebrew words
    # take one-letter prefixes, so non-ASCII terms match as substrings.
    if term.isascii():
        return re.compile(rf"(?<![a-z0-9]){re.escape(term)}(?![a-z0-9])")
    return re.compile(re.escape(term))


def intents_of(label: str, url: str | None = None) -> set[str]:
    """The journey intents a link's label or its URL words promise."""
    text = f"{fold(label)} {url_words(url)}".strip()
    if not text:
        return set()
    found: set[str] = set()
    for intent, terms in _terms().items():
        if any(_pattern(t).search(text) for t in terms):
            found.add(intent)
    return found


def promises(label: str, url: str | None, wanted: set[str] | frozenset[str]) -> bool:
    """True when the link promises one of ``wanted`` intents."""
    return bool(intents_of(label, url) & wanted)
