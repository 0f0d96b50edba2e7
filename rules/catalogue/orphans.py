"""Support pages the site publishes but does not link: listed in a sitemap, found by no menu."""

from __future__ import annotations

from auditor.derive import AuditView
from auditor.models import Budget
from rules.catalogue import refs
from rules.catalogue.lookup import milestone, page_evidence, primary
from rules.model import Evidence, Rule, RuleOptions, RuleResult

WHAT = {"contact": "contact page", "complaint": "complaint procedure"}


def _support_page_orphaned(obs: AuditView, opts: RuleOptions) -> RuleResult:
    walk = primary(obs)
    static = obs.obs.static
    if static is None:
        return RuleResult("not_applicable", "The static tier did not run: no sitemap was read.")
    found = walk.orphan_milestones()
    evidence: list[Evidence] = []
    missing: list[str] = []
    for name in ("contact", "complaint"):
        if milestone(obs, name).reached or not found[name]:
            continue
        missing.append(WHAT[name])
        for url in found[name]:
            listed = static.listed_in(url) or "a sitemap"
            page = next(p for p in walk.pages if p.url == url)
            evidence.append(
                page_evidence(
                    walk,
                    page,
                    f"the {WHAT[name]} is listed in {listed}, but no visible link of the "
                    "walk leads to it",
                )
            )
    if not evidence:
        orphans = len(walk.orphans())
        if orphans:
            return RuleResult(
                "pass",
                f"{orphans} sitemap-only page(s), but the contact page and the complaint "
                "procedure are reached through visible links.",
            )
        return RuleResult("pass", "No contact or complaint page exists only in the sitemap.")
    verb = "exist" if len(missing) > 1 else "exists"
    message = (
        f"The {' and the '.join(missing)} {verb} only as sitemap entries: "
        "no visible link of the walk reaches them."
    )
    if Budget.PAGES in walk.budget_exhausted or Budget.TIME in walk.budget_exhausted:
        # A bounded walk may not have reached the page that links to it.
        return RuleResult("needs_review", message + " (the walk was bounded)", evidence)
    return RuleResult("fail", message, evidence)


SUPPORT_PAGE_ORPHANED = Rule(
    code="CFA032",
    slug="support-page-orphaned",
    title="Contact and complaint pages are linked, not only listed",
    failure_title="The complaint procedure or contact page exists only in the sitemap",
    impact="serious",
    category="findability",
    description=(
        "Fails when the contact page or the complaint procedure exists on the site (the "
        "browser loaded it because the sitemap lists it) but no visible link of the walk "
        "reaches it from the start page, and the journey reaches no other contact page or "
        "complaint procedure. The sitemap entry is the evidence. Needs review when the "
        "walk ran out of pages or time first; not applicable when no sitemap was read."
    ),
    rationale=(
        "A procedure a search engine can find but a customer cannot click to is not "
        "'easily, directly and permanently accessible': publishing it only in the "
        "sitemap satisfies the letter of a duty while keeping complaints down."
    ),
    how_to_fix=(
        "Link the contact page and the complaint procedure from the site's navigation or "
        "footer and from the help centre."
    ),
    references=(refs.ECD_ART5, refs.ISO_10002),
    evaluate=_support_page_orphaned,
    tags=("findability", "sitemap"),
    needs=("walks",),
)

RULES = (SUPPORT_PAGE_ORPHANED,)
