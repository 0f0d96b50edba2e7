"""The complaint route and what lies beyond it: procedure, escalation, ADR, ODR."""

from __future__ import annotations

from auditor.derive import AuditView
from rules.catalogue import refs
from rules.catalogue.lookup import (
    as_date,
    milestone,
    milestone_evidence,
    require_facts,
    signal_evidence,
    signals,
    site_evidence,
    typed_review,
)
from rules.model import Rule, RuleOptions, RuleResult

ODR_CLOSED = "2025-07-20"


def _no_complaint_procedure(obs: AuditView, opts: RuleOptions) -> RuleResult:
    m = milestone(obs, "complaint")
    typed = typed_review(obs, m, "The complaint procedure")
    if typed is not None:
        return typed
    if m.reached and m.clicks is not None:
        return RuleResult(
            "pass",
            f"The complaint procedure is {m.clicks} click(s) from the start page.",
            measure=float(m.clicks),
        )
    return RuleResult(
        "fail",
        "No page or section tells the customer how to complain.",
        [site_evidence(obs, "no complaints procedure, complaint form or complaint sheet found")],
    )


NO_COMPLAINT_PROCEDURE = Rule(
    code="CFA009",
    slug="no-complaint-procedure",
    title="A complaint procedure is published",
    failure_title="No way to complain is published",
    impact="critical",
    category="complaint_path",
    description=(
        "Fails when the complaint milestone is not reached: no page or visible section "
        "explains how to complain (complaints procedure, complaint form, official complaint "
        "sheets, 'Beschwerde', 'réclamation', 'פניות הציבור'…). The clicks to it are scored "
        "on the profile's curve."
    ),
    rationale=(
        "A complaint is not a support question: it needs a named procedure, a record and "
        "a deadline. Without one, complaints vanish into general support queues."
    ),
    how_to_fix=(
        "Publish a complaints page, linked from the contact page and the footer: how to "
        "complain, what happens next, by when, and where to escalate."
    ),
    references=(refs.ISO_10002, refs.UK_DISP1, refs.ES_HOJAS, refs.ES_LEY_SAC),
    evaluate=_no_complaint_procedure,
    tags=("complaint", "absence", "clicks"),
    needs=("milestones",),
)


def _no_escalation_path(obs: AuditView, opts: RuleOptions) -> RuleResult:
    m = milestone(obs, "escalation")
    typed = typed_review(obs, m, "An escalation route")
    if typed is not None:
        return typed
    if m.reached and m.clicks is not None:
        return RuleResult(
            "pass",
            f"An escalation route is named {m.clicks} click(s) from the start page.",
            [milestone_evidence(obs, m)],
            measure=float(m.clicks),
        )
    stale = signals(obs, "odr_link", visible_only=False)
    note = " (an EU ODR link does not count: the platform closed)" if stale else ""
    return RuleResult(
        "fail",
        f"No ombudsman, ADR body, regulator or internal escalation is named{note}.",
        [site_evidence(obs, "no escalation route found")],
    )


NO_ESCALATION_PATH = Rule(
    code="CFA010",
    slug="no-escalation-path",
    title="An escalation route is named",
    failure_title="No escalation route beyond first-line support",
    impact="serious",
    category="escalation",
    description=(
        "Fails when the escalation milestone is not reached: the site names no ombudsman, "
        "ADR body or consumer mediator, arbitration scheme, regulator, or internal "
        "escalation (manager, complaints officer). A link to the closed EU ODR platform "
        "does not count."
    ),
    rationale=(
        "When first-line support says no, the customer needs to know where to go next; "
        "hiding the ombudsman keeps disputes inside the company's own queue."
    ),
    how_to_fix=(
        "Name the ADR body or ombudsman (with its website) on the complaints page, and say "
        "how to escalate internally first."
    ),
    references=(refs.ADR_DIRECTIVE_ART13, refs.FR_L612_1, refs.UK_DISP1, refs.ISO_10002),
    evaluate=_no_escalation_path,
    tags=("escalation", "absence", "clicks"),
    needs=("milestones",),
)


def _stale_odr(obs: AuditView, opts: RuleOptions) -> RuleResult:
    require_facts(obs)
    found = signals(obs, "odr_link", visible_only=False)
    if not found:
        return RuleResult("not_applicable", "The site does not link the EU ODR platform.")
    if as_date(opts.as_of) < as_date(ODR_CLOSED):
        return RuleResult(
            "pass",
            f"An ODR link was still expected on {opts.as_of} (platform open until 2025-07-19).",
        )
    return RuleResult(
        "fail",
        "The site still points customers to the EU ODR platform, closed on 20 July 2025.",
        [signal_evidence(w, s) for w, s in found],
    )


STALE_ODR_LINK = Rule(
    code="CFA011",
    slug="stale-odr-link",
    title="No link to the closed EU ODR platform",
    failure_title="Links to the closed EU ODR platform",
    impact="moderate",
    category="escalation",
    description=(
        "Fails, when judged on or after 2025-07-20, if the site links the EU online dispute "
        "resolution platform (ec.europa.eu/consumers/odr). Before that date the link was "
        "required and passes; without an ODR link the rule does not apply."
    ),
    rationale=(
        "The ODR platform stopped taking complaints on 20 March 2025 and closed on 20 July "
        "2025. A remaining link sends the customer's escalation into a dead end."
    ),
    how_to_fix="Remove the ODR link and name the competent ADR body or ombudsman instead.",
    references=(refs.ODR_ART14, refs.ODR_REPEAL),
    evaluate=_stale_odr,
    tags=("escalation", "odr"),
    needs=("facts",),
)


def _adr_refusal(obs: AuditView, opts: RuleOptions) -> RuleResult:
    require_facts(obs)
    found = signals(obs, "adr_refusal", visible_only=False)
    if found:
        return RuleResult(
            "fail",
            "The site states that it will not take part in consumer dispute resolution.",
            [signal_evidence(w, s) for w, s in found],
        )
    return RuleResult("pass", "No refusal to take part in consumer ADR was found.")


ADR_REFUSAL = Rule(
    code="CFA021",
    slug="adr-refusal",
    title="No refusal of consumer ADR",
    failure_title="Refuses consumer dispute resolution",
    impact="moderate",
    category="escalation",
    description=(
        "Fails when a page states that the trader is neither willing nor obliged to take "
        "part in dispute resolution before a consumer arbitration board (e.g. 'Wir sind "
        "nicht bereit … an einem Streitbeilegungsverfahren … teilzunehmen')."
    ),
    rationale=(
        "Refusing ADR leaves court as the only escalation, which costs more than most "
        "complaints are worth. German law allows the refusal but requires it to be stated; "
        "France requires free access to a mediator."
    ),
    how_to_fix="Join a recognised consumer ADR scheme and name it on the complaints page.",
    references=(refs.DE_VSBG_36, refs.FR_L612_1, refs.ADR_DIRECTIVE_ART13),
    evaluate=_adr_refusal,
    tags=("escalation", "adr"),
    needs=("facts",),
)


def _no_adr_statement(obs: AuditView, opts: RuleOptions) -> RuleResult:
    require_facts(obs)
    stated = signals(obs, "adr_refusal", visible_only=False) + signals(
        obs, "escalation_body", visible_only=False
    )
    if stated:
        sig = stated[0][1]
        return RuleResult("pass", f"The site makes an ADR statement: '{sig.value}' ({sig.url}).")
    return RuleResult(
        "fail",
        "No statement says whether the trader takes part in consumer dispute resolution.",
        [site_evidence(obs, "no Verbraucherschlichtung statement found")],
    )


NO_ADR_STATEMENT = Rule(
    code="CFA022",
    slug="no-adr-statement",
    title="States whether it takes part in consumer ADR",
    failure_title="No statement on consumer ADR (VSBG §36)",
    impact="moderate",
    category="transparency",
    description=(
        "German traders must say on their website, in their terms, whether they are "
        "willing or obliged to take part in consumer dispute resolution. Passes when a "
        "refusal statement or a named ADR body is found; fails otherwise."
    ),
    rationale=(
        "Without the statement the customer cannot know whether escalation to a "
        "Verbraucherschlichtungsstelle is open, and the trader breaks VSBG §36."
    ),
    how_to_fix=(
        "Add the VSBG §36 statement to the Impressum or terms: willing/obliged or not, "
        "and the competent Verbraucherschlichtungsstelle with its address and website."
    ),
    references=(refs.DE_VSBG_36,),
    evaluate=_no_adr_statement,
    tags=("escalation", "adr", "absence"),
    needs=("facts",),
)

RULES = (
    NO_COMPLAINT_PROCEDURE,
    NO_ESCALATION_PATH,
    STALE_ODR_LINK,
    ADR_REFUSAL,
    NO_ADR_STATEMENT,
)
