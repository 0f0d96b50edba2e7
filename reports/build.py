"""Observations + Judgement → report.json (DESIGN §5), and reading/writing that file.

The report is the one canonical output: every other format renders from a ``Report``
alone, never from observations, so a report.json copied off a CI runner can be rendered
again anywhere.  That is why each path step gets its screenshot here, looked up in the
walk's evidence index by the state the step leads to: after this point nobody can.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

from pydantic import ValidationError

from auditor.derive import AuditView, WalkView, derive
from auditor.errors import ReportError
from auditor.models import (
    Box,
    Channel,
    Milestone,
    MilestoneName,
    Observations,
    Step,
    path_shot_keys,
    state_key,
)
from auditor.walk.viewports import VIEWPORTS, Viewport
from reports.brand import brand_name
from reports.model import (
    Focus,
    PageRow,
    Report,
    Target,
    ToolRef,
    ViewportMilestones,
    is_graded_status,
    ungraded,
)
from reports.urls import host_of
from rules.model import Evidence, Finding, Judgement

MILESTONE_NAMES: tuple[MilestoneName, ...] = ("contact", "complaint", "escalation")


ReportFileError = ReportError
"""The old name of :class:`auditor.errors.ReportError`."""


class _Shots:
    """Screenshots from the walks' evidence indexes, one viewport's own first."""

    def __init__(self, walks: list[WalkView], focus: dict[str, Focus] | None = None) -> None:
        self.walks = walks
        self.focus: dict[str, Focus] = {} if focus is None else focus

    def _find(self, key: str | None) -> str | None:
        return next((shot for w in self.walks if (shot := w.shot(key))), None)

    def _note(self, key: str | None) -> str | None:
        if key is None:
            return None
        return next((n for w in self.walks if (n := w.raw.replay_notes.get(key))), None)

    def path(self, steps: list[Step], final: str = "") -> list[Step]:
        self._record_focus(steps, path_shot_keys(steps, final), final)
        keys = path_shot_keys(steps, final)
        out = []
        for step, key in zip(steps, keys, strict=True):
            shot = self._find(key) or self._find(step.state) or self._find(state_key(step.url))
            note = self._note(key)
            out.append(
                step.model_copy(update={"screenshot": None if note else shot, "replay": note})
            )
        return out

    def _record_focus(self, steps: list[Step], keys: list[str | None], final: str) -> None:
        """Where each picture taken for this path outlines (and scrolled to) its control.

        Only a picture found by its own key shows the outline; one found by its page
        alone was taken for something else and gets no crop.
        """
        for i, (step, key) in enumerate(zip(steps, keys, strict=True)):
            exact = self._find(key)
            if not exact or not key or exact in self.focus:
                continue
            nxt = steps[i + 1] if i + 1 < len(steps) else None
            box = self._focus(
                exact, step.url, nxt.element_id if nxt else None, nxt.selector if nxt else final
            )
            if box is not None:
                self.focus[exact] = box

    def _focus(
        self, shot: str, url: str, element_id: str | None, selector: str | None
    ) -> Focus | None:
        """The outlined control's place in ``shot``: by element id, else by selector."""
        walk = next((w for w in self.walks if shot in w.raw.evidence.values()), None)
        if walk is None or not (element_id or selector):
            return None
        for page in walk.pages:
            if page.url != url:
                continue
            el = next(
                (
                    e
                    for e in page.elements
                    if e.box and ((element_id and e.id == element_id) or e.selector == selector)
                ),
                None,
            )
            if el is not None and el.box is not None:
                return shot_focus(el.box, page.scroll_height, VIEWPORTS.get(walk.viewport))
        return None

    def milestone(self, m: Milestone) -> Milestone:
        return m.model_copy(update={"path": self.path(m.path, m.selector)})

    def channel(self, c: Channel) -> Channel:
        return c.model_copy(update={"path": self.path(c.path)})

    def finding(self, f: Finding) -> Finding:
        evidence = [self._evidence(e) for e in f.evidence]
        return f.model_copy(update={"evidence": evidence})

    def _evidence(self, e: Evidence) -> Evidence:
        shot = e.screenshot or (self._find(state_key(e.url)) if e.url else None)
        return e.model_copy(update={"screenshot": shot, "path": self.path(e.path)})


def shot_focus(box: Box, scroll_height: float, vp: Viewport | None) -> Focus | None:
    """The control's box within the screenshot the walk took of it.

    The walk scrolls the outlined control to the vertical centre of the viewport
    (``scrollIntoView({block: 'center'})``) before it shoots, as far as the page lets
    it scroll: that gives the scroll offset, hence the box in the picture.
    """
    if vp is None or box.width <= 0 or box.height <= 0:
        return None
    top = box.y + box.height / 2 - vp.height / 2
    top = max(0.0, min(top, max(0.0, scroll_height - vp.height)))
    y = box.y - top
    if not (0 <= box.x < vp.width and 0 <= y < vp.height):
        return None

    def frac(v: float, whole: float) -> float:
        return round(max(0.0, min(1.0, v / whole)), 4)

    return Focus(
        x=frac(box.x, vp.width),
        y=frac(y, vp.height),
        width=frac(box.width, vp.width),
        height=frac(box.height, vp.height),
    )


def _milestones(source: dict[str, Milestone], shots: _Shots) -> dict[str, Milestone]:
    """All three milestones, always present (absent = not reached), in the §4 order."""
    out: dict[str, Milestone] = {
        name: shots.milestone(source.get(name, Milestone())) for name in MILESTONE_NAMES
    }
    out.update({k: shots.milestone(v) for k, v in source.items() if k not in out})
    return out


def _page_rows(walk: WalkView) -> list[PageRow]:
    rows: list[PageRow] = []
    seen: set[str] = set()
    for page in walk.pages:
        if page.url in seen:
            continue
        seen.add(page.url)
        fact = walk.facts_of(page.url)
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
                dead_end=fact.dead_end if fact else None,
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


def build_report(obs: Observations | AuditView, judgement: Judgement) -> Report:
    """Assemble report.json from the derived audit and the rules' verdict (DESIGN §5)."""
    view = derive(obs) if isinstance(obs, Observations) else obs
    walks = view.ordered()
    focus: dict[str, Focus] = {}
    shots = _Shots(walks, focus)
    # Each viewport's paths show that viewport's screenshots first (mobile layout ≠ desktop).
    own = {w.viewport: _Shots([w, *(o for o in walks if o is not w)], focus) for w in walks}
    primary = walks[0] if walks else None
    obs = view.obs
    report = Report(
        tool=ToolRef(name=obs.tool.name, version=obs.tool.version),
        target=Target(start_url=obs.start_url, final_url=obs.final_url),
        brand=brand_name(primary.pages if primary else [], host_of(obs.final_url or obs.start_url)),
        started_at=obs.started_at,
        finished_at=obs.finished_at,
        status=obs.status,
        status_reason=obs.status_reason,
        profile=judgement.profile,
        # A failed or inconclusive audit has no friction number and no grade (DESIGN §8a).
        score=judgement.score if is_graded_status(obs.status) else ungraded(judgement.score),
        viewports=[w.viewport for w in walks],
        milestones=_milestones(view.milestones, shots),
        by_viewport={
            w.viewport: ViewportMilestones(milestones=_milestones(w.milestones, own[w.viewport]))
            for w in walks
        },
        channels=[shots.channel(c) for c in view.inventory if c.owner != "third_party"],
        third_party_contacts=[shots.channel(c) for c in view.third_party],
        pages=_page_rows(primary) if primary else [],
        findings=[shots.finding(f) for f in judgement.findings],
        settings=obs.settings,
        blocked_requests=sum(len(w.blocked) for w in obs.walks),
        budgets_exhausted={
            w.viewport: [str(b) for b in w.budget_exhausted]
            for w in obs.walks
            if w.budget_exhausted
        },
        permitted_actions=list(obs.permitted_actions),
    )
    report.screenshots_dir = _screenshots_dir(report)
    report.focus = focus
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
