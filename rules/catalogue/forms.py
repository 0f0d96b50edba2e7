"""Contact forms that make writing in harder than it needs to be."""

from __future__ import annotations

from dataclasses import dataclass

from auditor.derive import AuditView, WalkView
from auditor.models import FormFact, PageState
from rules.catalogue import refs
from rules.catalogue.lookup import page_evidence, primary
from rules.model import Evidence, Rule, RuleOptions, RuleResult

DEFAULT_MAX_REQUIRED_FIELDS = 6


@dataclass(frozen=True)
class SeenForm:
    walk: WalkView
    page: PageState
    form: FormFact

    def evidence(self, snippet: str) -> Evidence:
        return page_evidence(self.walk, self.page, snippet, self.form.selector)


def contact_forms(obs: AuditView) -> list[SeenForm]:
    """Contact forms, once per (page, form id), primary viewport first."""
    walk = primary(obs)
    ordered = [walk, *(w for w in obs.walks if w is not walk)]
    seen: set[tuple[str, str]] = set()
    out: list[SeenForm] = []
    for w in ordered:
        for page in w.pages:
            facts = w.facts_of(page.url)
            for form in facts.forms if facts else []:
                key = (page.url, form.id)
                if key not in seen and form.role == "contact":
                    seen.add(key)
                    out.append(SeenForm(w, page, form))
    return out


def _captcha(obs: AuditView, opts: RuleOptions) -> RuleResult:
    forms = contact_forms(obs)
    if not forms:
        return RuleResult("not_applicable", "No contact form was found.")
    hard = [f for f in forms if f.form.captcha and f.form.captcha != "turnstile"]
    soft = [f for f in forms if f.form.captcha == "turnstile"]
    if len(hard) == len(forms):
        return RuleResult(
            "fail",
            f"Every contact form is guarded by a CAPTCHA ({hard[0].form.captcha}).",
            [f.evidence(f"CAPTCHA: {f.form.captcha}") for f in hard],
        )
    if hard or soft:
        flagged = hard + soft
        return RuleResult(
            "needs_review",
            f"{len(flagged)} of {len(forms)} contact form(s) carry a CAPTCHA; check it does "
            "not block people with disabilities.",
            [f.evidence(f"CAPTCHA: {f.form.captcha}") for f in flagged],
        )
    return RuleResult("pass", f"{len(forms)} contact form(s), none with a CAPTCHA.")


CONTACT_FORM_CAPTCHA = Rule(
    code="CFA013",
    slug="contact-form-captcha",
    title="Contact forms have no CAPTCHA",
    failure_title="Contact form is guarded by a CAPTCHA",
    impact="moderate",
    category="human_reachability",
    description=(
        "Fails when every contact form carries a visible CAPTCHA (reCAPTCHA, hCaptcha or "
        "another challenge); needs review when only some do, or when the CAPTCHA is a "
        "usually invisible one (Cloudflare Turnstile)."
    ),
    rationale=(
        "CAPTCHAs stop a share of real people — especially older and disabled customers "
        "— at the last step before the complaint is sent."
    ),
    how_to_fix=(
        "Filter spam on the server (honeypot fields, rate limits) instead of challenging "
        "the customer; offer an accessible alternative channel next to the form."
    ),
    references=(refs.ISO_10002, refs.UK_CONSUMER_DUTY),
    evaluate=_captcha,
    tags=("form",),
    needs=("walks",),
)


def _too_many_fields(obs: AuditView, opts: RuleOptions) -> RuleResult:
    forms = contact_forms(obs)
    if not forms:
        return RuleResult("not_applicable", "No contact form was found.")
    limit = int(opts.threshold("max_required_fields", DEFAULT_MAX_REQUIRED_FIELDS))
    easiest = min(forms, key=lambda f: f.form.required)
    fewest = easiest.form.required
    if fewest > limit:
        names = ", ".join(easiest.form.required_labels)
        return RuleResult(
            "fail",
            f"The simplest contact form demands {fewest} required fields (limit {limit}).",
            [easiest.evidence(f"required: {names}")],
            measure=float(fewest),
        )
    return RuleResult(
        "pass",
        f"A contact form needs {fewest} required field(s) (limit {limit}).",
        measure=float(fewest),
    )


CONTACT_FORM_TOO_MANY_FIELDS = Rule(
    code="CFA014",
    slug="contact-form-too-many-fields",
    title="Contact form asks only what it needs",
    failure_title="Contact form demands too many fields",
    impact="moderate",
    category="human_reachability",
    description=(
        "Counts the visible required inputs of each contact form and fails when even the "
        "simplest form asks more than `max_required_fields` (default 6). The count is "
        "scored on the profile's curve."
    ),
    rationale=(
        "Every mandatory field (contract number, date of birth, category, sub-category…) is "
        "a chance to give up; long forms are a classic sludge tactic."
    ),
    how_to_fix="Require only a name, a way to reply and the message; make the rest optional.",
    references=(refs.ISO_10002, refs.UK_CONSUMER_DUTY),
    evaluate=_too_many_fields,
    tags=("form",),
    needs=("walks",),
)

RULES = (CONTACT_FORM_CAPTCHA, CONTACT_FORM_TOO_MANY_FIELDS)
