"""Compare two reports of the same site: what got worse, what got fixed (CI baselines).

A brand's CI keeps last run's report.json as a baseline so that only *new* friction
fails the build.  Findings are matched by slug plus the normalised path of their first
evidence URL — codes may be renumbered between versions, slugs may not (DESIGN §6), and
the host is ignored so a staging run compares with production.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from reports import view
from reports.model import Report
from reports.urls import url_path_key
from rules.model import Finding

DEFAULT_TOLERANCE = 2.0
OPEN = frozenset({"fail", "needs_review"})


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FindingRef(_M):
    slug: str
    rule: str
    url: str = ""
    outcome: str
    impact: str
    title: str


class FindingChange(_M):
    slug: str
    url: str = ""
    old: FindingRef
    new: FindingRef
    changes: list[str] = Field(description="which of outcome, impact, measure changed")


class MilestoneChange(_M):
    milestone: str
    viewport: str
    old_reached: bool
    new_reached: bool
    old_clicks: int | None
    new_clicks: int | None


class ReportDiff(_M):
    old_friction: float
    new_friction: float
    score_delta: float = Field(description="new − old friction: positive means worse")
    old_grade: str
    new_grade: str
    new: list[FindingRef] = Field(default_factory=list)
    fixed: list[FindingRef] = Field(default_factory=list)
    changed: list[FindingChange] = Field(default_factory=list)
    milestones: list[MilestoneChange] = Field(default_factory=list)


def finding_key(f: Finding) -> tuple[str, str]:
    url = next((e.url for e in f.evidence if e.url), "")
    return (f.slug, url_path_key(url))


def _ref(f: Finding) -> FindingRef:
    url = next((e.url for e in f.evidence if e.url), "")
    return FindingRef(
        slug=f.slug, rule=f.rule, url=url, outcome=f.outcome, impact=f.impact, title=f.title
    )


def _index(report: Report) -> dict[tuple[str, str], Finding]:
    out: dict[tuple[str, str], Finding] = {}
    for f in sorted(report.findings, key=view.finding_sort_key):
        out.setdefault(finding_key(f), f)  # worst outcome wins on a duplicate key
    return out


def _milestone_changes(old: Report, new: Report) -> list[MilestoneChange]:
    changes = []
    # Per viewport when both reports have them; the primary milestones otherwise.
    olds = {k: v.milestones for k, v in old.by_viewport.items()}
    news = {k: v.milestones for k, v in new.by_viewport.items()}
    if not set(olds) & set(news):
        olds, news = {"primary": old.milestones}, {"primary": new.milestones}
    for vp in [k for k in news if k in olds]:
        for name in view.MILESTONES:
            a, b = olds[vp].get(name), news[vp].get(name)
            if a is None or b is None:
                continue
            a_clicks = a.clicks if a.reached else None
            b_clicks = b.clicks if b.reached else None
            if a.reached != b.reached or a_clicks != b_clicks:
                changes.append(
                    MilestoneChange(
                        milestone=name,
                        viewport=vp,
                        old_reached=a.reached,
                        new_reached=b.reached,
                        old_clicks=a_clicks,
                        new_clicks=b_clicks,
                    )
                )
    return changes


def diff_reports(old: Report, new: Report) -> ReportDiff:
    """New, fixed and changed open findings, the score delta and milestone click changes."""
    a, b = _index(old), _index(new)
    new_items, fixed, changed = [], [], []
    for key, f in b.items():
        before = a.get(key)
        if f.outcome in OPEN and (before is None or before.outcome not in OPEN):
            new_items.append(_ref(f))
        elif f.outcome in OPEN and before is not None:
            diffs = [
                name
                for name, x, y in (
                    ("outcome", before.outcome, f.outcome),
                    ("impact", before.impact, f.impact),
                    ("measure", before.measure, f.measure),
                )
                if x != y
            ]
            if diffs:
                changed.append(
                    FindingChange(
                        slug=f.slug, url=_ref(f).url, old=_ref(before), new=_ref(f), changes=diffs
                    )
                )
    for key, f in a.items():
        after = b.get(key)
        if f.outcome in OPEN and (after is None or after.outcome not in OPEN):
            fixed.append(_ref(f))
    return ReportDiff(
        old_friction=old.score.friction,
        new_friction=new.score.friction,
        score_delta=round(new.score.friction - old.score.friction, 3),
        old_grade=old.score.grade,
        new_grade=new.score.grade,
        new=new_items,
        fixed=fixed,
        changed=changed,
        milestones=_milestone_changes(old, new),
    )


def is_regression(diff: ReportDiff, tolerance: float = DEFAULT_TOLERANCE) -> bool:
    """A new fail (or a review item turned fail), or friction up by more than ``tolerance``."""
    if any(f.outcome == "fail" for f in diff.new):
        return True
    if any(c.new.outcome == "fail" and c.old.outcome != "fail" for c in diff.changed):
        return True
    return diff.score_delta > tolerance


def format_diff(diff: ReportDiff) -> str:
    """Plain-text summary for a terminal or a CI log."""
    lines = [
        f"friction {diff.old_friction:g} → {diff.new_friction:g} "
        f"({diff.score_delta:+g}), grade {diff.old_grade} → {diff.new_grade}"
    ]
    for title, items in (("new", diff.new), ("fixed", diff.fixed)):
        lines.append(f"{title}: {len(items)}")
        lines += [f"  {f.outcome:<12} {f.slug}  {f.url}".rstrip() for f in items]
    lines.append(f"changed: {len(diff.changed)}")
    lines += [
        f"  {c.slug}  {c.old.outcome}/{c.old.impact} → {c.new.outcome}/{c.new.impact}"
        f"  {c.url}".rstrip()
        for c in diff.changed
    ]
    for m in diff.milestones:
        old = m.old_clicks if m.old_reached else "not reached"
        new = m.new_clicks if m.new_reached else "not reached"
        lines.append(f"milestone {m.milestone} ({m.viewport}): {old} → {new}")
    return "\n".join(lines)
