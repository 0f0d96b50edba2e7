"""Presentation logic shared by the HTML and Markdown renderers.

Templates stay dumb: ordering findings (fail first), grouping by category, titling
milestones and choosing colours happen here, in typed and tested Python, so the HTML
report and the PR comment always agree on what matters most.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from auditor.models import Milestone
from reports.model import Report
from rules.model import CATEGORIES, CATEGORY_TITLES, Finding

MILESTONES: tuple[str, ...] = ("contact", "complaint", "escalation")
MILESTONE_TITLES: dict[str, str] = {
    "contact": "Reach a human",
    "complaint": "Find how to complain",
    "escalation": "Escalate beyond support",
}
MILESTONE_HINTS: dict[str, str] = {
    "contact": "first visible phone, e-mail, contact form, messaging or human chat",
    "complaint": "a page or section that explains how to complain",
    "escalation": "an ombudsman, ADR body, regulator or internal escalation route",
}
OUTCOME_ORDER: dict[str, int] = {
    "fail": 0,
    "needs_review": 1,
    "error": 2,
    "pass": 3,
    "not_applicable": 4,
}
OUTCOME_LABELS: dict[str, str] = {
    "fail": "Fail",
    "needs_review": "Needs review",
    "error": "Not evaluated",
    "pass": "Pass",
    "not_applicable": "Not applicable",
}
IMPACT_ORDER: dict[str, int] = {"critical": 0, "serious": 1, "moderate": 2, "minor": 3}
CATEGORY_ORDER: tuple[str, ...] = CATEGORIES
ACTION_LABELS: dict[str, str] = {
    "load": "Open",
    "follow": "Follow link",
    "press": "Press",
    "expand": "Expand",
    "answer": "Answer",
}
STATUS_NOTES: dict[str, str] = {
    "complete": "The walk finished within its budgets.",
    "partial": "Partial audit: the walk stopped early, so some paths may be missing "
    "and counts may be too high.",
    "inconclusive": "Inconclusive audit: the site blocked the walk (bot wall), so the "
    "findings below do not describe what customers see.",
    "failed": "Failed audit: the site could not be walked; the findings below are not "
    "a judgement of the site.",
}
OPEN_OUTCOMES = frozenset({"fail", "needs_review"})


def grade_tone(grade: str) -> str:
    """CSS tone for a grade: A/B good, C fair, D poor, E/F bad, anything else unknown."""
    letter = grade.strip()[:1].upper()
    return {"A": "good", "B": "good", "C": "fair", "D": "poor", "E": "bad", "F": "bad"}.get(
        letter, "unknown"
    )


def score_text(report: Report, sep: str = " ") -> str:
    """The headline numbers for a terminal line; an ungraded audit says so, with no number."""
    friction, grade = report.score.friction, report.score.grade
    if friction is None or grade is None:
        return f"not graded{sep}({report.status} audit)"
    return f"friction {friction:.0f}/100{sep}grade {grade}"


def friction_tone(friction: float | None) -> str:
    if friction is None:
        return "unknown"
    if friction < 25:
        return "good"
    if friction < 45:
        return "fair"
    if friction < 65:
        return "poor"
    return "bad"


def clicks_text(clicks: int | None, reached: bool = True) -> str:
    if not reached or clicks is None:
        return "not found"
    return "1 click" if clicks == 1 else f"{clicks} clicks"


def finding_sort_key(f: Finding) -> tuple[int, int, str]:
    return (OUTCOME_ORDER.get(f.outcome, 9), IMPACT_ORDER.get(f.impact, 9), f.rule)


def milestone_tone(reached: bool, clicks: int | None, hidden: bool) -> str:
    """Card colour: unreached is bad; deep or only-hidden paths are fair or poor."""
    if not reached:
        return "bad"
    n = clicks or 0
    tone = "good" if n <= 2 else "fair" if n <= 4 else "poor"
    return "fair" if hidden and tone == "good" else tone


@dataclass(frozen=True)
class MilestoneCard:
    name: str
    title: str
    hint: str
    reached: bool
    url: str | None
    clicks: int | None
    by_viewport: dict[str, tuple[bool, int | None]]
    prominent_clicks: int | None
    hidden_reasons: list[str]

    @property
    def tone(self) -> str:
        return milestone_tone(self.reached, self.clicks, bool(self.hidden_reasons))


@dataclass
class CategoryGroup:
    category: str
    title: str
    friction: float | None
    weight: float | None
    open: list[Finding] = field(default_factory=list)
    closed: list[Finding] = field(default_factory=list)

    @property
    def worst(self) -> int:
        return min((OUTCOME_ORDER.get(f.outcome, 9) for f in self.open + self.closed), default=9)


def milestone_cards(report: Report) -> list[MilestoneCard]:
    names = list(MILESTONES) + [n for n in report.milestones if n not in MILESTONES]
    cards = []
    for name in names:
        m = report.milestones.get(name, Milestone())
        per_vp: dict[str, tuple[bool, int | None]] = {}
        for vp in report.viewports:
            vm = report.by_viewport.get(vp)
            got = vm.milestones.get(name) if vm else None
            per_vp[vp] = (got.reached, got.clicks) if got else (False, None)
        cards.append(
            MilestoneCard(
                name=name,
                title=MILESTONE_TITLES.get(name, name.replace("_", " ").capitalize()),
                hint=MILESTONE_HINTS.get(name, ""),
                reached=m.reached,
                url=m.url,
                clicks=m.clicks,
                by_viewport=per_vp,
                prominent_clicks=m.prominent_clicks,
                hidden_reasons=list(m.hidden_reasons),
            )
        )
    return cards


def finding_groups(report: Report) -> list[CategoryGroup]:
    """Findings by category; categories holding a fail first, then needs_review, then rest."""
    groups: dict[str, CategoryGroup] = {}

    def group(cat: str) -> CategoryGroup:
        if cat not in groups:
            score = report.score.categories.get(cat)
            title = (score.title if score and score.title else "") or CATEGORY_TITLES.get(
                cat, cat.replace("_", " ").capitalize()
            )
            groups[cat] = CategoryGroup(
                category=cat,
                title=title,
                friction=score.friction if score else None,
                weight=score.weight if score else None,
            )
        return groups[cat]

    for f in sorted(report.findings, key=finding_sort_key):
        g = group(f.category)
        (g.open if f.outcome in OPEN_OUTCOMES or f.outcome == "error" else g.closed).append(f)
    order = {c: i for i, c in enumerate(CATEGORY_ORDER)}
    return sorted(groups.values(), key=lambda g: (g.worst, order.get(g.category, 99)))


def outcome_counts(report: Report) -> dict[str, int]:
    counts: Counter[str] = Counter(f.outcome for f in report.findings)
    return {k: counts.get(k, 0) for k in OUTCOME_ORDER}


def channel_counts(report: Report) -> dict[str, int]:
    return dict(Counter(c.kind for c in report.channels))


def headline(report: Report) -> str:
    """One plain-language sentence a client reads first."""
    cards = {c.name: c for c in milestone_cards(report)}
    contact = cards["contact"]
    parts = []
    if contact.reached:
        parts.append(f"A customer reaches a human channel in {clicks_text(contact.clicks)}")
    else:
        parts.append("The walk found no direct human channel")
    nouns = {"complaint": "complaints procedure", "escalation": "escalation route"}
    missing = [nouns[n] for n in ("complaint", "escalation") if not cards[n].reached]
    if missing:
        parts.append("no " + " or ".join(missing) + " was found")
    fails = outcome_counts(report)["fail"]
    parts.append(f"{fails} check{'s' if fails != 1 else ''} failed")
    return "; ".join(parts) + "."
