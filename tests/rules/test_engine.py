"""The engine's guarantees: dating, error isolation, thresholds, the Judgement shape."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from rulecase import email, observations, reached

from auditor.models import Observations
from rules.engine import evaluate_rule, in_force, judge, load_profile, not_in_force_reason
from rules.model import MissingInput, Reference, RuleOptions, RuleResult
from rules.registry import by_slug

OPTS = RuleOptions(as_of="2026-01-01")


def test_judge_runs_every_rule_of_the_profile() -> None:
    j = judge(observations(channels=[email()]), profile="es", as_of="2026-01-01")
    assert j.profile.id == "es" and j.profile.as_of == "2026-01-01"
    assert [f.slug for f in j.findings] == sorted(
        load_profile("es").rules, key=lambda s: by_slug(s).code
    )
    assert 0 <= j.score.friction <= 100
    assert set(j.score.categories) == {
        "findability",
        "human_reachability",
        "complaint_path",
        "escalation",
        "transparency",
        "reliability",
    }


def test_as_of_defaults_to_today_and_is_validated() -> None:
    assert judge(observations()).profile.as_of == date.today().isoformat()
    with pytest.raises(ValueError, match="ISO date"):
        judge(observations(), as_of="19/06/2026")


def test_thresholds_override_the_profile() -> None:
    obs = observations(milestones={"contact": reached(3)})
    strict = judge(obs, as_of="2026-01-01", thresholds={"max_contact_clicks": 2})
    lax = judge(obs, as_of="2026-01-01")
    outcome = {f.slug: f.outcome for f in strict.findings}
    assert outcome["contact-too-deep"] == "fail"
    assert {f.slug: f.outcome for f in lax.findings}["contact-too-deep"] == "pass"


def _raising(exc: Exception):  # type: ignore[no-untyped-def]
    def evaluate(obs: Observations, opts: RuleOptions) -> RuleResult:
        raise exc

    return evaluate


def test_a_crashing_rule_becomes_an_error_finding() -> None:
    rule = replace(by_slug("contact-too-deep"), evaluate=_raising(ZeroDivisionError("boom")))
    f = evaluate_rule(rule, observations(), OPTS, load_profile("generic"))
    assert f.outcome == "error" and "ZeroDivisionError: boom" in f.message


def test_missing_input_becomes_an_error_finding() -> None:
    rule = replace(by_slug("contact-too-deep"), evaluate=_raising(MissingInput("no milestones")))
    f = evaluate_rule(rule, observations(), OPTS, load_profile("generic"))
    assert f.outcome == "error" and f.message == "Missing input: no milestones"


def test_fail_without_evidence_gets_site_evidence() -> None:
    def bare(obs: Observations, opts: RuleOptions) -> RuleResult:
        return RuleResult("fail", "bad")

    rule = replace(by_slug("adr-refusal"), evaluate=bare)
    f = evaluate_rule(rule, observations(), OPTS, load_profile("generic"))
    assert f.evidence and f.evidence[0].url == "https://brand.example/"


def test_reference_dating() -> None:
    ref = Reference(instrument="x", effective_from="2025-01-14", effective_to="2025-07-07")
    assert not in_force(ref, "2025-01-13")
    assert in_force(ref, "2025-01-14") and in_force(ref, "2025-07-07")
    assert not in_force(ref, "2025-07-08")
    assert in_force(Reference(instrument="y"), "1900-01-01")


def test_jurisdiction_decides_which_dates_count() -> None:
    rule = by_slug("no-human-guarantee")
    assert not_in_force_reason(rule, load_profile("es"), "2026-12-26") is not None
    assert not_in_force_reason(rule, load_profile("es"), "2026-12-27") is None
    premium = by_slug("premium-rate-number")
    assert not_in_force_reason(premium, load_profile("es"), "2020-01-01") is None  # RDL 1/2007
    assert not_in_force_reason(premium, load_profile("generic"), "1999-01-01") is None


def test_findings_carry_profile_references() -> None:
    j = judge(observations(), profile="es", as_of="2027-01-01")
    refs = {f.slug: f.references for f in j.findings}
    assert all(r.jurisdiction in ("", "EU", "ES") for r in refs["premium-rate-number"])
    generic = judge(observations(), as_of="2027-01-01")
    assert len({f.slug: f.references for f in generic.findings}["premium-rate-number"]) == 5


def test_il_profile_adds_its_own_reference() -> None:
    j = judge(observations(), profile="il", as_of="2026-01-01")
    refs = next(f.references for f in j.findings if f.slug == "no-human-channel")
    assert any(r.jurisdiction == "IL" for r in refs)
