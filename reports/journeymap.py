"""The journey as a story: one tree per viewport, milestones branching off a shared path.

Every milestone path starts at the same freshly loaded home page, so drawing each path
separately repeats the same steps three times and hides where the routes part.  Here the
paths are merged into one tree per viewport: a step shared by two routes is drawn once,
each milestone hangs off the step that reaches it, and the routes the walk tried that
went nowhere (a failed rule's evidence path: a contact page with no channel, a login
wall, a broken link) are drawn as dead ends.  A deflection loop is drawn as a cycle of
its pages, because "round and round without a channel" is the evidence.

Each step shows the screenshot of the page where its control was pressed, with the
control outlined (the walk outlines the next step's control): that is what the customer
had to find.  A reached milestone also shows the page it was reached on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from auditor.models import Milestone, Step
from reports.model import Report
from reports.urls import short_url
from reports.view import ACTION_LABELS, MILESTONE_TITLES, MILESTONES, clicks_text
from rules.model import Finding

LOOP_SLUG = "deflection-loop"
# A scripted journey's entry and exit paths (DESIGN §11), drawn beside the support ones.
JOURNEY_TITLES = {"signup": "Sign up (entry)", "cancel": "Cancel (exit)"}
LOOP_PREFIX = "no channel on:"
MAX_DEAD_ENDS = 6
OPEN_OUTCOMES = frozenset({"fail", "needs_review"})


@dataclass
class Goal:
    milestone: str
    title: str
    clicks: int | None
    screenshot: str | None


@dataclass
class DeadEnd:
    slug: str
    title: str
    outcome: str


@dataclass
class LoopNode:
    label: str
    x: float
    y: float


@dataclass
class LoopArrow:
    path: str


@dataclass
class Loop:
    """A cycle of pages drawn as an SVG ring (coordinates in a 320-wide viewBox)."""

    pages: list[str]
    nodes: list[LoopNode]
    arrows: list[LoopArrow]
    height: float = 220.0
    node_width: float = 112.0

    @property
    def centre(self) -> float:
        return self.height / 2


@dataclass
class Node:
    key: tuple[str, str, str]
    number: int
    action: str
    action_label: str
    label: str
    url: str
    screenshot: str | None  # the page where this step's control was pressed
    children: list[Node] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    dead_ends: list[DeadEnd] = field(default_factory=list)
    loop: Loop | None = None


@dataclass
class Missed:
    milestone: str
    title: str


@dataclass
class ViewportMap:
    viewport: str
    root: Node | None
    missed: list[Missed]
    loops: int = 0


def _key(step: Step) -> tuple[str, str, str]:
    if step.action == "load":
        return ("load", step.url, "")
    return (step.action, step.url, step.selector or step.label)


def _graft(root: Node | None, path: list[Step]) -> tuple[Node | None, Node | None, str | None]:
    """Add ``path`` to the tree; return (root, last node, screenshot of the last page)."""
    if not path:
        return root, None, None
    number = 0
    node: Node | None = None
    shot_before: str | None = None
    for step in path:
        if step.action != "load":
            number += 1
        key = _key(step)
        siblings = [root] if node is None and root is not None else node.children if node else []
        found = next((n for n in siblings if n.key == key), None)
        if found is None:
            found = Node(
                key=key,
                number=number,
                action=step.action,
                action_label=ACTION_LABELS.get(step.action, step.action),
                label=step.label,
                url=step.url,
                screenshot=shot_before if step.action != "load" else step.screenshot,
            )
            if node is None:
                if root is not None:  # a path from another start page: not drawable here
                    return root, None, None
                root = found
            else:
                node.children.append(found)
        elif found.screenshot is None:
            found.screenshot = shot_before if step.action != "load" else step.screenshot
        node = found
        shot_before = step.screenshot
    return root, node, shot_before


def loop_pages(finding: Finding, viewport: str, primary: str) -> list[tuple[str, list[str]]]:
    """(contact page, cycle of pages) per loop the deflection rule found on ``viewport``."""
    out = []
    for e in finding.evidence:
        if (e.viewport or primary) != viewport or not e.snippet.startswith(LOOP_PREFIX):
            continue
        pages = [p.strip() for p in e.snippet[len(LOOP_PREFIX) :].split("→") if p.strip()]
        if len(pages) >= 2:
            out.append((e.url or pages[0], pages))
    return out


def draw_loop(pages: list[str], host: str) -> Loop:
    """Pages of a cycle on a ring, each with an arrow to the next and the last back home."""
    ring = pages[:-1] if len(pages) > 1 and pages[-1] == pages[0] else pages
    n = len(ring)
    height = 150.0 if n == 2 else 230.0
    cx, cy, rx, ry = 160.0, height / 2, 98.0, 80.0
    nodes = []
    for i, url in enumerate(ring):
        angle = math.pi + 2 * math.pi * i / n  # first page on the left
        nodes.append(
            LoopNode(
                label=short_url(url, host) or url,
                x=round(cx + rx * math.cos(angle), 1),
                y=round(cy + ry * math.sin(angle), 1),
            )
        )
    arrows = []
    for i, a in enumerate(nodes):
        b = nodes[(i + 1) % n]
        # bow each arrow outward so A→B and B→A on a two-page loop do not overlap
        mx, my = (a.x + b.x) / 2, (a.y + b.y) / 2
        dx, dy = mx - cx, my - cy
        norm = math.hypot(dx, dy) or 1.0
        bend = 56.0 if n == 2 else 26.0
        if n == 2:
            dx, dy, norm = 0.0, (-1.0 if i == 0 else 1.0), 1.0
        qx, qy = round(mx + bend * dx / norm, 1), round(my + bend * dy / norm, 1)
        sx, sy = _edge(a.x, a.y, qx, qy, 3.0)
        ex, ey = _edge(b.x, b.y, qx, qy, 7.0)
        arrows.append(LoopArrow(path=f"M{sx},{sy} Q{qx},{qy} {ex},{ey}"))
    return Loop(pages=[n_.label for n_ in nodes], nodes=nodes, arrows=arrows, height=height)


NODE_HALF_W, NODE_HALF_H = 56.0, 17.0


def _edge(x: float, y: float, tx: float, ty: float, gap: float) -> tuple[float, float]:
    """Where the line from a page's pill (centre x, y) toward (tx, ty) leaves the pill."""
    d = math.hypot(tx - x, ty - y) or 1.0
    ux, uy = (tx - x) / d, (ty - y) / d
    t = min(NODE_HALF_W / abs(ux) if ux else math.inf, NODE_HALF_H / abs(uy) if uy else math.inf)
    return round(x + ux * (t + gap), 1), round(y + uy * (t + gap), 1)


def _find(node: Node | None, url: str) -> Node | None:
    if node is None:
        return None
    if node.url == url:
        return node
    for child in node.children:
        hit = _find(child, url)
        if hit is not None:
            return hit
    return None


def _milestones(report: Report, viewport: str) -> dict[str, Milestone]:
    vm = report.by_viewport.get(viewport)
    if vm is not None and vm.milestones:
        return vm.milestones
    return report.milestones if report.viewports[:1] == [viewport] else {}


def viewport_map(report: Report, viewport: str, host: str) -> ViewportMap:
    """The merged journey tree of one viewport, with dead ends and loops."""
    primary = report.viewports[0] if report.viewports else viewport
    root: Node | None = None
    missed: list[Missed] = []
    milestones = _milestones(report, viewport)
    names = [*MILESTONES, *(n for n in milestones if n not in MILESTONES)]
    for name in names:
        m = milestones.get(name)
        title = MILESTONE_TITLES.get(name) or JOURNEY_TITLES.get(
            name, name.replace("_", " ").capitalize()
        )
        if m is None or not m.reached or not m.path:
            missed.append(Missed(milestone=name, title=title))
            continue
        root, last, final_shot = _graft(root, m.path)
        if last is not None:
            last.goals.append(Goal(name, title, m.clicks, final_shot))
    ends = 0
    for f in report.findings:
        if f.outcome not in OPEN_OUTCOMES:
            continue
        for e in f.evidence:
            if (e.viewport or primary) != viewport or len(e.path) < 2 or ends >= MAX_DEAD_ENDS:
                continue
            root, last, _ = _graft(root, e.path)
            if last is not None and f.slug not in {d.slug for d in last.dead_ends}:
                last.dead_ends.append(DeadEnd(f.slug, f.title, f.outcome))
                ends += 1
    loops = 0
    for f in report.findings:
        if f.slug != LOOP_SLUG or f.outcome not in OPEN_OUTCOMES:
            continue
        for at, pages in loop_pages(f, viewport, primary):
            node = _find(root, at)
            if node is None:  # the loop's way in is unknown: hang it off the start
                node = root
            if node is not None and node.loop is None:
                node.loop = draw_loop(pages, host)
                loops += 1
    return ViewportMap(viewport=viewport, root=root, missed=missed, loops=loops)


def journey_maps(report: Report, host: str) -> list[ViewportMap]:
    """One map per walked viewport, the primary first."""
    return [viewport_map(report, vp, host) for vp in report.viewports]


def goal_text(goal: Goal) -> str:
    return f"{goal.title} — {clicks_text(goal.clicks)}"
