"""Builders for minimal audit views, used by the per-rule case files in ``cases/``.

Rules are pure functions over the derived view (raw walk + page facts + milestones +
channels), so a case states the facts it is about directly.  Each case file defines
``CASES: list[Case]``; ``test_rule_cases.py`` runs them all through the engine (dating,
error handling and evidence included) with one parametrised test.  Clicks per page are
computed here by breadth-first search over the given edges (one click per link),
independently of ``auditor.derive``; form facts come from the observers' one reading.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from auditor.derive import AuditView, WalkView
from auditor.models import (
    Channel,
    ChannelSighting,
    Edge,
    FormField,
    FormInfo,
    LinkCheck,
    Milestone,
    Observations,
    PageFacts,
    PageState,
    Signal,
    StaticMap,
    Step,
    ToolInfo,
    ViewportWalk,
    state_key,
)
from auditor.observe.facts import dead_end
from auditor.observe.forms import form_fact
from auditor.observe.pagekind import says_not_found

BASE = "https://brand.example"
HOME = f"{BASE}/"


def url(path: str) -> str:
    return path if path.startswith("http") else f"{BASE}{path}"


@dataclass(frozen=True)
class Case:
    name: str
    expect: str
    obs: AuditView
    profile: str = "generic"
    as_of: str = "2026-01-01"
    thresholds: dict[str, float] | None = None


@dataclass
class Page:
    path: str
    kind: str = "other"
    status: int | None = 200
    title: str = ""
    error: str | None = None
    requested: str | None = None
    redirect_chain: Sequence[str] = ()
    login_wall: bool = False
    meta_robots: str = ""
    forms: Sequence[FormInfo] = ()
    sightings: Sequence[ChannelSighting] = ()
    signals: Sequence[Signal] = ()
    orphan: bool = False


@dataclass
class Walk:
    viewport: str = "desktop"
    pages: Sequence[Page] = field(default_factory=lambda: [Page("/", kind="home")])
    edges: Sequence[tuple[str, str, str]] = ()
    link_checks: Sequence[LinkCheck] = ()
    skipped_by_robots: Sequence[str] = ()
    milestones: dict[str, Milestone] = field(default_factory=dict)
    budget_exhausted: Sequence[str] = ()
    unknown_address: PageState | None = None


def _clicks(edges: Iterable[Edge]) -> dict[str, int]:
    out: dict[str, list[str]] = {}
    for e in edges:
        out.setdefault(e.source, []).append(e.target)
    dist = {HOME: 0}
    queue = deque([HOME])
    while queue:
        node = queue.popleft()
        for target in out.get(node, []):
            if target not in dist:
                dist[target] = dist[node] + 1
                queue.append(target)
    return dist


def _walk(w: Walk) -> WalkView:
    edges = [
        Edge(
            source=url(s),
            target=url(t),
            element_id=f"e{i}",
            label=label,
            selector=f"a#e{i}",
        )
        for i, (s, t, label) in enumerate(w.edges)
    ]
    clicks = _clicks(edges)
    for p in w.pages:
        if p.requested and url(p.requested) in clicks:
            clicks.setdefault(url(p.path), clicks[url(p.requested)])
    pages = [
        PageState(
            url=url(p.path),
            requested_url=url(p.requested or p.path),
            status=p.status,
            error=p.error,
            redirect_chain=[url(x) for x in p.redirect_chain],
            login_wall=p.login_wall,
            meta_robots=p.meta_robots,
            forms=list(p.forms),
            orphan=p.orphan,
            title=p.title,
        )
        for p in w.pages
    ]
    facts = [
        PageFacts(
            url=url(p.path),
            kind=p.kind,  # type: ignore[arg-type]
            channels=list(p.sightings),
            signals=list(p.signals),
            dead_end=dead_end(state),
            dead_end_evidence=says_not_found(state) or "",
            forms=[form_fact(f) for f in p.forms],
        )
        for p, state in zip(w.pages, pages, strict=True)
    ]
    raw = ViewportWalk(
        viewport=w.viewport,  # type: ignore[arg-type]
        width=1366 if w.viewport == "desktop" else 390,
        height=768 if w.viewport == "desktop" else 844,
        pages=pages,
        edges=edges,
        link_checks=list(w.link_checks),
        skipped_by_robots=[url(x) for x in w.skipped_by_robots],
        budget_exhausted=list(w.budget_exhausted),  # type: ignore[arg-type]
        unknown_address=w.unknown_address,
        evidence={
            state_key(url(p.path)): f"shots/{w.viewport}{p.path.replace('/', '_')}.png"
            for p in w.pages
        },
    )
    return WalkView(raw, facts, clicks, {}, dict(w.milestones))


def observations(
    *walks: Walk,
    channels: Sequence[Channel] = (),
    milestones: dict[str, Milestone] | None = None,
    status: str = "complete",
    status_reason: str = "",
    static: StaticMap | None = None,
) -> AuditView:
    """The view of the given walks (a bare desktop home page when none is given)."""
    built = [_walk(w) for w in (walks or (Walk(),))]
    default = {"contact": unreached(), "complaint": unreached(), "escalation": unreached()}
    raw = Observations(
        tool=ToolInfo(version="test"),
        start_url=HOME,
        final_url=HOME,
        started_at="2026-01-01T00:00:00Z",
        status=status,  # type: ignore[arg-type]
        status_reason=status_reason,
        walks=[w.raw for w in built],
        static=static,
    )
    return AuditView(raw, built, list(channels), {**default, **(milestones or {})})


def no_walks() -> AuditView:
    """The view of an audit that walked nothing (every rule should error, not fail)."""
    raw = Observations(
        tool=ToolInfo(version="test"),
        start_url=HOME,
        started_at="2026-01-01T00:00:00Z",
        status="failed",  # type: ignore[arg-type]
    )
    return AuditView(raw, [], [], {})


def reached(clicks: int, path: str = "/contact", **kw: Any) -> Milestone:
    steps = [Step(action="load", label="start page", url=HOME)]
    steps += [Step(action="follow", label=f"step {i + 1}", url=url(path)) for i in range(clicks)]
    kw.setdefault("prominent_clicks", clicks)
    return Milestone(reached=True, clicks=clicks, url=url(path), path=steps, **kw)


def unreached() -> Milestone:
    return Milestone(reached=False)


def channel(kind: str, value: str, *, clicks: int | None = 1, **kw: Any) -> Channel:
    kw.setdefault("clicks_by_viewport", {"desktop": clicks})
    return Channel(
        kind=kind,  # type: ignore[arg-type]
        value=value,
        url=url("/contact"),
        clicks=clicks,
        visible=clicks is not None,
        **kw,
    )


def phone(value: str = "+442079460000", cost: str = "standard", **kw: Any) -> Channel:
    return channel("phone", value, cost=cost, **kw)


def email(value: str = "help@brand.example", **kw: Any) -> Channel:
    return channel("email", value, **kw)


def form(**kw: Any) -> Channel:
    return channel("form", url("/contact"), **kw)


def chat(vendor: str = "intercom", human: bool | None = None, **kw: Any) -> Channel:
    return channel("chat", vendor, human=human, **kw)


def sighting(
    kind: str, value: str, path: str, *, visible: bool = True, **kw: Any
) -> ChannelSighting:
    return ChannelSighting(kind=kind, value=value, url=url(path), visible=visible, **kw)  # type: ignore[arg-type]


def signal(kind: str, path: str, value: str = "", *, visible: bool = True, **kw: Any) -> Signal:
    return Signal(
        kind=kind,  # type: ignore[arg-type]
        value=value or kind,
        snippet=value or kind,
        url=url(path),
        visible=visible,
        **kw,
    )


def contact_form(
    required: int = 3,
    *,
    captcha: str | None = None,
    role: str = "contact",
    hidden_required: int = 0,
    free_text: bool = True,
) -> FormInfo:
    fields = [FormField(name=f"f{i}", label=f"Field {i}", required=True) for i in range(required)]
    fields += [FormField(name="opt", label="Optional", required=False)]
    fields += [
        FormField(name=f"h{i}", type="hidden", required=True, visible=False)
        for i in range(hidden_required)
    ]
    return FormInfo(
        id="f1",
        action="/send",
        method="post",
        fields=fields,
        visible=True,
        selector="form#contact",
        captcha=captcha,
        has_free_text=free_text,
        role=role,  # type: ignore[arg-type]
    )
