"""The catalogue's promises: stable unique names, DESIGN §6 slugs, dated references, docs."""

from __future__ import annotations

import re
from datetime import date

import pytest

from rules.docs import DEFAULT_DOCS_DIR, stale_docs
from rules.profile import list_profiles, load_profile
from rules.registry import UnknownRule, all_rules, by_code, by_slug, get
from tests.support.paths import REPO

DESIGN_SLUGS = {
    "contact-too-deep",
    "contact-hidden",
    "no-human-channel",
    "login-wall",
    "contact-link-broken",
    "redirect-loop",
    "deflection-loop",
    "premium-rate-number",
    "no-complaint-procedure",
    "no-escalation-path",
    "stale-odr-link",
    "no-response-time",
}


def test_codes_and_slugs_are_unique_and_well_formed() -> None:
    rules = all_rules()
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.slug for r in rules}) == len(rules)
    for r in rules:
        assert re.fullmatch(r"CFA\d{3}", r.code), r.code
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", r.slug), r.slug


def test_design_catalogue_plus_at_least_six_more() -> None:
    slugs = {r.slug for r in all_rules()}
    assert slugs >= DESIGN_SLUGS
    assert len(slugs - DESIGN_SLUGS) >= 6


def test_lookup_by_code_and_slug() -> None:
    for r in all_rules():
        assert by_slug(r.slug) is r
        assert by_code(r.code.lower()) is r
        assert get(r.slug) is get(r.code) is r
    with pytest.raises(UnknownRule):
        get("no-such-rule")


def test_every_rule_is_documented_and_referenced() -> None:
    for r in all_rules():
        for text in (r.title, r.failure_title, r.description, r.rationale, r.how_to_fix):
            assert text.strip(), r.slug
        assert r.references, f"{r.slug} has no reference"
        assert r.needs, f"{r.slug} does not say what it needs"


def test_every_reference_is_dated() -> None:
    for r in all_rules():
        for ref in r.references:
            if ref.effective_from != "always":
                date.fromisoformat(ref.effective_from)
            if ref.effective_to is not None:
                assert ref.effective_from == "always" or ref.effective_to > ref.effective_from
                date.fromisoformat(ref.effective_to)


def test_legal_anchor_dates() -> None:
    """The dates the brief fixes (REFERENCE §2) are the ones the rules carry."""
    dates = {
        (ref.instrument, ref.article): ref.effective_from
        for r in all_rules()
        for ref in r.references
    }
    flat = {f"{i} {a}": d for (i, a), d in dates.items()}

    def when(*words: str) -> set[str]:
        return {d for k, d in flat.items() if all(w in k for w in words)}

    assert when("Atención a la Clientela") == {"2026-12-27"}
    assert when("2023/2673", "11a") == {"2026-06-19"}
    assert when("2024/3228") == {"2025-07-20"}
    assert when("Digital Services Act", "Art. 12") == {"2024-02-17"}
    assert when("312k") == {"2022-07-01"}
    assert when("VSBG") == {"2017-02-01"}


def test_profiles_load_and_name_only_known_rules() -> None:
    ids = list_profiles()
    assert ids[0] == "generic"
    assert {"generic", "eu", "es", "de", "fr", "il", "uk", "us-ca"} <= set(ids)
    slugs = {r.slug for r in all_rules()}
    for pid in ids:
        profile = load_profile(pid)
        assert set(profile.rules) <= slugs
        assert sum(profile.weights.values()) > 0
    assert "no-human-guarantee" in load_profile("es").rules
    assert "no-human-guarantee" not in load_profile("generic").rules
    assert "no-adr-statement" in load_profile("de").rules


def test_unknown_profile_is_a_clear_value_error() -> None:
    with pytest.raises(ValueError, match=r"unknown profile 'xx'.*generic"):
        load_profile("xx")
    with pytest.raises(ValueError, match="unknown profile"):
        load_profile("../generic")


RULE_DOCS = REPO / DEFAULT_DOCS_DIR


def test_generated_rule_docs_are_current() -> None:
    stale = stale_docs(RULE_DOCS)
    assert not stale, f"stale {stale}: regenerate with `auditor rules docs --out docs/rules`"


def test_every_rule_has_a_doc_page_with_its_dates() -> None:
    for r in all_rules():
        page = (RULE_DOCS / f"{r.slug}.md").read_text("utf-8")
        assert r.code in page and r.how_to_fix in page
        for ref in r.references:
            assert ref.effective_from in page
