"""The executive summary: who was audited, the verdict in a sentence, the top problems.

A client reads this box and nothing else, so each problem says its count next to the
limit it broke ("5 clicks — limit 3") in words, not rule codes.  A failed or
inconclusive audit has no grade and no friction number (DESIGN §8a): the verdict then
says the audit could not judge the site, and nothing here quotes a score.
"""

from __future__ import annotations

from dataclasses import dataclass

from reports.model import GRADED_STATUSES, Report
from reports.view import IMPACT_ORDER, headline
from rules.model import Finding
from rules.scoring import grade

TOP_PROBLEMS = 3
GRADE_WORDS: dict[str, str] = {
    "A": "makes complaining easy",
    "B": "makes complaining fairly easy",
    "C": "puts some friction in the way of complaints",
    "D": "makes complaining hard",
    "E": "makes complaining very hard",
    "F": "all but stops complaints",
}
# Grades whose words praise the site: a serious failure beside them is said with "but".
EASY_GRADES = frozenset({"A", "B"})


@dataclass(frozen=True)
class Limit:
    """How a rule's measure reads against its profile threshold."""

    threshold: str
    unit: str
    singular: str
    default: float


# slug → the threshold its measure is judged against (rules/profiles/*.toml [thresholds])
LIMITS: dict[str, Limit] = {
    "contact-too-deep": Limit("max_contact_clicks", "clicks", "click", 3),
    "contact-hidden": Limit("max_contact_clicks", "clicks on a prominent path", "click", 3),
    "contact-form-too-many-fields": Limit("max_required_fields", "required fields", "field", 6),
    "no-response-time": Limit("max_response_hours", "hours to answer", "hour", 360),
}


# A failure that says nothing new when another one fails: "contact is too deep" adds
# nothing to "no way to reach a human".
IMPLIED_BY: dict[str, str] = {
    "contact-too-deep": "no-human-channel",
    "contact-hidden": "no-human-channel",
}


@dataclass(frozen=True)
class Problem:
    title: str
    count: str  # "5 clicks — limit 3", or the finding's own message when it has no measure
    slug: str
    impact: str


@dataclass(frozen=True)
class Summary:
    brand: str
    graded: bool
    verdict: str
    problems: list[Problem]
    cap_reason: str
    floor_reason: str = ""


def is_graded(report: Report) -> bool:
    """Only complete and partial audits carry a grade and a friction number (§8a)."""
    return report.status in GRADED_STATUSES


def _num(value: float) -> str:
    return f"{value:g}"


def count_text(finding: Finding, thresholds: dict[str, float]) -> str:
    """The finding's measure next to its limit, or its message when there is no measure."""
    limit = LIMITS.get(finding.slug)
    if limit is not None and finding.measure is not None:
        n = finding.measure
        unit = limit.singular if n == 1 else limit.unit
        allowed = thresholds.get(limit.threshold, limit.default)
        return f"{_num(n)} {unit} — limit {_num(allowed)}"
    first = finding.message.split(". ")[0].strip().rstrip(".")
    return first


def top_problems(report: Report, n: int = TOP_PROBLEMS) -> list[Problem]:
    """The failures that hurt most: impact first, then the catalogue order."""
    failed = {f.slug for f in report.findings if f.outcome == "fail"}
    fails = sorted(
        (
            f
            for f in report.findings
            if f.outcome == "fail" and IMPLIED_BY.get(f.slug) not in failed
        ),
        key=lambda f: (IMPACT_ORDER.get(f.impact, 9), f.rule),
    )
    return [
        Problem(
            title=f.title,
            count=count_text(f, report.profile.thresholds),
            slug=f.slug,
            impact=f.impact,
        )
        for f in fails[:n]
    ]


def cap_reason(report: Report) -> str:
    """Why the grade is capped, in a sentence ("" when it is not)."""
    cap = report.score.cap
    if cap is None or cap.grade == cap.uncapped_grade:
        return ""
    laws = []
    for b in cap.breaches:
        law = f"{b.instrument} {b.article}".strip()
        if law not in laws:
            laws.append(law)
    return (
        f"Grade capped at {cap.grade} (the friction alone would give {cap.uncapped_grade}): "
        f"the site breaks law that binds under this profile on {report.profile.as_of} — "
        + "; ".join(laws)
        + "."
    )


def floor_reason(report: Report) -> str:
    """Why the friction is higher than the categories' average, in a sentence ("" if not)."""
    floor = report.score.floor
    if floor is None or report.score.friction is None:
        return ""
    least = grade(floor.floor)
    titles = {f.slug: f.title for f in report.findings if f.outcome == "fail" and f.title}
    return (
        f"Friction lifted from {_num(floor.raw_friction)} to {_num(report.score.friction)} "
        f"(grade {least} at best): a {floor.impact} barrier failed — "
        + ", ".join(titles.get(slug, slug) for slug in floor.rules)
        + ". An average over the other categories cannot make it good."
    )


def verdict(report: Report) -> str:
    """The whole audit in one sentence."""
    brand = report.brand or "The site"
    if not is_graded(report):
        why = f" ({report.status_reason})" if report.status_reason else ""
        return (
            f"The audit could not judge {brand}: it was {report.status}{why}, so it has no grade."
        )
    if report.score.grade not in GRADE_WORDS:
        return f"No rule could be judged for {brand}, so it has no grade."
    line = headline(report)
    line = line[:1].lower() + line[1:]
    cap = report.score.cap
    if cap is not None and cap.grade != cap.uncapped_grade:
        effort = GRADE_WORDS.get(cap.uncapped_grade, "")
        return (
            f"{brand} {effort} but breaks binding consumer law, so its grade is capped "
            f"at {cap.grade}: {line}"
        )
    words = GRADE_WORDS[report.score.grade]
    if report.score.grade in EASY_GRADES and _serious_failures(report):
        # A good overall grade beside "10 clicks to a human" must not read as praise for
        # the very thing that failed: the grade is an average, the failure is not.
        return (
            f"{brand} {words} overall (grade {report.score.grade}), "
            f"but serious problems remain: {line}"
        )
    return f"{brand} {words} (grade {report.score.grade}): {line}"


def _serious_failures(report: Report) -> bool:
    return any(
        f.outcome == "fail" and IMPACT_ORDER.get(f.impact, 9) <= IMPACT_ORDER["serious"]
        for f in report.findings
    )


def summary(report: Report) -> Summary:
    return Summary(
        brand=report.brand or "",
        graded=is_graded(report),
        verdict=verdict(report),
        problems=top_problems(report),
        cap_reason=cap_reason(report) if is_graded(report) else "",
        floor_reason=floor_reason(report) if is_graded(report) else "",
    )
