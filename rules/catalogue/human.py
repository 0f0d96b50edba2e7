"""Can a customer reach a person, by more than one means, at a fair price?"""

from __future__ import annotations

from auditor.derive import AuditView
from auditor.models import Channel
from rules.catalogue import refs
from rules.catalogue.lookup import (
    channel_evidence,
    is_human_channel,
    primary,
    signal_evidence,
    signals,
    site_evidence,
)
from rules.model import Rule, RuleOptions, RuleResult


def _inventory(obs: AuditView) -> list[Channel]:
    """The merged channel inventory; an audit without walks has nothing to judge."""
    primary(obs)
    return list(obs.channels)


def _no_human_channel(obs: AuditView, opts: RuleOptions) -> RuleResult:
    channels = _inventory(obs)
    human = [ch for ch in channels if is_human_channel(ch)]
    if human:
        kinds = ", ".join(sorted({ch.kind for ch in human}))
        return RuleResult("pass", f"Direct human channel(s) found: {kinds}.")
    said_human = signals(obs, "human_chat")
    unknown_chats = [ch for ch in channels if ch.kind == "chat" and ch.human is None]
    if unknown_chats and said_human:
        return RuleResult("pass", "A chat is offered and the site says people answer it.")
    if unknown_chats:
        return RuleResult(
            "needs_review",
            "The only channel is a chat that does not say whether people answer it.",
            [channel_evidence(obs, ch) for ch in unknown_chats],
        )
    unowned = [ch for ch in obs.unowned if is_human_channel(ch) and ch.visible]
    if unowned:
        return RuleResult(
            "needs_review",
            f"{len(unowned)} human channel(s) are shown, but nothing says they are the "
            "brand's (they may belong to another organisation).",
            [channel_evidence(obs, ch, f"{ch.kind} {ch.value}: {ch.owner_why}") for ch in unowned],
        )
    bots = [ch for ch in channels if ch.kind == "chat"]
    others = [ch for ch in channels if ch.kind in ("postal", "social")]
    if bots:
        what = "only a bot"
    elif others:
        what = "only " + ", ".join(sorted({c.kind for c in others}))
    else:
        what = "nothing"
    evidence = [channel_evidence(obs, ch) for ch in bots + others] or [
        site_evidence(obs, "no phone, e-mail, form or messaging channel anywhere on the walk")
    ]
    return RuleResult(
        "fail",
        f"No phone, e-mail, form or messaging channel exists; the site offers {what}.",
        evidence,
    )


NO_HUMAN_CHANNEL = Rule(
    code="CFA003",
    slug="no-human-channel",
    title="A human channel exists",
    failure_title="No way to reach a human",
    impact="critical",
    category="human_reachability",
    description=(
        "Looks at the merged channel inventory of every viewport: passes when any phone, "
        "e-mail, contact form or messaging channel exists (or a chat the site says is "
        "answered by people); needs review when the only channel is a chat that says nothing "
        "about who answers; fails when there is only a bot, a postal address, social links "
        "or nothing."
    ),
    rationale=(
        "Bots resolve a small share of real problems. A complaint needs a person who can "
        "decide; a site that offers none leaves the customer no way to complain."
    ),
    how_to_fix=(
        "Publish at least one direct human channel — a phone line, an e-mail address or a "
        "contact form — and say on the chat widget how to reach a person."
    ),
    references=(refs.ECD_ART5, refs.CRD_ART6, refs.DSA_ART12, refs.ES_LEY_SAC, refs.ISO_10002),
    evaluate=_no_human_channel,
    tags=("channels", "absence"),
    needs=("channels",),
)


def _email_only(obs: AuditView, opts: RuleOptions) -> RuleResult:
    human = [ch for ch in _inventory(obs) if is_human_channel(ch)]
    if not human:
        return RuleResult("not_applicable", "No human channel at all (see no-human-channel).")
    kinds = {ch.kind for ch in human}
    if kinds == {"email"}:
        return RuleResult(
            "fail",
            "E-mail is the only human channel: no phone, form or messaging alternative.",
            [channel_evidence(obs, ch) for ch in human],
        )
    return RuleResult("pass", f"More than e-mail is offered: {', '.join(sorted(kinds))}.")


EMAIL_ONLY_CONTACT = Rule(
    code="CFA019",
    slug="email-only-contact",
    title="More than e-mail is offered",
    failure_title="E-mail is the only way to reach a person",
    impact="moderate",
    category="human_reachability",
    description=(
        "Fails when every direct human channel in the inventory is an e-mail address: no "
        "phone, contact form, messaging channel or staffed chat."
    ),
    rationale=(
        "The Court of Justice held that an e-mail address alone does not give 'rapid, "
        "direct and effective' communication: a trader must offer a second means, such as "
        "a phone line or an electronic enquiry form answered within a short time."
    ),
    how_to_fix="Add a contact form, a phone line or a messaging channel next to the e-mail.",
    references=(refs.ECD_ART5, refs.CJEU_C298_07, refs.DE_TMG_DDG_IMPRESSUM),
    evaluate=_email_only,
    tags=("channels",),
    needs=("channels",),
)


COSTLY = ("premium", "shared_cost")


def _premium_rate(obs: AuditView, opts: RuleOptions) -> RuleResult:
    phones = [ch for ch in _inventory(obs) if ch.kind == "phone"]
    costly = [ch for ch in phones if ch.cost in COSTLY]
    if costly:
        listed = ", ".join(f"{ch.value} ({ch.cost})" for ch in costly)
        return RuleResult(
            "fail",
            f"Support number(s) cost more than a basic-rate call: {listed}.",
            [channel_evidence(obs, ch, f"{ch.value}: {ch.cost}") for ch in costly],
        )
    # A costly number nothing attributes may be the brand's own line: never a pass on it.
    doubtful = [ch for ch in obs.unowned if ch.kind == "phone" and ch.cost in COSTLY and ch.visible]
    if doubtful:
        listed = ", ".join(f"{ch.value} ({ch.cost})" for ch in doubtful)
        return RuleResult(
            "needs_review",
            f"Number(s) that cost more than a basic-rate call are shown, but nothing says "
            f"whose they are: {listed}.",
            [
                channel_evidence(obs, ch, f"{ch.value}: {ch.cost}; {ch.owner_why}")
                for ch in doubtful
            ],
        )
    if not phones:
        return RuleResult("not_applicable", "No phone number was found.")
    return RuleResult("pass", f"{len(phones)} phone number(s), none premium-rate or shared-cost.")


PREMIUM_RATE_NUMBER = Rule(
    code="CFA008",
    slug="premium-rate-number",
    title="Support lines cost no more than a basic call",
    failure_title="Support uses a premium-rate or shared-cost number",
    impact="serious",
    category="human_reachability",
    description=(
        "Fails when a phone number in the inventory is classified premium-rate or "
        "shared-cost (for example ES 901/902, UK 084/087/09, DE 0900/0180). Needs review "
        "when such a number is shown but nothing says whose it is."
    ),
    rationale=(
        "Charging customers to complain makes complaining cost more than it is worth. EU "
        "law caps post-contract helplines at the basic rate; Spain's 2025 law bans "
        "shared-cost lines outright."
    ),
    how_to_fix="Offer a geographic, mobile or free-phone number for customer service.",
    references=(
        refs.CRD_ART21,
        refs.ES_RDL_1_2007_ART21,
        refs.ES_LEY_SAC,
        refs.DE_BGB_312A5,
        refs.UK_CCR_REG41,
    ),
    evaluate=_premium_rate,
    tags=("phone", "cost"),
    needs=("channels",),
)


def _no_human_guarantee(obs: AuditView, opts: RuleOptions) -> RuleResult:
    channels = _inventory(obs)
    human = [ch for ch in channels if is_human_channel(ch)]
    chats = [ch for ch in channels if ch.kind == "chat"]
    if not human and not chats:
        return RuleResult("not_applicable", "No channel at all (see no-human-channel).")
    voice = [ch for ch in channels if ch.kind == "phone"]
    staffed = [ch for ch in chats if ch.human is True]
    if voice or staffed or signals(obs, "human_chat"):
        kinds = "a phone line" if voice else "a chat answered by people"
        return RuleResult("pass", f"A customer can ask for a person through {kinds}.")
    bots = [ch for ch in chats if ch.human is False]
    bot_signals = signals(obs, "bot")
    if bots or bot_signals:
        walk_signals = [signal_evidence(w, s) for w, s in bot_signals]
        return RuleResult(
            "fail",
            "Service is automated (virtual assistant) and no phone or staffed chat lets the "
            "customer ask for a person.",
            [channel_evidence(obs, ch) for ch in bots] + walk_signals,
        )
    return RuleResult(
        "needs_review",
        "Only written channels: check that a person, not an automated system, answers them.",
        [channel_evidence(obs, ch) for ch in human + chats],
    )


NO_HUMAN_GUARANTEE = Rule(
    code="CFA023",
    slug="no-human-guarantee",
    title="Customers can ask for a person",
    failure_title="No right to a human agent",
    impact="serious",
    category="human_reachability",
    description=(
        "Under Spain's customer-service law, service may not be given only by machines or AI: "
        "the customer must be able to ask for a person. Passes with a phone line or a chat "
        "said to be staffed; fails when the site offers an automated assistant and no such "
        "channel; needs review when only written channels exist."
    ),
    rationale=(
        "A bot that cannot hand over to a person is the modern 'your call is important to "
        "us' loop: the customer can type forever and never reach someone who can decide."
    ),
    how_to_fix=(
        "Give a phone line or a staffed chat, and let the virtual assistant hand over to a "
        "person on request."
    ),
    references=(refs.ES_LEY_SAC,),
    evaluate=_no_human_guarantee,
    tags=("channels", "bot"),
    needs=("channels", "facts"),
)

RULES = (NO_HUMAN_CHANNEL, PREMIUM_RATE_NUMBER, EMAIL_ONLY_CONTACT, NO_HUMAN_GUARANTEE)
