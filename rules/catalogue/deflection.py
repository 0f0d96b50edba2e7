"""Contact pages that only send the visitor back to the FAQ, round and round."""

from __future__ import annotations

from auditor.derive import AuditView, WalkView
from auditor.models import is_direct_human
from rules.catalogue import refs
from rules.catalogue.lookup import find_page, page_evidence, primary
from rules.model import Evidence, Rule, RuleOptions, RuleResult

SELF_SERVICE = frozenset({"contact", "complaint", "help", "faq"})
# The loop must start at a contact page: a complaints page that links to the help centre
# and back is an ordinary cross-link, not a visitor sent round in circles.
CONTACT_KINDS = frozenset({"contact"})


def _channel_free(walk: WalkView) -> dict[str, str]:
    """Self-service and contact pages (url → kind) that show no human channel."""
    out: dict[str, str] = {}
    for facts in walk.facts:
        if facts.kind not in SELF_SERVICE or facts.dead_end:
            continue  # a dead end is its own finding (contact-link-broken, login-wall)
        shown = [s for s in facts.channels if s.visible and is_direct_human(s.kind, s.human)]
        if not shown:
            out[facts.url] = facts.kind
    return out


def _cycle_through(start: str, graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle back to ``start`` inside ``graph`` (breadth-first, shortest), else None."""
    parents: dict[str, str] = {}
    frontier = [start]
    seen = {start}
    while frontier:
        nxt: list[str] = []
        for node in frontier:
            for target in sorted(graph.get(node, ())):
                if target == start:
                    back = [node]
                    while back[-1] != start:
                        back.append(parents[back[-1]])
                    return [*reversed(back), start]
                if target not in seen:
                    seen.add(target)
                    parents[target] = node
                    nxt.append(target)
        frontier = nxt
    return None


def _walk_loops(walk: WalkView) -> list[Evidence]:
    empty = _channel_free(walk)
    graph: dict[str, set[str]] = {}
    for edge in walk.edges:
        if edge.source in empty and edge.target in empty and edge.source != edge.target:
            graph.setdefault(edge.source, set()).add(edge.target)
    found: list[Evidence] = []
    covered: set[str] = set()
    for url, kind in sorted(empty.items()):
        if kind not in CONTACT_KINDS or url in covered:
            continue
        cycle = _cycle_through(url, graph)
        if cycle is None:
            continue
        covered.update(cycle)
        page = find_page(walk, url)
        text = " → ".join(cycle)
        if page is not None:
            found.append(page_evidence(walk, page, f"no channel on: {text}"))
        else:
            found.append(
                Evidence(url=url, viewport=walk.viewport, snippet=f"no channel on: {text}")
            )
    return found


def _deflection_loop(obs: AuditView, opts: RuleOptions) -> RuleResult:
    primary(obs)
    contact_pages = [f for w in obs.walks for f in w.facts if f.kind in CONTACT_KINDS]
    if not contact_pages:
        return RuleResult("not_applicable", "No contact or complaint page was seen.")
    evidence = [e for walk in obs.walks for e in _walk_loops(walk)]
    if evidence:
        return RuleResult(
            "fail",
            "Contact pages send the visitor back to self-service pages in a cycle with no "
            "channel shown.",
            evidence,
        )
    return RuleResult("pass", "No contact page loops back to self-service without a channel.")


DEFLECTION_LOOP = Rule(
    code="CFA007",
    slug="deflection-loop",
    title="Contact pages do not loop back to the FAQ",
    failure_title="Contact pages deflect in a loop",
    impact="serious",
    category="human_reachability",
    description=(
        "Builds the graph of help, FAQ, contact and complaint pages that show no human "
        "channel and fails when a contact or complaint page lies on a cycle of them: the "
        "contact page points to the FAQ, the FAQ back to the contact page, and no phone, "
        "e-mail, form or messaging channel appears anywhere on the way."
    ),
    rationale=(
        "'Have you checked our FAQ?' loops are designed to exhaust the customer; each lap "
        "costs clicks and never reaches a person."
    ),
    how_to_fix=(
        "Show at least one direct channel on the contact page itself; suggest self-service "
        "articles next to it, never instead of it."
    ),
    references=(refs.DSA_ART25, refs.UK_CONSUMER_DUTY, refs.ISO_10002),
    evaluate=_deflection_loop,
    tags=("deflection",),
    needs=("walks", "facts"),
)

RULES = (DEFLECTION_LOOP,)
