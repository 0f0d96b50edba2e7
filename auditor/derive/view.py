"""What the rules and reports read: the raw walk beside the facts derived from it.

A ``WalkView`` wraps one raw ``ViewportWalk`` with its page facts, clicks, paths and
milestones; an ``AuditView`` wraps the whole ``Observations`` with the views, the merged
channel inventory and the primary milestones.  Raw fields are passed through read-only,
so a rule reads ``view.pages`` and ``view.milestones`` alike without knowing which one
was recorded and which one computed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from auditor.derive.journey import facts_by_url
from auditor.models import (
    BlockedRequest,
    Budget,
    Channel,
    Edge,
    LinkCheck,
    Milestone,
    Observations,
    PageFacts,
    PageState,
    Settings,
    Step,
    ToolInfo,
    ViewportName,
    ViewportWalk,
    is_direct_human,
    state_key,
)
from auditor.observe.lexicon import intents

__all__ = ["AuditView", "WalkView", "link_intents"]

JOURNEY_INTENTS = frozenset({"contact", "help", "complaint", "escalation", "cancel"})


def link_intents(label: str, url: str | None = None) -> frozenset[str]:
    """The journey intents a label and URL promise: the observers' one lexicon matcher."""
    return frozenset(intents(label, url)) & JOURNEY_INTENTS


@dataclass
class WalkView:
    """One viewport: raw record plus derived facts, clicks, paths and milestones."""

    raw: ViewportWalk
    facts: list[PageFacts] = field(default_factory=list)
    clicks: dict[str, int] = field(default_factory=dict)
    paths: dict[str, list[Step]] = field(default_factory=dict)
    milestones: dict[str, Milestone] = field(default_factory=dict)

    def __post_init__(self) -> None:
        pages = self.raw.pages if len(self.raw.pages) == len(self.facts) else []
        self._facts = facts_by_url(pages, self.facts)

    @property
    def viewport(self) -> ViewportName:
        return self.raw.viewport

    @property
    def pages(self) -> list[PageState]:
        return self.raw.pages

    @property
    def edges(self) -> list[Edge]:
        return self.raw.edges

    @property
    def link_checks(self) -> list[LinkCheck]:
        return self.raw.link_checks

    @property
    def blocked(self) -> list[BlockedRequest]:
        return self.raw.blocked

    @property
    def skipped_by_robots(self) -> list[str]:
        return self.raw.skipped_by_robots

    @property
    def budget_exhausted(self) -> list[Budget]:
        return self.raw.budget_exhausted

    @property
    def consent_dismissed(self) -> list[str]:
        return self.raw.consent_dismissed

    @property
    def robots(self) -> dict[str, str]:
        return self.raw.robots

    @property
    def skipped_by_template(self) -> list[str]:
        return self.raw.skipped_by_template

    def facts_of(self, url: str) -> PageFacts | None:
        return self._facts.get(url)

    def orphans(self) -> list[PageState]:
        """Pages the browser loaded only as a sitemap proposal: no path, no clicks."""
        return [p for p in self.pages if p.orphan and p.url not in self.clicks]

    def orphan_milestones(self) -> dict[str, list[str]]:
        """milestone → orphan pages whose facts show it.

        The journey never reaches a milestone through an orphan (it has no path from the
        start), so this view is where a complaint procedure or a contact page that exists
        but cannot be reached shows up.
        """
        out: dict[str, list[str]] = {"contact": [], "complaint": []}
        for page in self.orphans():
            facts = self.facts_of(page.url)
            if facts is None or facts.dead_end is not None:
                continue
            human = any(
                c.visible and c.source == "page" and c.owner != "third_party"
                and is_direct_human(c.kind, c.human)
                for c in facts.channels
            )  # fmt: skip
            if facts.kind == "contact" or human:
                out["contact"].append(page.url)
            procedure = any(s.kind == "complaint_procedure" and s.visible for s in facts.signals)
            if facts.kind == "complaint" or procedure:
                out["complaint"].append(page.url)
        return out

    def shot(self, state: str | None) -> str | None:
        """The screenshot of a page state, when the walk or the replay took one."""
        return self.raw.evidence.get(state) if state else None

    def page_shot(self, page: PageState) -> str | None:
        return self.shot(state_key(page.url)) or self.shot(state_key(page.requested_url))

    def edge_intents(self, edge: Edge) -> frozenset[str]:
        """What the control of an edge promises: its label and the URL it leads to."""
        return link_intents(edge.label, edge.target)

    def url_intents(self, url: str) -> frozenset[str]:
        """What a URL's words promise (a page seen only as a redirect or a robots skip)."""
        return link_intents("", url)


@dataclass
class AuditView:
    """The whole audit as rules and reports see it (derived at judge time)."""

    obs: Observations
    walks: list[WalkView]
    inventory: list[Channel]
    milestones: dict[str, Milestone]
    region: str | None = None

    @property
    def channels(self) -> list[Channel]:
        """The brand's own channels: the only ones the rules count (DESIGN §4)."""
        return [c for c in self.inventory if c.owner == "brand"]

    @property
    def unowned(self) -> list[Channel]:
        """Channels no text attributes to anyone: neither counted nor ignored silently."""
        return [c for c in self.inventory if c.owner == "unknown"]

    @property
    def third_party(self) -> list[Channel]:
        """Other organisations' contacts (regulators, helplines, partners…), listed apart."""
        return [c for c in self.inventory if c.owner == "third_party"]

    @property
    def status(self) -> str:
        return self.obs.status

    @property
    def status_reason(self) -> str:
        return self.obs.status_reason

    @property
    def start_url(self) -> str:
        return self.obs.start_url

    @property
    def final_url(self) -> str | None:
        return self.obs.final_url

    @property
    def settings(self) -> Settings:
        return self.obs.settings

    @property
    def tool(self) -> ToolInfo:
        return self.obs.tool

    @property
    def started_at(self) -> str:
        return self.obs.started_at

    @property
    def finished_at(self) -> str | None:
        return self.obs.finished_at

    def primary(self) -> WalkView | None:
        """Desktop when it was walked, else mobile (DESIGN §5)."""
        for name in ("desktop", "mobile"):
            found = self.walk(name)
            if found is not None:
                return found
        return None

    def walk(self, viewport: str) -> WalkView | None:
        return next((w for w in self.walks if w.viewport == viewport), None)

    def ordered(self) -> list[WalkView]:
        """Walks with the primary viewport first."""
        first = self.primary()
        return ([first] if first else []) + [w for w in self.walks if w is not first]
