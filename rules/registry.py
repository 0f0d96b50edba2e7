"""All rules by code and by slug.

Codes (``CFA001``…) and slugs are stable public names: reports, baselines and CI
configurations key on them, so a code is never reused and a slug never renamed.  The
registry refuses to start with a duplicate so that mistake cannot ship.
"""

from __future__ import annotations

from auditor.errors import UnknownRule
from rules.catalogue import ALL_RULES
from rules.model import Rule


def _index(rules: tuple[Rule, ...]) -> tuple[dict[str, Rule], dict[str, Rule]]:
    by_code: dict[str, Rule] = {}
    by_slug: dict[str, Rule] = {}
    for rule in rules:
        if rule.code in by_code:
            raise ValueError(f"duplicate rule code {rule.code}")
        if rule.slug in by_slug:
            raise ValueError(f"duplicate rule slug {rule.slug}")
        by_code[rule.code] = rule
        by_slug[rule.slug] = rule
    return by_code, by_slug


_BY_CODE, _BY_SLUG = _index(ALL_RULES)


def all_rules() -> tuple[Rule, ...]:
    """Every rule, ordered by code."""
    return ALL_RULES


def get(key: str) -> Rule:
    """A rule by slug or code (codes are case-insensitive); ``UnknownRule`` otherwise."""
    rule = _BY_SLUG.get(key) or _BY_CODE.get(key.upper())
    if rule is None:
        raise UnknownRule(key)
    return rule


def by_slug(slug: str) -> Rule:
    rule = _BY_SLUG.get(slug)
    if rule is None:
        raise UnknownRule(slug)
    return rule


def by_code(code: str) -> Rule:
    rule = _BY_CODE.get(code.upper())
    if rule is None:
        raise UnknownRule(code)
    return rule


def slugs() -> list[str]:
    return [r.slug for r in ALL_RULES]
