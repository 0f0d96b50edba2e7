"""Multilingual vocabulary: what a label promises, and which controls must never be pressed.

The words live in data files (``data/lexicon/<lang>.json``), one per language, so a
linguist can extend them without touching code.  Every list of every language is merged
into one precompiled regular expression per category: a page in Spanish often carries
English labels ("FAQ", "Live chat") and a walk of thousands of links must stay fast.

Term syntax in the data files (terms are matched on ``text.fold`` output):

- ``contact us``: whole words; a space also matches ``-``, ``_``, ``/`` and ``.`` runs
  (so URL words match), a hyphen is optional, an apostrophe may be a space;
- ``*kontakt*``: a ``*`` opens that side of the word (German compounds);
- ``^send`` / ``menu$``: anchored at the start / end of the label (punctuation aside);
- ``re:<regex>``: a raw regular expression, for the odd case the above cannot say;
- Hebrew terms match as substrings, after optional one-letter prefixes (ו ה ב ל מ ש כ),
  because Hebrew attaches those to the next word.
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from auditor.observe.text import MEMO_TEXTS, fold, url_words

__all__ = [
    "INTENTS",
    "LANGS",
    "Matcher",
    "intents",
    "is_acting_control",
    "is_consent_accept",
    "is_disclosure_label",
    "is_helpful_prompt",
    "is_negative_answer",
    "is_topic_prompt",
    "lexicon",
    "matcher",
    "pattern",
    "support_score",
    "term_pattern",
]

LANGS: tuple[str, ...] = ("en", "es", "he", "de", "fr", "pt", "it")
INTENTS: tuple[str, ...] = (
    "contact",
    "help",
    "complaint",
    "escalation",
    "cancel",
    "legal",
    "login",
    "account",
)

# REFERENCE §1: weights rise from contact to complaint to escalation to cancellation.
# Help pages often lead to contact; a legal notice (Impressum, mentions légales) holds
# the trader's phone and e-mail, so it earns a moderate score.  Login and account pages
# promise nothing about support by themselves.
_WEIGHTS: dict[str, float] = {
    "contact": 1.0,
    "help": 0.6,
    "legal": 0.4,
    "complaint": 2.0,
    "escalation": 3.0,
    "cancel": 3.5,
    "login": 0.0,
    "account": 0.1,
}
_URL_ONLY_FACTOR = 0.6  # URL words are weaker evidence than the label a customer reads
_EXTRA_INTENT_BONUS = 0.1

_HEBREW = re.compile("[\u0590-\u05ff]")
_HEBREW_PREFIXES = "[ובהלמשכ]{0,3}"
_ACCEPTABLE_LABEL_LEN = 60
# A space in a term also matches URL separators; a hyphen is optional; an apostrophe
# may be a space ("centre d'aide" / "centre-d-aide").
_CHAR_PATTERNS = {" ": r"[\s\-_/.]+", "-": r"[\s\-]?", "'": r"['\s\-]*"}


@cache
def lexicon(lang: str) -> dict[str, Any]:
    """The raw data of one language (loaded once)."""
    ref = resources.files("auditor.observe.data.lexicon").joinpath(f"{lang}.json")
    data: dict[str, Any] = json.loads(ref.read_text(encoding="utf-8"))
    return data


def term_pattern(term: str) -> str:
    """Regex source for one lexicon term (syntax in the module docstring)."""
    if term.startswith("re:"):
        return term[3:]
    start = term.startswith("^")
    end = term.endswith("$")
    body = term.strip("^$")
    open_left = body.startswith("*")
    open_right = body.endswith("*")
    body = fold(body.strip("*"))
    src = "".join(_CHAR_PATTERNS.get(ch, re.escape(ch)) for ch in body)
    hebrew = bool(_HEBREW.search(body))
    if hebrew:
        left = _HEBREW_PREFIXES
        if not start:
            left = r"(?<![\u05d0-\u05ea])" + left
        right = ""
    else:
        left = "" if open_left else r"(?<!\w)"
        right = "" if open_right else r"(?!\w)"
    if start:
        left = r"^[\W_]*" + left
    if end:
        right = r"[\W_]*$"
    return f"{left}{src}{right}"


def _collect(section: str, key: str | None) -> list[str]:
    terms: list[str] = []
    for lang in LANGS:
        node: Any = lexicon(lang).get(section, {} if key else [])
        if key is not None:
            node = node.get(key, [])
        terms.extend(str(t) for t in node)
    return terms


@cache
def pattern(section: str, key: str | None = None) -> re.Pattern[str]:
    """One compiled alternation of ``section`` (or ``section[key]``) over all languages."""
    terms = _collect(section, key)
    if not terms:
        return re.compile(r"(?!x)x")  # matches nothing
    # Longest first: the alternation then reports the most specific phrase as the match.
    terms.sort(key=len, reverse=True)
    return re.compile("|".join(f"(?:{term_pattern(t)})" for t in terms))


_TOKEN = re.compile(r"[^\W_]+")


@lru_cache(maxsize=65536)
def _tokens(folded: str) -> tuple[str, ...]:
    """Word tokens of folded text (cached: the same labels recur on every page)."""
    return tuple(_TOKEN.findall(folded))


class Matcher:
    """Fast membership test for one list of terms.

    Plain terms become word-tuples looked up in a set of the text's n-grams (a handful
    of hash probes per label instead of hundreds of regex alternatives).  Only wildcard,
    raw-regex and Hebrew terms go through a (much smaller) regular expression; the
    Hebrew one runs only when the text holds Hebrew letters.
    """

    def __init__(self, terms: list[str]) -> None:
        self.phrases: set[tuple[str, ...]] = set()
        self.starts: set[tuple[str, ...]] = set()
        self.ends: set[tuple[str, ...]] = set()
        self.whole: set[tuple[str, ...]] = set()
        regex_terms: list[str] = []
        hebrew_terms: list[str] = []
        for term in terms:
            body = term.strip("^$")
            if term.startswith("re:"):
                (hebrew_terms if _HEBREW.search(term) else regex_terms).append(term)
                continue
            if _HEBREW.search(body):
                hebrew_terms.append(term)
                continue
            if "*" in body or not _TOKEN.search(fold(body)):
                regex_terms.append(term)
                continue
            target = self.phrases
            if term.startswith("^") and term.endswith("$"):
                target = self.whole
            elif term.startswith("^"):
                target = self.starts
            elif term.endswith("$"):
                target = self.ends
            folded = fold(body)
            for variant in {folded, folded.replace("-", "")}:
                toks = tuple(_TOKEN.findall(variant))
                if toks:
                    target.add(toks)
        # Phrases indexed by their first word: one dict probe per word of the text,
        # instead of building every n-gram of long paragraphs.
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self.phrases:
            self.by_first.setdefault(phrase[0], []).append(phrase)
        self._first_words = frozenset(self.by_first)
        self._single_words = frozenset(p[0] for p in self.phrases if len(p) == 1)
        self._start_lens = sorted({len(t) for t in self.starts})
        self._end_lens = sorted({len(t) for t in self.ends})
        self.regex = _alternation(regex_terms)
        self.hebrew = _alternation(hebrew_terms)
        self._memo: dict[str, bool] = {}

    def search(self, folded: str) -> bool:
        """True when any term occurs in already-folded text (remembered per text: the
        same labels and chrome blocks are asked about on every page of a walk)."""
        if not folded:
            return False
        known = self._memo.get(folded)
        if known is None:
            if len(self._memo) >= MEMO_TEXTS:
                self._memo.clear()
            known = self._memo[folded] = self._search(folded)
        return known

    def _search(self, folded: str) -> bool:
        toks = _tokens(folded)
        # Which phrase openers occur at all is one C-level pass over the words; only
        # then are their positions compared (most texts hold none of a list's openers).
        openers = self._first_words.intersection(toks)
        if openers:
            if not self._single_words.isdisjoint(openers):
                return True
            by_first = self.by_first
            for i, tok in enumerate(toks):
                if tok in openers:
                    for phrase in by_first[tok]:
                        if toks[i : i + len(phrase)] == phrase:
                            return True
        if self.whole and toks in self.whole:
            return True
        if any(toks[:n] in self.starts for n in self._start_lens):
            return True
        if any(len(toks) >= n and toks[-n:] in self.ends for n in self._end_lens):
            return True
        if self.regex is not None and self.regex.search(folded):
            return True
        return bool(
            self.hebrew is not None and _HEBREW.search(folded) and self.hebrew.search(folded)
        )


def _alternation(terms: list[str]) -> re.Pattern[str] | None:
    if not terms:
        return None
    ordered = sorted(terms, key=len, reverse=True)
    return re.compile("|".join(f"(?:{term_pattern(t)})" for t in ordered))


@cache
def matcher(section: str, key: str | None = None) -> Matcher:
    """The fast matcher of ``section`` (or ``section[key]``) over all languages."""
    return Matcher(_collect(section, key))


def _matches(section: str, key: str | None, text: str) -> bool:
    return matcher(section, key).search(text)


@lru_cache(maxsize=65536)
def _intents_cached(label: str, href: str | None) -> tuple[frozenset[str], frozenset[str]]:
    folded = fold(label)
    words = url_words(href)
    in_label = frozenset(i for i in INTENTS if _matches("intents", i, folded))
    in_url = frozenset(i for i in INTENTS if _matches("intents", i, words))
    return in_label, in_url


def intents(label: str, href: str | None = None) -> set[str]:
    """What a link or control promises, from its label and its URL words."""
    in_label, in_url = _intents_cached(label or "", href)
    return set(in_label | in_url)


def support_score(label: str, href: str | None = None) -> float:
    """How strongly a label (and URL) promises support; 0.0 for unrelated links.

    The strongest intent sets the score, a few points more for each further support
    intent.  An intent seen only in the URL counts for less than one in the label.
    """
    in_label, in_url = _intents_cached(label or "", href)
    scored: list[float] = []
    for name in in_label | in_url:
        weight = _WEIGHTS[name]
        if weight <= 0:
            continue
        scored.append(weight if name in in_label else weight * _URL_ONLY_FACTOR)
    if not scored:
        return 0.0
    scored.sort(reverse=True)
    return round(scored[0] + _EXTRA_INTENT_BONUS * (len(scored) - 1), 3)


@lru_cache(maxsize=16384)
def is_acting_control(label: str) -> bool:
    """True for controls that act (submit, pay, delete, log in, "jetzt kündigen"...).

    DESIGN §8: the auditor never presses these.  Better to refuse a harmless control
    than to press one that cancels a contract.
    """
    return _matches("acting", None, fold(label))


@lru_cache(maxsize=16384)
def is_disclosure_label(label: str) -> bool:
    """True when a control's label says it reveals more (menu, "Still need help?")."""
    folded = fold(label)
    if len(folded) > _ACCEPTABLE_LABEL_LEN:
        return False
    return _matches("disclosure", None, folded)


@lru_cache(maxsize=16384)
def is_helpful_prompt(text: str) -> bool:
    """True when text asks "Was this article helpful?" in any language."""
    return _matches("helpful_prompt", None, fold(text))


@lru_cache(maxsize=16384)
def is_topic_prompt(text: str) -> bool:
    """True when text asks the customer to pick what their request is about.

    "How can we help?", "Wobei können wir helfen?", "Motif de votre demande": the
    heading over a topic picker, whose cards name topics ("Billing", "Mein Vertrag")
    with no support word of their own, yet each leads on towards contact.
    """
    return _matches("topic_prompt", None, fold(text))


@lru_cache(maxsize=16384)
def is_negative_answer(label: str) -> bool:
    """True for a "No" answer (no, nein, non, לא, não, "No, I need help")."""
    folded = fold(label)
    if len(folded) > _ACCEPTABLE_LABEL_LEN:
        return False
    return _matches("negative", None, folded)


@lru_cache(maxsize=16384)
def is_consent_accept(label: str) -> bool:
    """True for the "accept cookies" button of a consent banner (never a reject one)."""
    folded = fold(label)
    if not folded or len(folded) > _ACCEPTABLE_LABEL_LEN:
        return False
    if _matches("consent_reject", None, folded):
        return False
    return _matches("consent_accept", None, folded)
