"""Compare two reports of the same site: what got worse, what got fixed (CI baselines).

A brand's CI keeps last run's report.json as a baseline so that only *new* friction
fails the build.  Findings are matched by slug plus the normalised path of their first
evidence URL — codes may be renumbered between versions, slugs may not (DESIGN §6), and
the host is ignored so a staging run compares with production.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from auditor.errors import UsageError
from reports import view
from reports.model import Report
from reports.urls import host_of, url_path_key
from rules.model import Finding

DEFAULT_TOLERANCE = 2.0


class BaselineSiteError(UsageError):
    """A baseline report from another site than the one audited."""


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
    level: str | None = Field(None, description="configured gate level (warn never gates)")


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
    old_friction: float | None = Field(description="null: the old audit was not graded")
    new_friction: float | None = Field(description="null: the new audit was not graded")
    score_delta: float | None = Field(
        description="new − old friction: positive means worse; null when either is ungraded"
    )
    old_grade: str | None
    new_grade: str | None
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
        slug=f.slug,
        rule=f.rule,
        url=url,
        outcome=f.outcome,
        impact=f.impact,
        title=f.title,
        level=f.level,
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
    was, now = old.score.friction, new.score.friction
    # A missing number is not compared: an ungraded audit has no score to rise or fall.
    delta = None if was is None or now is None else round(now - was, 3)
    return ReportDiff(
        old_friction=was,
        new_friction=now,
        score_delta=delta,
        old_grade=old.score.grade,
        new_grade=new.score.grade,
        new=new_items,
        fixed=fixed,
        changed=changed,
        milestones=_milestone_changes(old, new),
    )


def regressions(diff: ReportDiff, tolerance: float = DEFAULT_TOLERANCE) -> list[str]:
    """What got worse, one phrase each: new fails, fails that were not, milestones
    deeper or lost, and friction up by more than ``tolerance``."""
    out = [f"new fail {f.slug}" for f in _gating_new_fails(diff)]
    out += [f"{c.slug} {c.old.outcome} → fail" for c in _gating_turned_fails(diff)]
    for m in diff.milestones:
        if m.old_reached and not m.new_reached:
            out.append(f"{m.milestone} no longer reached ({m.viewport}, was {m.old_clicks} clicks)")
        elif m.old_reached and (m.new_clicks or 0) > (m.old_clicks or 0):
            out.append(f"{m.milestone} {m.old_clicks} → {m.new_clicks} clicks ({m.viewport})")
    if diff.score_delta is not None and diff.score_delta > tolerance:
        out.append(
            f"friction {diff.old_friction:g} → {diff.new_friction:g} "
            f"({diff.score_delta:+g}, tolerance {tolerance:g})"
        )
    return out


def _gating_new_fails(diff: ReportDiff) -> list[FindingRef]:
    """New fails that may fail a gate (a ``warn``-level rule never does)."""
    return [f for f in diff.new if f.outcome == "fail" and f.level != "warn"]


def _gating_turned_fails(diff: ReportDiff) -> list[FindingChange]:
    return [
        c
        for c in diff.changed
        if c.new.outcome == "fail" and c.old.outcome != "fail" and c.new.level != "warn"
    ]


def is_regression(diff: ReportDiff, tolerance: float = DEFAULT_TOLERANCE) -> bool:
    """A new fail (or a review item turned fail), or friction up by more than ``tolerance``.

    A milestone that got deeper is listed by :func:`regressions` but gates only through
    the findings and the score it moves (its rule fails, or friction rises).
    """
    if _gating_new_fails(diff) or _gating_turned_fails(diff):
        return True
    return diff.score_delta is not None and diff.score_delta > tolerance


def regression_message(diff: ReportDiff, tolerance: float = DEFAULT_TOLERANCE) -> str:
    """One line for a CI log: ``regression: new fail contact-too-deep; contact 2 → 4 clicks``."""
    return "regression: " + "; ".join(regressions(diff, tolerance) or ["findings got worse"])


def site_of(report: Report) -> str:
    """The registrable domain a report audited (bare IPs and localhost as they are)."""
    from auditor.walk.scope import site_key

    return site_key(host_of(report.target.final_url or report.target.start_url))


def check_same_site(old: Report, new: Report) -> None:
    """A baseline of another site compares nothing: refuse it (a usage error, exit 2)."""
    a, b = site_of(old), site_of(new)
    if a != b:
        raise BaselineSiteError(f"the baseline audited {a}, not {b}: refusing to compare sites")


def _number(value: float | None) -> str:
    return "not graded" if value is None else f"{value:g}"


def format_diff(diff: ReportDiff) -> str:
    """Plain-text summary for a terminal or a CI log."""
    delta = "" if diff.score_delta is None else f" ({diff.score_delta:+g})"
    lines = [
        f"friction {_number(diff.old_friction)} → {_number(diff.new_friction)}{delta}, "
        f"grade {diff.old_grade or '—'} → {diff.new_grade or '—'}"
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
