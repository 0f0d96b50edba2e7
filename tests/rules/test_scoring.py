"""Scoring: curves, bands, weights, and the ordering of good and bad sites."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rulecase import Page, Walk, observations, phone, reached, signal, unreached

from auditor.models import Channel
from rules.engine import binding_breaches, judge, load_profile
from rules.model import CATEGORIES, Finding, Reference, Score
from rules.profile import Curve
from rules.scoring import (
    CRITICAL_FLOOR,
    GRADE_BANDS,
    LEGAL_CAP,
    SERIOUS_FLOOR,
    cap_grade,
    curve_friction,
    finding_friction,
    grade,
    score,
)

CLICKS = Curve(kind="lognormal", p10=1, median=4)
FIELDS = Curve(kind="linear", zero=3, one=12)


def _finding(
    outcome: str, impact: str = "serious", category: str = "findability", **kw: object
) -> Finding:
    return Finding(
        rule="CFA999",
        slug=str(kw.pop("slug", "x")),
        outcome=outcome,  # type: ignore[arg-type]
        impact=impact,  # type: ignore[arg-type]
        category=category,  # type: ignore[arg-type]
        title="t",
        message="m",
        **kw,  # type: ignore[arg-type]
    )


def test_lognormal_control_points() -> None:
    assert curve_friction(CLICKS, 1) == pytest.approx(0.1, abs=1e-6)
    assert curve_friction(CLICKS, 4) == pytest.approx(0.5, abs=1e-6)
    assert curve_friction(CLICKS, 0) == 0.0
    assert curve_friction(CLICKS, 40) > 0.95


def test_linear_control_points_and_clamp() -> None:
    assert curve_friction(FIELDS, 3) == 0.0
    assert curve_friction(FIELDS, 12) == 1.0
    assert curve_friction(FIELDS, 7.5) == pytest.approx(0.5)
    assert curve_friction(FIELDS, -5) == 0.0 and curve_friction(FIELDS, 99) == 1.0


@given(st.floats(0, 200), st.floats(0, 200))
def test_curves_are_monotonic(a: float, b: float) -> None:
    lo, hi = sorted((a, b))
    for curve in (CLICKS, FIELDS):
        assert curve_friction(curve, lo) <= curve_friction(curve, hi) + 1e-12
        assert 0.0 <= curve_friction(curve, hi) <= 1.0


def test_bad_curves_are_rejected() -> None:
    with pytest.raises(ValueError):
        Curve(kind="lognormal", p10=4, median=1)
    with pytest.raises(ValueError):
        Curve(kind="linear", zero=2, one=2)


def test_outcome_friction_and_zero_weight_outcomes() -> None:
    assert finding_friction(_finding("pass")) == 0.0
    assert finding_friction(_finding("needs_review")) == 0.5
    assert finding_friction(_finding("fail")) == 1.0
    assert finding_friction(_finding("not_applicable")) is None
    assert finding_friction(_finding("error")) is None
    assert finding_friction(_finding("fail", measure=4.0), CLICKS) == pytest.approx(0.5)


def test_grade_bands_are_ordered_and_cover_the_range() -> None:
    bounds = [b for b, _ in GRADE_BANDS]
    assert bounds == sorted(bounds)
    letters = [grade(x) for x in (0, 9.9, 10, 24.9, 25, 39.9, 40, 54.9, 55, 69.9, 70, 100)]
    assert letters == ["A", "A", "B", "B", "C", "C", "D", "D", "E", "E", "F", "F"]


def test_not_applicable_and_error_weigh_nothing() -> None:
    profile = load_profile("generic")
    base = [_finding("pass"), _finding("fail", category="reliability")]
    extra = [
        *base,
        _finding("not_applicable", "critical"),
        _finding("error", "critical", category="escalation"),
    ]
    assert score(base, profile).friction == score(extra, profile).friction
    assert score(extra, profile).categories["escalation"].friction is None


def test_critical_fail_puts_a_floor_under_the_score() -> None:
    profile = load_profile("generic")
    many_passes = [_finding("pass", category=c) for c in profile.weights for _ in range(5)]
    critical = _finding("fail", "critical", "complaint_path")
    assert score(many_passes, profile).friction == 0.0
    assert score([*many_passes, critical], profile).friction >= CRITICAL_FLOOR


def test_a_serious_fail_leaves_a_site_fair_at_best() -> None:
    # "10 clicks to a person" beside passes everywhere else averaged to a B before.
    profile = load_profile("generic")
    many_passes = [_finding("pass", category=c) for c in profile.weights for _ in range(5)]
    serious = _finding("fail", "serious", "findability")
    moderate = _finding("fail", "moderate", "findability")
    lifted = score([*many_passes, serious], profile)
    assert lifted.friction >= SERIOUS_FLOOR and lifted.grade == "C"
    assert score([*many_passes, moderate], profile).friction < SERIOUS_FLOOR
    # A serious needs_review is no verdict: it never lifts the score.
    unsure = score([*many_passes, _finding("needs_review", "serious")], profile)
    assert unsure.friction < SERIOUS_FLOOR
    # A critical fail beside it takes the higher floor.
    critical = _finding("fail", "critical", "complaint_path")
    assert score([*many_passes, serious, critical], profile).friction >= CRITICAL_FLOOR


def test_the_serious_floor_keeps_the_order_of_sites_above_it() -> None:
    profile = load_profile("generic")
    serious = _finding("fail", "serious", "findability")
    mostly_good = [serious, *(_finding("pass", category=c) for c in profile.weights)]
    worse = [serious, *(_finding("fail", "moderate", category=c) for c in profile.weights)]
    good, bad = score(mostly_good, profile), score(worse, profile)
    assert SERIOUS_FLOOR <= good.friction < bad.friction


def test_nothing_judged_is_not_a_good_grade() -> None:
    result = score([_finding("error")], load_profile("generic"))
    assert result.grade == "?" and result.friction == 100.0


def _law(jurisdiction: str, effective_from: str = "2014-06-13") -> Reference:
    return Reference(
        instrument=f"Law of {jurisdiction}",
        article="Art. 21",
        effective_from=effective_from,
        jurisdiction=jurisdiction,
    )


def _breach_findings(ref: Reference, outcome: str = "fail") -> list[Finding]:
    """A site that is effortless everywhere except one rule resting on ``ref``."""
    passes = [_finding("pass", category=c) for c in CATEGORIES for _ in range(6)]
    breach = _finding(outcome, "minor", "transparency", slug="premium-rate-number")
    breach.references = [ref]
    return [*passes, breach]


def test_a_binding_legal_breach_caps_the_grade_but_not_the_friction() -> None:
    es = load_profile("es")
    findings = _breach_findings(_law("ES"))
    raw = score(findings, es)
    assert raw.grade == "A"  # the friction alone would call this site good
    capped = cap_grade(raw, binding_breaches(findings, es, "2026-06-19"))
    assert capped.grade == LEGAL_CAP == "D"
    assert capped.friction == raw.friction
    assert capped.cap is not None and capped.cap.uncapped_grade == "A"
    assert [b.slug for b in capped.cap.breaches] == ["premium-rate-number"]
    assert capped.cap.breaches[0].jurisdiction == "ES"


@pytest.mark.parametrize(
    ("profile", "ref", "as_of", "outcome"),
    [
        ("generic", _law("ES"), "2026-06-19", "fail"),  # no jurisdiction: nothing binds
        ("uk", _law("ES"), "2026-06-19", "fail"),  # another country's law
        ("es", _law("ES", "2026-12-27"), "2026-06-19", "fail"),  # not yet in force
        ("es", _law(""), "2026-06-19", "fail"),  # guidance never binds
        ("es", _law("ES"), "2026-06-19", "needs_review"),  # only a fail is a breach
    ],
)
def test_no_cap_without_a_binding_breach(
    profile: str, ref: Reference, as_of: str, outcome: str
) -> None:
    prof = load_profile(profile)
    findings = _breach_findings(ref, outcome)
    assert binding_breaches(findings, prof, as_of) == []
    assert cap_grade(score(findings, prof), []).cap is None


def test_the_cap_never_improves_a_grade_and_leaves_unjudged_alone() -> None:
    es = load_profile("es")
    breaches = binding_breaches(_breach_findings(_law("ES")), es, "2026-06-19")
    bad = Score(friction=80.0, grade="F")
    assert cap_grade(bad, breaches).grade == "F"
    assert cap_grade(bad, breaches).cap is not None  # the breach is still on record
    assert cap_grade(Score(friction=100.0, grade="?"), breaches).grade == "?"


def test_the_most_local_law_names_the_breach() -> None:
    es = load_profile("es")
    findings = _breach_findings(_law("EU"))
    findings[-1].references = [_law("EU"), _law("ES")]
    assert binding_breaches(findings, es, "2026-06-19")[0].jurisdiction == "ES"


def test_judge_caps_a_902_number_under_es_only() -> None:
    site = _good_site(phone("+34902123456", cost="shared_cost", clicks=1))
    es = judge(site, "es", as_of="2026-06-19")
    premium = next(f for f in es.findings if f.slug == "premium-rate-number")
    assert premium.outcome == "fail"
    assert es.score.cap is not None
    assert es.score.cap.uncapped_grade in ("A", "B", "C")  # effort alone looks fine
    assert "premium-rate-number" in [b.slug for b in es.score.cap.breaches]
    assert es.score.grade == "D"
    generic = judge(site, "generic", as_of="2026-06-19")
    assert generic.score.cap is None
    assert generic.score.grade in ("A", "B", "C")


def test_weights_come_from_the_profile() -> None:
    fail_escalation = [
        _finding("fail", category="escalation"),
        _finding("pass", category="findability"),
    ]
    de = score(fail_escalation, load_profile("de")).friction
    generic = score(fail_escalation, load_profile("generic")).friction
    assert de > generic  # de weighs escalation 0.15 against findability 0.20


def _good_site(line: Channel | None = None):
    walk = Walk(
        pages=[
            Page(
                "/",
                kind="home",
                signals=[
                    signal("business_hours", "/", "Mon-Fri 8-20"),
                    signal("response_time", "/", "we answer within 2 days", hours=48),
                    # A good site names its escalation body (and so makes the German
                    # VSBG §36 ADR statement: without it `de` caps the grade).
                    signal("escalation_body", "/", "Ombudsman Services"),
                ],
            )
        ]
    )
    return observations(
        walk,
        channels=[line or phone(clicks=1)],
        milestones={
            "contact": reached(1),
            "complaint": reached(2, "/complaints"),
            "escalation": reached(3, "/complaints"),
        },
    )


def _nothing_site():
    return observations(
        milestones={"contact": unreached(), "complaint": unreached(), "escalation": unreached()}
    )


@pytest.mark.parametrize("profile", ["generic", "eu", "es", "de", "fr", "il", "uk", "us-ca"])
def test_no_way_to_complain_scores_far_worse_than_one_click_phone(profile: str) -> None:
    good = judge(_good_site(), profile=profile, as_of="2027-01-01").score
    bad = judge(_nothing_site(), profile=profile, as_of="2027-01-01").score
    assert bad.friction - good.friction >= 50, (good, bad)
    assert good.grade in ("A", "B") and bad.grade in ("E", "F")


def test_deeper_contact_scores_worse() -> None:
    frictions = [
        judge(
            observations(
                channels=[phone()],
                milestones={"contact": reached(n), "complaint": reached(1, "/complaints")},
            ),
            as_of="2026-01-01",
        ).score.friction
        for n in (0, 1, 3, 6, 10)
    ]
    assert frictions == sorted(frictions) and frictions[0] < frictions[-1]


def test_the_critical_floor_keeps_the_order_of_sites_below_it() -> None:
    # Two sites fail the same critical rule; one also fails everything else.  A clamp to
    # the floor would tie them at exactly 55.
    profile = load_profile("generic")
    critical = _finding("fail", "critical", "complaint_path")
    mostly_good = [critical, *(_finding("pass", category=c) for c in profile.weights)]
    plainly_worse = [critical, *(_finding("fail", category=c) for c in profile.weights)]
    good, bad = score(mostly_good, profile), score(plainly_worse, profile)
    assert CRITICAL_FLOOR <= good.friction < bad.friction
