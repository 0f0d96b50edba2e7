"""Observations + Judgement → report.json (DESIGN §5), and reading/writing that file.

The report is the one canonical output: every other format renders from a ``Report``
alone, never from observations, so a report.json copied off a CI runner can be rendered
again anywhere.  That is why screenshots found only in page states (``PageState`` and
``Press``) are copied onto the path steps here: after this point nobody can look them up.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from pydantic import ValidationError

from auditor.errors import ReportError
from auditor.models import (
    Channel,
    Milestone,
    MilestoneName,
    Observations,
    PageFacts,
    PageState,
    Press,
    Step,
    ViewportWalk,
)
from reports.model import PageRow, Report, Target, ToolRef, ViewportMilestones
from rules.model import Evidence, Finding, Judgement

MILESTONE_NAMES: tuple[MilestoneName, ...] = ("contact", "complaint", "escalation")
PRESS_ACTIONS = frozenset({"press", "expand", "answer"})
ReportFileError = ReportError
"""The old name of :class:`auditor.errors.ReportError`."""


class _Shots:
    """Screenshot lookup over the walks, primary viewport first."""

    def __init__(self, walks: Iterable[ViewportWalk]) -> None:
        self.pages: dict[str, str] = {}
        self.presses: list[tuple[str, Press]] = []
        for walk in walks:
            for page in walk.pages:
                self._add_page(page)

    def _add_page(self, page: PageState) -> None:
        if page.screenshot:
            for url in (page.url, page.requested_url, *page.redirect_chain):
                self.pages.setdefault(url, page.screenshot)
        for press in page.presses:
            if press.screenshot:
                self.presses.append((page.url, press))

    def for_step(self, step: Step) -> str | None:
        if step.screenshot:
            return step.screenshot
        if step.action in PRESS_ACTIONS:
            candidates = [
                (url, p)
                for url, p in self.presses
                if (step.selector and p.selector == step.selector)
                or (not step.selector and p.label == step.label)
            ]
            # Prefer a press on the step's own page; any matching press beats none.
            candidates.sort(key=lambda item: item[0] != step.url)
            if candidates:
                return candidates[0][1].screenshot
        return self.pages.get(step.url)

    def path(self, steps: list[Step]) -> list[Step]:
        return [s.model_copy(update={"screenshot": self.for_step(s)}) for s in steps]

    def milestone(self, m: Milestone) -> Milestone:
        return m.model_copy(update={"path": self.path(m.path)})

    def channel(self, c: Channel) -> Channel:
        return c.model_copy(update={"path": self.path(c.path)})

    def finding(self, f: Finding) -> Finding:
        evidence = [self._evidence(e) for e in f.evidence]
        return f.model_copy(update={"evidence": evidence})

    def _evidence(self, e: Evidence) -> Evidence:
        shot = e.screenshot or (self.pages.get(e.url) if e.url else None)
        return e.model_copy(update={"screenshot": shot, "path": self.path(e.path)})


def ordered_walks(obs: Observations) -> list[ViewportWalk]:
    """Walks with the primary viewport first (DESIGN §5: desktop when walked, else mobile)."""
    primary = obs.primary()
    rest = [w for w in obs.walks if w is not primary]
    return ([primary] if primary is not None else []) + rest


def _milestones(source: dict[str, Milestone], shots: _Shots) -> dict[str, Milestone]:
    """All three milestones, always present (absent = not reached), in the §4 order."""
    out: dict[str, Milestone] = {
        name: shots.milestone(source.get(name, Milestone())) for name in MILESTONE_NAMES
    }
    out.update({k: shots.milestone(v) for k, v in source.items() if k not in out})
    return out


def _page_rows(walk: ViewportWalk) -> list[PageRow]:
    facts: dict[str, PageFacts] = {}
    for f in walk.facts:
        facts.setdefault(f.url, f)
    rows: list[PageRow] = []
    seen: set[str] = set()
    for page in walk.pages:
        if page.url in seen:
            continue
        seen.add(page.url)
        fact = facts.get(page.url)
        clicks = walk.clicks.get(page.url, walk.clicks.get(page.requested_url))
        rows.append(
            PageRow(
                url=page.url,
                status=page.status,
                kind=fact.kind if fact else "other",
                clicks=clicks,
                title=page.title,
                lang=page.lang or (fact.lang if fact else None),
                viewport=walk.viewport,
                error=page.error,
            )
        )
    return rows


def _screenshots_dir(report: Report) -> str | None:
    shots = [s.screenshot for m in report.milestones.values() for s in m.path if s.screenshot]
    shots += [e.screenshot for f in report.findings for e in f.evidence if e.screenshot]
    if not shots:
        return None
    parent = str(PurePosixPath(shots[0]).parent)
    return None if parent == "." else parent


def build_report(obs: Observations, judgement: Judgement) -> Report:
    """Assemble report.json from the walk's record and the rules' verdict (DESIGN §5)."""
    walks = ordered_walks(obs)
    shots = _Shots(walks)
    # Each viewport's paths show that viewport's screenshots first (mobile layout ≠ desktop).
    own = {w.viewport: _Shots([w, *(o for o in walks if o is not w)]) for w in walks}
    primary = walks[0] if walks else None
    primary_ms = primary.milestones if primary and primary.milestones else obs.milestones
    report = Report(
        tool=ToolRef(name=obs.tool.name, version=obs.tool.version),
        target=Target(start_url=obs.start_url, final_url=obs.final_url),
        started_at=obs.started_at,
        finished_at=obs.finished_at,
        status=obs.status,
        status_reason=obs.status_reason,
        profile=judgement.profile,
        score=judgement.score,
        viewports=[w.viewport for w in walks],
        milestones=_milestones(primary_ms, shots),
        by_viewport={
            w.viewport: ViewportMilestones(milestones=_milestones(w.milestones, own[w.viewport]))
            for w in walks
        },
        channels=[shots.channel(c) for c in obs.channels],
        pages=_page_rows(primary) if primary else [],
        findings=[shots.finding(f) for f in judgement.findings],
        settings=obs.settings,
        blocked_requests=sum(len(w.blocked) for w in obs.walks),
    )
    report.screenshots_dir = _screenshots_dir(report)
    return report


def report_json(report: Report) -> str:
    """The canonical serialisation: UTF-8 text, indented, non-ASCII kept readable."""
    return report.model_dump_json(indent=2) + "\n"


def write_report_json(report: Report, path: str | Path) -> Path:
    """Write report.json (creating the folder) and return its path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(report_json(report), encoding="utf-8")
    return target


def load_report(path: str | Path) -> Report:
    """Read report.json; raise :class:`ReportFileError` with a one-line reason otherwise."""
    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ReportFileError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise ReportFileError(f"{source}: is a directory, expected report.json") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportFileError(f"{source}: cannot read ({exc.__class__.__name__})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReportFileError(f"{source}: not JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict):
        raise ReportFileError(f"{source}: not a report (expected a JSON object)")
    try:
        return Report.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(root)"
        more = f" (+{exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise ReportFileError(
            f"{source}: not a valid report: {where}: {first['msg']}{more}"
        ) from None
