"""Clicks, paths and milestones of one viewport, computed from what the walk saw.

Pure functions over a raw ``ViewportWalk`` and its page facts (no browser): the walk's
visiting order never changes a reported number, because every count here is a shortest
path (DESIGN §4: "the minimum over all paths the walk found"), recomputed at judge time.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from auditor.derive.owners import Owners, channel_key
from auditor.models import (
    ESCALATION_ROLES,
    ChannelSighting,
    DeadEnd,
    Edge,
    Element,
    Milestone,
    PageFacts,
    PageState,
    Press,
    Signal,
    Step,
    ViewportWalk,
    is_direct_human,
    state_key,
)

MIN_PROMINENT_FONT_PX = 12.0
MIN_PROMINENT_CONTRAST = 3.0


@dataclass
class _Page:
    state: PageState
    facts: PageFacts | None
    presses: dict[str, Press] = field(default_factory=dict)
    revealed_by: dict[str, str | None] = field(default_factory=dict)
    elements: dict[str, Element] = field(default_factory=dict)


@dataclass
class Graph:
    """Pages and the edges between them for one viewport."""

    walk: ViewportWalk
    start: str
    pages: dict[str, _Page] = field(default_factory=dict)
    out: dict[str, list[tuple[str, int, Edge | None]]] = field(default_factory=dict)

    @classmethod
    def build(cls, walk: ViewportWalk, facts: dict[str, PageFacts], start: str) -> Graph:
        graph = cls(walk=walk, start=start)
        for state in sorted(walk.pages, key=is_alias):  # the page itself before its aliases
            page = _Page(state=state, facts=facts.get(state.url))
            page.presses = {p.element_id: p for p in state.presses}
            page.elements = {e.id: e for e in state.elements}
            for el in state.elements:
                page.revealed_by[el.id] = el.revealed_by
            for block in state.text_blocks:
                page.revealed_by[block.id] = block.revealed_by
            for form in state.forms:
                page.revealed_by[form.id] = form.revealed_by
            graph.pages.setdefault(state.url, page)
            if state.requested_url != state.url:
                graph.out.setdefault(state.requested_url, []).append((state.url, 0, None))
        for edge in walk.edges:
            source = graph.pages.get(edge.source)
            if source is not None and _says_not_found(source):
                continue  # a "not found" page is a dead end: its template's links lead on
            graph.out.setdefault(edge.source, []).append((edge.target, edge.depth + 1, edge))
        return graph

    def shortest(
        self, allow: Iterable[Edge] | None = None
    ) -> tuple[dict[str, int], dict[str, tuple[str, Edge | None]]]:
        """Dijkstra from the start page; ``allow`` restricts the edges that may be used."""
        allowed = None if allow is None else {id(e) for e in allow}
        dist: dict[str, int] = {self.start: 0}
        pred: dict[str, tuple[str, Edge | None]] = {}
        heap = [(0, self.start)]
        while heap:
            d, node = heapq.heappop(heap)
            if d > dist.get(node, 1 << 30):
                continue
            for target, cost, edge in self.out.get(node, []):
                if edge is not None and allowed is not None and id(edge) not in allowed:
                    continue
                nd = d + cost
                if nd < dist.get(target, 1 << 30):
                    dist[target] = nd
                    pred[target] = (node, edge)
                    heapq.heappush(heap, (nd, target))
        return dist, pred

    def press_chain(self, url: str, item_id: str | None) -> list[Press]:
        """The presses on ``url`` that reveal the item, outermost first."""
        page = self.pages.get(url)
        if page is None or item_id is None:
            return []
        chain: list[Press] = []
        current = page.revealed_by.get(item_id)
        if current is None and item_id in page.presses:
            current = page.presses[item_id].parent
        seen: set[str] = set()
        while current and current not in seen:
            seen.add(current)
            press = page.presses.get(current)
            if press is None:
                break
            chain.insert(0, press)
            current = press.parent
        return chain

    def path_to(self, url: str, pred: dict[str, tuple[str, Edge | None]]) -> list[Step]:
        steps: list[Step] = []
        node = url
        guard = 0
        while node in pred and guard < 200:
            guard += 1
            prev, edge = pred[node]
            if edge is not None:
                hop = press_steps(self.press_chain(edge.source, edge.element_id), edge.source)
                hop.append(
                    Step(
                        action=edge.action,
                        label=edge.label,
                        selector=edge.selector,
                        url=edge.target,
                        element_id=edge.element_id,
                        state=state_key(edge.target),
                        ref=edge.ref,
                    )
                )
                steps = hop + steps
            node = prev
        start = Step(action="load", label="start page", url=self.start, state=state_key(self.start))
        return [start, *steps]


def press_steps(chain: list[Press], url: str, before: tuple[str, ...] = ()) -> list[Step]:
    """Steps for presses made one after another on ``url``, each naming the state it leaves."""
    steps: list[Step] = []
    done = list(before)
    for press in chain:
        done.append(press.element_id)
        steps.append(
            Step(
                action=press.action,
                label=press.label,
                selector=press.selector,
                url=url,
                hover=press.hover,
                element_id=press.element_id,
                state=state_key(url, done),
                ref=press.ref,
            )
        )
    return steps


@dataclass(frozen=True)
class Reach:
    """Where and how something is first visible."""

    url: str
    clicks: int
    item_id: str | None
    depth: int
    selector: str = ""


def _best(
    candidates: Iterable[tuple[str, int, str | None, str]],
    dist: dict[str, int],
    prefer: frozenset[str] = frozenset(),
) -> Reach | None:
    """Fewest clicks; on a tie, a page of the milestone's own kind (the contact page)."""
    best: Reach | None = None
    best_key: tuple[int, int] | None = None
    for url, depth, item_id, selector in candidates:
        if url not in dist:
            continue
        clicks = dist[url] + depth
        key = (clicks, 0 if url in prefer else 1)
        if best_key is None or key < best_key:
            best, best_key = Reach(url, clicks, item_id, depth, selector), key
    return best


def _says_not_found(page: _Page) -> bool:
    """A page answered 200 that says it does not exist.  (A sign-in page is a dead end
    too, but a scripted journey signs in there: its own steps lead on from it.)"""
    return page.facts is not None and page.facts.dead_end == DeadEnd.NOT_FOUND


def _pages_of_kind(graph: Graph, *kinds: str) -> frozenset[str]:
    return frozenset(
        url
        for url, page in graph.pages.items()
        if page.facts is not None and page.facts.kind in kinds
    )


def _milestone(
    graph: Graph, reach: Reach | None, pred: dict[str, tuple[str, Edge | None]]
) -> Milestone:
    if reach is None:
        return Milestone(reached=False)
    path = graph.path_to(reach.url, pred)
    path += press_steps(graph.press_chain(reach.url, reach.item_id), reach.url)
    return Milestone(
        reached=True, clicks=reach.clicks, url=reach.url, path=path, selector=reach.selector
    )


def _contact_sightings(graph: Graph, owners: Owners) -> list[ChannelSighting]:
    """Visible direct human channels of the brand (DESIGN §4: only they reach contact)."""
    brand = {k for k, s in owners.items() if s.owner == "brand"}
    out = []
    for page in graph.pages.values():
        if page.facts is None:
            continue
        for s in page.facts.channels:
            if (
                s.visible
                and s.source == "page"
                and channel_key(s.kind, s.value) in brand
                and is_direct_human(s.kind, s.human)
            ):
                out.append(s)
    return out


def _escalation_contacts(graph: Graph) -> list[tuple[str, int, str | None, str]]:
    """Visible contacts of ombudsmen, ADR bodies and regulators: escalation evidence."""
    return [
        (s.url, s.depth, s.element_id, s.selector)
        for page in graph.pages.values()
        if page.facts is not None
        for s in page.facts.channels
        if s.visible and s.owner == "third_party" and s.owner_role in ESCALATION_ROLES
    ]


def _signals(graph: Graph, kind: str) -> list[Signal]:
    return [
        s
        for page in graph.pages.values()
        if page.facts is not None
        for s in page.facts.signals
        if s.kind == kind and s.visible
    ]


def _signal_place(graph: Graph, sig: Signal) -> tuple[str | None, str]:
    """The text block a signal was read from (id, selector), for its press chain."""
    page = graph.pages.get(sig.url)
    if page is None:
        return sig.element_id, ""
    for block in page.state.text_blocks:
        if block.id == sig.element_id or (
            sig.element_id is None and sig.snippet and sig.snippet[:60] in block.text
        ):
            return block.id, block.selector
    return sig.element_id, ""


def _edge_problems(graph: Graph, edge: Edge, mobile: bool) -> list[str]:
    """Why a control on the way is low-prominence (DESIGN §6 contact-hidden)."""
    problems: list[str] = []
    page = graph.pages.get(edge.source)
    el = page.elements.get(edge.element_id) if page else None
    label = edge.label[:40] or "link"
    if el is not None:
        if el.region == "footer":
            problems.append(f"'{label}' is only in the footer")
        if el.font_size is not None and el.font_size < MIN_PROMINENT_FONT_PX:
            problems.append(f"'{label}' is tiny text ({el.font_size:g}px)")
        if el.contrast is not None and el.contrast < MIN_PROMINENT_CONTRAST:
            problems.append(f"'{label}' has low contrast ({el.contrast:.1f}:1)")
    if page is not None and page.facts is not None and page.facts.kind == "legal":
        problems.append(f"'{label}' is only in the legal notice")
    for press in graph.press_chain(edge.source, edge.element_id):
        problems += _press_problems(graph, edge.source, press, mobile)
    return problems


def _press_problems(graph: Graph, url: str, press: Press, mobile: bool) -> list[str]:
    if mobile:
        page = graph.pages.get(url)
        ctrl = page.elements.get(press.element_id) if page else None
        if ctrl is not None and ctrl.region in ("header", "nav") and press.depth == 1:
            return []  # a phone's hamburger menu is the expected way in
    what = {"expand": "a collapsed menu or section", "answer": "an answer to a prompt"}.get(
        press.action, "an extra press"
    )
    return [f"needs {what}: '{press.label[:40]}'"]


def _prominent_contact(graph: Graph, sightings: list[ChannelSighting], mobile: bool) -> int | None:
    """Clicks to a human channel when only prominent controls may be used."""
    prominent_edges = [e for e in graph.walk.edges if not _edge_problems(graph, e, mobile)]
    pdist, _ = graph.shortest(prominent_edges)
    best: int | None = None
    for s in sightings:
        if s.url not in pdist:
            continue
        chain = graph.press_chain(s.url, s.element_id)
        if any(_press_problems(graph, s.url, p, mobile) for p in chain):
            continue
        clicks = pdist[s.url] + s.depth
        best = clicks if best is None else min(best, clicks)
    return best


@dataclass
class Journey:
    """One viewport's derived journey: clicks and path to every page, and the milestones."""

    graph: Graph
    dist: dict[str, int]
    pred: dict[str, tuple[str, Edge | None]]
    clicks: dict[str, int]
    paths: dict[str, list[Step]]
    milestones: dict[str, Milestone]


def walk_journey(
    walk: ViewportWalk, facts: dict[str, PageFacts], start: str, owners: Owners
) -> Journey:
    """Clicks, paths and milestones of one viewport from its pages, edges and facts."""
    graph = Graph.build(walk, facts, start)
    dist, pred = graph.shortest()
    clicks = {url: dist[url] for url in graph.pages if url in dist}
    # Every page's shortest path, so a finding about any page can show how to get there.
    paths = {url: graph.path_to(url, pred) for url in clicks}
    mobile = walk.viewport == "mobile"
    sightings = _contact_sightings(graph, owners)
    contact_reach = _best(
        ((s.url, s.depth, s.element_id, s.selector) for s in sightings),
        dist,
        _pages_of_kind(graph, "contact"),
    )
    contact = _milestone(graph, contact_reach, pred)
    if contact.reached:
        contact.prominent_clicks = _prominent_contact(graph, sightings, mobile)
        contact.hidden_reasons = _hidden_reasons(graph, contact, pred, contact_reach, mobile)
    complaint_items = [
        (s.url, s.depth, *_signal_place(graph, s)) for s in _signals(graph, "complaint_procedure")
    ]
    # A page titled "Complaints" counts only when the observers found that it explains the
    # procedure (their page-level signal): a title and a link elsewhere is a signpost.
    escalation_items = [
        (s.url, s.depth, *_signal_place(graph, s)) for s in _signals(graph, "escalation_body")
    ] + _escalation_contacts(graph)
    milestones = {
        "contact": contact,
        "complaint": _milestone(
            graph, _best(complaint_items, dist, _pages_of_kind(graph, "complaint")), pred
        ),
        "escalation": _milestone(
            graph,
            _best(escalation_items, dist, _pages_of_kind(graph, "escalation", "complaint")),
            pred,
        ),
    }
    return Journey(graph, dist, pred, clicks, paths, milestones)


def _hidden_reasons(
    graph: Graph,
    contact: Milestone,
    pred: dict[str, tuple[str, Edge | None]],
    reach: Reach | None,
    mobile: bool,
) -> list[str]:
    if reach is None:
        return []
    reasons: list[str] = []
    node = reach.url
    while node in pred:
        prev, edge = pred[node]
        if edge is not None:
            reasons = _edge_problems(graph, edge, mobile) + reasons
        node = prev
    for press in graph.press_chain(reach.url, reach.item_id):
        reasons += _press_problems(graph, reach.url, press, mobile)
    return reasons


def is_alias(state: PageState) -> bool:
    """A record of an address that led to a page observed under another (a redirect, a
    meta refresh): it holds nothing of its own, and may be written before that page's."""
    return (
        state.requested_url != state.url
        and not state.elements
        and not state.text_blocks
        and not state.error
    )


def facts_by_url(pages: Sequence[PageState], facts: Sequence[PageFacts]) -> dict[str, PageFacts]:
    """Each URL's facts: its observed page's, never an alias's, whichever was recorded
    first (``facts`` are ``pages``' own, in order)."""
    order = sorted(range(len(facts)), key=lambda i: i < len(pages) and is_alias(pages[i]))
    out: dict[str, PageFacts] = {}
    for i in order:
        out.setdefault(facts[i].url, facts[i])
    return out


def start_of(walk: ViewportWalk, start_url: str) -> str:
    """The walk's start node: the first page's requested URL."""
    return walk.pages[0].requested_url if walk.pages else start_url
