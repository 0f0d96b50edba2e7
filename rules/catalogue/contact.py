"""Findability of contact: how many clicks, how prominent, and the same on every screen."""

from __future__ import annotations

from auditor.derive import AuditView
from rules.catalogue import refs
from rules.catalogue.lookup import (
    channel_evidence,
    is_human_channel,
    milestone,
    milestone_evidence,
    primary,
    site_evidence,
    typed_review,
)
from rules.model import Evidence, Rule, RuleOptions, RuleResult

DEFAULT_MAX_CONTACT_CLICKS = 3
DEFAULT_MAX_VIEWPORT_GAP = 2


def _contact_too_deep(obs: AuditView, opts: RuleOptions) -> RuleResult:
    limit = int(opts.threshold("max_contact_clicks", DEFAULT_MAX_CONTACT_CLICKS))
    m = milestone(obs, "contact")
    typed = typed_review(obs, m, "A human channel")
    if typed is not None:
        return typed
    if not m.reached or m.clicks is None:
        return RuleResult(
            "fail",
            "No direct human channel was reached at all on the walk.",
            [site_evidence(obs, "no phone, e-mail, form or messaging channel became visible")],
        )
    if m.clicks > limit:
        return RuleResult(
            "fail",
            f"The first human channel takes {m.clicks} clicks; the profile allows {limit}.",
            [milestone_evidence(obs, m, f"{m.clicks} clicks from the start page")],
            measure=float(m.clicks),
        )
    return RuleResult(
        "pass",
        f"A human channel is {m.clicks} click(s) from the start page (limit {limit}).",
        measure=float(m.clicks),
    )


CONTACT_TOO_DEEP = Rule(
    code="CFA001",
    slug="contact-too-deep",
    title="Contact is within reach",
    failure_title="Contact is too many clicks deep",
    impact="serious",
    category="findability",
    description=(
        "Counts the clicks from the start page to the first visible direct human channel "
        "(phone, e-mail, contact form, messaging, or a chat said to be staffed by people) "
        "along the shortest path the walk found, and fails when it exceeds the profile's "
        "`max_contact_clicks` (default 3) or when no such channel is reached at all."
    ),
    rationale=(
        "Every extra click through help centres, categories and articles loses customers "
        "who wanted to talk to someone: depth is the most common form of sludge. Contact "
        "details must be 'easily, directly and permanently accessible'."
    ),
    how_to_fix=(
        "Put a 'Contact us' link in the header or main navigation of every page, leading "
        "straight to a page that shows a phone number, e-mail address or form."
    ),
    references=(refs.ECD_ART5, refs.CRD_ART6, refs.OECD_ECOMMERCE, refs.ISO_10002),
    evaluate=_contact_too_deep,
    tags=("clicks", "absence"),
    needs=("milestones",),
)


def _contact_hidden(obs: AuditView, opts: RuleOptions) -> RuleResult:
    m = milestone(obs, "contact")
    if not m.reached or m.clicks is None:
        return RuleResult("not_applicable", "No human channel was reached, so none is hidden.")
    typed = typed_review(obs, m, "A human channel")
    if typed is not None:
        return typed
    reasons = "; ".join(m.hidden_reasons) or "every path passes a low-prominence control"
    if m.prominent_clicks is None:
        return RuleResult(
            "fail",
            f"Every path to a human channel goes through a low-prominence control: {reasons}.",
            [milestone_evidence(obs, m, reasons)],
        )
    limit = int(opts.threshold("max_contact_clicks", DEFAULT_MAX_CONTACT_CLICKS))
    if m.prominent_clicks > limit >= m.clicks:
        return RuleResult(
            "needs_review",
            f"Only a low-prominence shortcut keeps contact within {limit} clicks "
            f"({reasons}); the prominent route takes {m.prominent_clicks}.",
            [milestone_evidence(obs, m, reasons)],
            measure=float(m.prominent_clicks),
        )
    return RuleResult(
        "pass",
        f"A prominent path reaches a human channel in {m.prominent_clicks} click(s).",
        measure=float(m.prominent_clicks),
    )


CONTACT_HIDDEN = Rule(
    code="CFA002",
    slug="contact-hidden",
    title="A prominent path leads to contact",
    failure_title="Contact is hidden behind low-prominence controls",
    impact="serious",
    category="findability",
    description=(
        "Human channels exist, but every path to one passes a low-prominence control: tiny "
        "or low-contrast text, a link only in the footer or legal notice, a hover-only or "
        "collapsed menu on desktop, a closed accordion, or a channel that needs an extra "
        "action to show. On mobile, the hamburger menu in the header is expected and does "
        "not count against the path."
    ),
    rationale=(
        "A channel that exists but cannot be seen works like no channel for most visitors. "
        "Burying contact in 8-pixel footer text or behind a 'Still need help?' accordion is "
        "a deliberate friction pattern."
    ),
    how_to_fix=(
        "Link contact from the header or main content in normal-size, high-contrast text; "
        "show phone and e-mail on the contact page without accordions."
    ),
    references=(refs.ECD_ART5, refs.DSA_ART25, refs.OECD_ECOMMERCE),
    evaluate=_contact_hidden,
    tags=("prominence",),
    needs=("milestones",),
)


def _channels_differ(obs: AuditView, opts: RuleOptions) -> RuleResult:
    walked = [w.viewport for w in obs.walks]
    if len(walked) < 2:
        return RuleResult("not_applicable", "Only one viewport was walked.")
    primary(obs)
    gap_limit = int(opts.threshold("max_viewport_click_gap", DEFAULT_MAX_VIEWPORT_GAP))
    missing: list[Evidence] = []
    gaps: list[Evidence] = []
    for ch in obs.channels:
        if not is_human_channel(ch):
            continue
        counts = {vp: ch.clicks_by_viewport.get(vp) for vp in walked}
        seen = {vp: c for vp, c in counts.items() if c is not None}
        label = ", ".join(f"{vp}: {'-' if c is None else c}" for vp, c in counts.items())
        if seen and len(seen) < len(counts):
            absent = ", ".join(vp for vp in walked if vp not in seen)
            note = f"{ch.kind} {ch.value} ({label}) — not shown on {absent}"
            missing.append(channel_evidence(obs, ch, note))
        elif seen and max(seen.values()) - min(seen.values()) > gap_limit:
            gaps.append(channel_evidence(obs, ch, f"{ch.kind} {ch.value} ({label})"))
    contact_by_vp = {
        w.viewport: w.milestones["contact"].reached for w in obs.walks if "contact" in w.milestones
    }
    if len(set(contact_by_vp.values())) > 1:
        lost = [vp for vp, ok in contact_by_vp.items() if not ok]
        missing.append(site_evidence(obs, f"contact milestone not reached on {', '.join(lost)}"))
    if missing:
        return RuleResult(
            "fail",
            f"{len(missing)} human channel(s) show on one layout but not the other.",
            missing,
        )
    if gaps:
        return RuleResult(
            "needs_review",
            f"{len(gaps)} channel(s) take over {gap_limit} more clicks on one layout.",
            gaps,
        )
    return RuleResult("pass", "Desktop and mobile layouts show the same human channels.")


CHANNELS_DIFFER_BY_VIEWPORT = Rule(
    code="CFA015",
    slug="channels-differ-by-viewport",
    title="Desktop and mobile offer the same channels",
    failure_title="Channels differ between desktop and mobile",
    impact="moderate",
    category="findability",
    description=(
        "Compares the channel inventory of the desktop and mobile walks: fails when a phone, "
        "e-mail, form or messaging channel (or the contact milestone itself) is visible on one "
        "layout and never on the other; needs review when a channel takes more than "
        "`max_viewport_click_gap` (default 2) extra clicks on one layout."
    ),
    rationale=(
        "Most customers complain from a phone. Contact details dropped from the mobile "
        "layout, or shown only there, silently remove a channel for half the audience."
    ),
    how_to_fix=(
        "Render the same contact block on every breakpoint; test the mobile menu and footer "
        "with the same checklist as the desktop layout."
    ),
    references=(refs.ECD_ART5, refs.OECD_ECOMMERCE),
    evaluate=_channels_differ,
    tags=("viewport",),
    needs=("channels", "walks"),
)

RULES = (CONTACT_TOO_DEEP, CONTACT_HIDDEN, CHANNELS_DIFFER_BY_VIEWPORT)
