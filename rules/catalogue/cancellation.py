"""Leaving must be no harder than joining."""

from __future__ import annotations

from auditor.derive import AuditView, WalkView
from auditor.models import Signal
from rules.catalogue import refs
from rules.catalogue.lookup import clicks_to, primary, signal_evidence, signals
from rules.model import Evidence, Rule, RuleOptions, RuleResult


def _cheapest(walk: WalkView, found: list[Signal]) -> tuple[int, Signal] | None:
    reached = [(c, s) for s in found if (c := clicks_to(walk, s.url, s.depth)) is not None]
    return min(reached, key=lambda r: r[0]) if reached else None


def _milestone_evidence(walk: WalkView, name: str) -> Evidence:
    m = walk.milestones[name]
    return Evidence(url=m.url or "", viewport=walk.viewport, snippet=name, path=list(m.path))


def _measured(walk: WalkView) -> RuleResult | None:
    """Both journeys measured as milestones (a scripted journey or the walk): compare them."""
    up, down = walk.milestones.get("signup"), walk.milestones.get("cancel")
    if up is None or not up.reached or up.clicks is None:
        return None
    if down is None or not down.reached or down.clicks is None:
        return None
    extra = down.clicks - up.clicks
    text = f"Cancelling takes {down.clicks} click(s), signing up {up.clicks} (measured journeys)."
    evidence = [_milestone_evidence(walk, "cancel"), _milestone_evidence(walk, "signup")]
    typed = [m.typed_address for m in (down, up) if m.typed_address]
    if typed:
        # A journey that went straight to an address skipped clicks nobody counted.
        return RuleResult(
            "needs_review", f"{text} The journey went straight to {typed[0]} on the way.", evidence
        )
    if extra > 0:
        return RuleResult("fail", text, evidence, measure=float(extra))
    return RuleResult("pass", text, evidence, measure=0.0)


def _cancellation(obs: AuditView, opts: RuleOptions) -> RuleResult:
    walk = primary(obs)
    measured = _measured(walk)
    if measured is not None:
        return measured
    mine = [s for w, s in signals(obs, "signup_link") if w is walk]
    signup = _cheapest(walk, mine)
    if signup is None:
        return RuleResult("not_applicable", "No sign-up or subscribe link was found.")
    cancel = _cheapest(walk, [s for w, s in signals(obs, "cancel_link") if w is walk])
    up_clicks, up_sig = signup
    if cancel is None:
        return RuleResult(
            "fail",
            f"Signing up takes {up_clicks} click(s), but no cancellation link was found.",
            [signal_evidence(walk, up_sig)],
        )
    down_clicks, down_sig = cancel
    extra = down_clicks - up_clicks
    if extra > 0:
        return RuleResult(
            "fail",
            f"Cancelling takes {down_clicks} click(s), signing up {up_clicks}.",
            [signal_evidence(walk, down_sig), signal_evidence(walk, up_sig)],
            measure=float(extra),
        )
    return RuleResult(
        "pass",
        f"Cancelling takes {down_clicks} click(s), signing up {up_clicks}.",
        measure=float(max(extra, 0)),
    )


CANCELLATION_HARDER_THAN_SIGNUP = Rule(
    code="CFA020",
    slug="cancellation-harder-than-signup",
    title="Cancelling is as easy as signing up",
    failure_title="Cancelling is harder than signing up",
    impact="serious",
    category="findability",
    description=(
        "Compares, in the primary viewport, the clicks to the first visible cancellation "
        "link ('Cancel subscription', 'Verträge hier kündigen', 'darse de baja') with the "
        "clicks to the first sign-up or subscribe link. Fails when cancelling takes more, "
        "or when a sign-up link exists and no cancellation link was found."
    ),
    rationale=(
        "Making exit harder than entry keeps paying customers who want to leave; it is "
        "named as a dark pattern and outlawed by cancellation-button laws."
    ),
    how_to_fix=(
        "Link a cancellation page from the same places as sign-up (header or footer of "
        "every page), reachable without a login, in as few clicks."
    ),
    references=(
        refs.DSA_ART25,
        refs.CRD_ART11A,
        refs.DE_BGB_312K,
        refs.UK_CONSUMER_DUTY,
        refs.US_CA_ARL,
        refs.US_FTC_CLICK_TO_CANCEL,
        refs.IL_CONSUMER,
    ),
    evaluate=_cancellation,
    tags=("cancel", "clicks", "absence"),
    needs=("facts",),
)

RULES = (CANCELLATION_HARDER_THAN_SIGNUP,)
