"""From findings to one friction number (0 = effortless, 100 = impossible) and a grade.

Modelled on Lighthouse: each finding gets a friction value in 0..1, a category is the
weighted mean of its findings, and the overall score is the weighted mean of the
categories (weights from the profile).  Numeric measures (clicks, fields) go through a
curve so that 2 clicks and 12 clicks are not both just "pass" or "fail".  Two guards keep
the number honest: ``not_applicable`` and ``error`` weigh nothing, and a critical failure
(no human at all, no way to complain) puts a floor under the score so that a site can
never average its way to a good grade while stopping complaints outright; a serious
failure (a barrier that stops many customers) puts a lower floor, so that "10 clicks to
a person" is never graded good because the rest of the site is.  A third
guard caps the grade (not the friction, which stays the measured effort): a failed rule
whose legal reference binds in the profile's jurisdiction on the ``as_of`` date leaves
the grade at ``LEGAL_CAP`` or worse, so a breach of the law is never graded "good".
The prose version of every constant here is ``docs/scoring.md``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from rules.model import (
    CATEGORIES,
    CATEGORY_TITLES,
    Breach,
    CategoryScore,
    Finding,
    GradeCap,
    Impact,
    Score,
    ScoreFloor,
)
from rules.profile import Curve, Profile

OUTCOME_FRICTION = {"pass": 0.0, "needs_review": 0.5, "fail": 1.0}
IMPACT_WEIGHT: dict[Impact, float] = {
    "minor": 1.0,
    "moderate": 2.0,
    "serious": 3.0,
    "critical": 5.0,
}
# Upper bounds (exclusive) of each grade's friction band; F takes the rest.
GRADE_BANDS: tuple[tuple[float, str], ...] = (
    (10.0, "A"),
    (25.0, "B"),
    (40.0, "C"),
    (55.0, "D"),
    (70.0, "E"),
)
CRITICAL_FLOOR = 55.0
# A serious barrier leaves a site "fair" at best: the bottom of grade C (docs/scoring.md).
SERIOUS_FLOOR = 25.0
IMPACT_FLOORS: dict[Impact, float] = {"critical": CRITICAL_FLOOR, "serious": SERIOUS_FLOOR}
# The best grade a site breaking binding law can get: the first "poor" band (docs/scoring.md).
LEGAL_CAP = "D"
GRADE_ORDER = "ABCDEF"
UNJUDGED_GRADE = "?"
_Z10 = 1.2815515655446004  # standard normal quantile of 0.9


def curve_friction(curve: Curve, x: float) -> float:
    """Friction 0..1 of a measure on ``curve``; monotonic non-decreasing in ``x``."""
    if curve.kind == "lognormal":
        assert curve.p10 is not None and curve.median is not None
        if x <= 0:
            return 0.0
        sigma = (math.log(curve.median) - math.log(curve.p10)) / _Z10
        z = (math.log(x) - math.log(curve.median)) / sigma
        return 0.5 * (1.0 + math.erf(z / math.sqrt(2.0)))
    assert curve.zero is not None and curve.one is not None
    t = (x - curve.zero) / (curve.one - curve.zero)
    return min(1.0, max(0.0, t))


def finding_friction(finding: Finding, curve: Curve | None = None) -> float | None:
    """0..1 for a judged finding; None (weighs nothing) for not_applicable and error."""
    base = OUTCOME_FRICTION.get(finding.outcome)
    if base is None:
        return None
    if curve is not None and finding.measure is not None:
        return curve_friction(curve, finding.measure)
    return base


def category_friction(pairs: Iterable[tuple[Finding, float | None]]) -> float | None:
    """Impact-weighted mean of the judged findings of one category (None: none judged)."""
    total = weight = 0.0
    for finding, friction in pairs:
        if friction is None:
            continue
        w = IMPACT_WEIGHT[finding.impact]
        total += w * friction
        weight += w
    return total / weight if weight else None


def grade(friction: float) -> str:
    for bound, letter in GRADE_BANDS:
        if friction < bound:
            return letter
    return "F"


def score_floor(findings: list[Finding], raw: float) -> ScoreFloor | None:
    """The highest floor a failed finding puts under the raw friction, with the failed
    rules of that impact (None when no failure has a floor)."""
    failed = [f for f in findings if f.outcome == "fail" and f.impact in IMPACT_FLOORS]
    if not failed:
        return None
    impact = max((f.impact for f in failed), key=IMPACT_FLOORS.__getitem__)
    return ScoreFloor(
        impact=impact,
        floor=IMPACT_FLOORS[impact],
        raw_friction=round(min(100.0, max(0.0, raw)), 1),
        rules=[f.slug for f in failed if f.impact == impact],
    )


def lift_onto_floor(overall: float, floor: float) -> float:
    """Map a raw friction linearly onto [floor, 100], keeping its order.

    Clamping to the floor would make two sites that both fail a critical rule tie at
    exactly the floor when one is plainly worse; mapping the raw friction linearly onto
    the band above the floor keeps the worse one worse.
    """
    raw = min(100.0, max(0.0, overall))
    return floor + raw * (100.0 - floor) / 100.0


def score(findings: list[Finding], profile: Profile) -> Score:
    """The profile-weighted friction of a set of findings."""
    per_category: dict[str, list[tuple[Finding, float | None]]] = {c: [] for c in CATEGORIES}
    for f in findings:
        per_category.setdefault(f.category, []).append(
            (f, finding_friction(f, profile.curves.get(f.slug)))
        )
    categories: dict[str, CategoryScore] = {}
    total = weight = 0.0
    for cat in CATEGORIES:
        friction = category_friction(per_category[cat])
        w = profile.weights.get(cat, 0.0)
        categories[cat] = CategoryScore(
            friction=None if friction is None else round(friction * 100, 1),
            weight=w,
            title=CATEGORY_TITLES[cat],
        )
        if friction is not None and w > 0:
            total += w * friction
            weight += w
    if not weight:
        return Score(friction=100.0, grade=UNJUDGED_GRADE, categories=categories)
    overall = 100.0 * total / weight
    lifted = score_floor(findings, overall)
    if lifted is not None:
        overall = lift_onto_floor(overall, lifted.floor)
    overall = round(min(100.0, max(0.0, overall)), 1)
    return Score(friction=overall, grade=grade(overall), categories=categories, floor=lifted)


def cap_grade(result: Score, breaches: list[Breach]) -> Score:
    """``result`` with its grade held at ``LEGAL_CAP`` when any binding breach exists.

    The friction is left as measured: it says how hard the journey is, the grade says
    whether the site can be called good.  An unjudged grade (``?``) and grades already at
    or below the cap are untouched, but the breaches are still recorded for the report.
    """
    if not breaches or result.grade is None or result.grade not in GRADE_ORDER:
        return result
    capped = GRADE_ORDER.index(result.grade) < GRADE_ORDER.index(LEGAL_CAP)
    cap = GradeCap(
        grade=LEGAL_CAP if capped else result.grade,
        uncapped_grade=result.grade,
        breaches=breaches,
    )
    return result.model_copy(update={"grade": cap.grade, "cap": cap})
