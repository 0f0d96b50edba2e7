"""Scoring: curves, bands, weights, and the ordering of good and bad sites."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rulecase import Page, Walk, observations, phone, reached, signal, unreached

from rules.engine import judge, load_profile
from rules.model import Finding
from rules.profile import Curve
from rules.scoring import (
    CRITICAL_FLOOR,
    GRADE_BANDS,
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


def test_nothing_judged_is_not_a_good_grade() -> None:
    result = score([_finding("error")], load_profile("generic"))
    assert result.grade == "?" and result.friction == 100.0


def test_weights_come_from_the_profile() -> None:
    fail_escalation = [
        _finding("fail", category="escalation"),
        _finding("pass", category="findability"),
    ]
    de = score(fail_escalation, load_profile("de")).friction
    generic = score(fail_escalation, load_profile("generic")).friction
    assert de > generic  # de weighs escalation 0.15 against findability 0.20


def _good_site():
    walk = Walk(
        pages=[
            Page(
                "/",
                kind="home",
                signals=[
                    signal("business_hours", "/", "Mon-Fri 8-20"),
                    signal("response_time", "/", "we answer within 2 days", hours=48),
                ],
            )
        ]
    )
    return observations(
        walk,
        channels=[phone(clicks=1)],
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
