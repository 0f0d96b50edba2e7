"""Does the site say when it answers and when it is open?"""

from __future__ import annotations

from auditor.derive import AuditView
from auditor.models import Signal
from auditor.observe.signals import CLOSED, DAYS_UNSAID, OPEN, PREMISES
from rules.catalogue import refs
from rules.catalogue.lookup import (
    WRITTEN_KINDS,
    channel_evidence,
    milestone,
    milestone_evidence,
    primary,
    require_facts,
    signal_evidence,
    signals,
    site_evidence,
)
from rules.model import Rule, RuleOptions, RuleResult

DEFAULT_MAX_RESPONSE_HOURS = 15 * 24.0


def _no_response_time(obs: AuditView, opts: RuleOptions) -> RuleResult:
    primary(obs)
    require_facts(obs)
    written = [ch for ch in obs.channels if ch.kind in WRITTEN_KINDS]
    complaint = milestone(obs, "complaint").reached
    stated = signals(obs, "response_time")
    if stated:
        hours = [s.hours for _, s in stated if s.hours is not None]
        best = min(hours) if hours else None
        limit = opts.threshold("max_response_hours", DEFAULT_MAX_RESPONSE_HOURS)
        if best is not None and best > limit:
            return RuleResult(
                "needs_review",
                f"The fastest stated answer time is {best:g} hours, over {limit:g}.",
                [signal_evidence(w, s) for w, s in stated],
                measure=best,
            )
        value = stated[0][1].value
        return RuleResult("pass", f"The site states when it answers: '{value}'.", measure=best)
    if not written and not complaint:
        # Absence never scores better than a bad presence (DESIGN §8a): no written channel
        # at all means nobody is told when they will get an answer.
        return RuleResult(
            "fail",
            "No written channel or complaint procedure exists, so no answer time is stated.",
            [site_evidence(obs, "no e-mail, form, messaging or chat channel on the walk")],
        )
    evidence = [
        channel_evidence(obs, ch, f"{ch.kind} {ch.value}: no answer time") for ch in written
    ]
    if not evidence:
        m = milestone(obs, "complaint")
        evidence = [milestone_evidence(obs, m, "complaint procedure states no answer time")]
    return RuleResult(
        "fail",
        "No written channel or complaint procedure says when the customer will get an answer.",
        evidence,
    )


NO_RESPONSE_TIME = Rule(
    code="CFA012",
    slug="no-response-time",
    title="States when it will answer",
    failure_title="No stated response time",
    impact="moderate",
    category="transparency",
    description=(
        "Fails when the site offers a written channel (e-mail, form, messaging, chat) or a "
        "complaint procedure but no visible text says when the customer will get an answer "
        "('we reply within 2 working days', '15 días hábiles', '8 weeks'). Needs review when "
        "the fastest stated time exceeds `max_response_hours` (default 360 = 15 days)."
    ),
    rationale=(
        "Without a deadline a complaint can wait forever, and the customer cannot tell "
        "when to escalate. Spain's 2025 law sets 15 working days; FCA DISP sets 8 weeks."
    ),
    how_to_fix="State a response time next to each written channel and in the complaints page.",
    references=(refs.ES_LEY_SAC, refs.UK_DISP1, refs.ISO_10002),
    evaluate=_no_response_time,
    tags=("transparency", "absence"),
    needs=("channels", "facts", "milestones"),
)


def _no_business_hours(obs: AuditView, opts: RuleOptions) -> RuleResult:
    primary(obs)
    require_facts(obs)
    live = [
        ch
        for ch in obs.channels
        if ch.kind == "phone" or (ch.kind == "chat" and ch.human is not False)
    ]
    if not live:
        return RuleResult("not_applicable", "No phone line or live chat was found.")
    found = signals(obs, "business_hours")
    stated = [(walk, s) for walk, s in found if PREMISES not in (s.data or {})]
    if not stated and found:
        # "Our stores open 9am-8pm" is no answer to when the line is staffed; but the
        # store may be the service, or the page may say so elsewhere: a reviewer decides.
        return RuleResult(
            "needs_review",
            "The only opening hours found are those of stores or branches, not of the "
            "phone line or chat.",
            [signal_evidence(walk, s) for walk, s in found[:3]],
        )
    timed = [(walk, s) for walk, s in stated if _gives_times(s)]
    if timed:
        dated = [(walk, s) for walk, s in timed if DAYS_UNSAID not in (s.data or {})]
        if dated:
            return RuleResult("pass", f"Opening hours are stated: '{dated[0][1].value}'.")
        # "Lines are open 8am to 8pm": the hour to call is known; the days read as every day.
        return RuleResult(
            "pass",
            f"Opening hours are stated, without the days they apply to: '{timed[0][1].value}'.",
        )
    if stated:
        # "Open seven days a week" names the days, not the hours: a customer still cannot
        # tell whether the line answers at 7 pm.  Not a pass; a reviewer decides.
        return RuleResult(
            "needs_review",
            "Days of service are stated, but no hours.",
            [signal_evidence(walk, s) for walk, s in stated[:3]],
        )
    return RuleResult(
        "fail",
        "Phone or live chat is offered without opening hours.",
        [channel_evidence(obs, ch, f"{ch.kind} {ch.value}: no opening hours") for ch in live],
    )


def _gives_times(sig: Signal) -> bool:
    """Hours for at least one day, or round the clock (not only which days are served)."""
    return not sig.data or any(v not in (OPEN, CLOSED) for v in sig.data.values())


NO_BUSINESS_HOURS = Rule(
    code="CFA016",
    slug="no-business-hours",
    title="Opening hours are stated",
    failure_title="No opening hours for phone or chat",
    impact="minor",
    category="transparency",
    description=(
        "Fails when the site offers a phone line or a live chat but no visible text gives "
        "the hours it is staffed; days of service without hours ('open seven days a "
        "week'), or only the hours of stores and branches, need review."
    ),
    rationale=(
        "Customers who call outside unstated hours meet a closed line or a bot and give "
        "up; stating the hours lets them plan the call."
    ),
    how_to_fix="Print the opening hours next to each phone number and on the chat launcher.",
    references=(refs.ISO_10002, refs.IL_CONSUMER),
    evaluate=_no_business_hours,
    tags=("transparency", "absence"),
    needs=("channels", "facts"),
)

RULES = (NO_RESPONSE_TIME, NO_BUSINESS_HOURS)
