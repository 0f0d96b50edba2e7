"""Journey links that fail: HTTP errors, redirect loops, pages hidden from robots."""

from __future__ import annotations

from auditor.derive import AuditView, WalkView
from auditor.models import DeadEnd, LinkCheck, PageError, PageState
from auditor.observe.facts import UnknownAnswer, unknown_answer
from auditor.observe.pagekind import not_found_words
from rules.catalogue import refs
from rules.catalogue.lookup import page_evidence, primary
from rules.model import Evidence, Rule, RuleOptions, RuleResult

INDEXED_KINDS = frozenset({"contact", "complaint", "escalation"})


def _broken(status: int | None, error: str | None) -> bool:
    """An HTTP error or a failed load; a redirect loop is its own rule (redirect-loop)."""
    return (status is not None and status >= 400) or (
        bool(error) and error != PageError.REDIRECT_LOOP
    )


def _check_broken(check: LinkCheck, unknown: UnknownAnswer | None) -> str | None:
    """What is wrong with a link checked without the browser, or None when it works."""
    if _broken(check.status, check.error):
        return check.error or f"HTTP {check.status}"
    if check.status is None or check.status >= 300:
        return None
    words = not_found_words(check.title, check.heading)
    if words:
        return f"HTTP {check.status} but the page says '{words[:120]}'"
    if unknown is not None and unknown.matches(check.title, check.heading):
        heading = unknown.heading[:120]
        return f"HTTP {check.status} but it answers as a made-up address does: '{heading}'"
    return None


def _page_broken(walk: WalkView, page: PageState) -> str | None:
    """What is wrong with a walked page a journey link led to, or None when it works: an
    HTTP error, a failed load, or a page that answered 200 but says it does not exist."""
    if _broken(page.status, page.error):
        return page.error or f"HTTP {page.status}"
    facts = walk.facts_of(page.url)
    if facts is not None and facts.dead_end == DeadEnd.NOT_FOUND:
        words = facts.dead_end_evidence or "not found"
        return f"HTTP {page.status or 200} but the page says '{words[:120]}'"
    return None


def _check_evidence(walk: WalkView, check: LinkCheck, what: str) -> Evidence:
    """A link checked without the browser, where it was and what it answered."""
    return Evidence(
        url=check.url,
        viewport=walk.viewport,
        snippet=f"'{check.label}' on {check.source} → {what}",
        path=list(walk.paths.get(check.source, [])),
    )


def _contact_link_broken(obs: AuditView, opts: RuleOptions) -> RuleResult:
    primary(obs)
    evidence: list[Evidence] = []
    unseen: dict[str, Evidence] = {}  # answered "slow down" to every retry: not checked
    checked = 0
    seen: set[str] = set()
    for walk in obs.walks:
        unknown = unknown_answer(walk.raw)
        for check in walk.link_checks:
            if check.rate_limited:
                unseen.setdefault(check.url, _check_evidence(walk, check, f"HTTP {check.status}"))
            if check.redirect_loop or check.rate_limited:
                continue  # a loop has its own rule; "slow down" (429) is not "broken"
            checked += 1
            what = _check_broken(check, unknown)
            if what is not None and check.url not in seen:
                seen.add(check.url)
                evidence.append(_check_evidence(walk, check, what))
        for page in walk.pages:
            hops = [e for e in walk.edges if e.target in (page.requested_url, page.url)]
            journey = [e for e in hops if walk.edge_intents(e)]
            if not journey:
                continue
            if page.rate_limited:
                # "slow down" after every retry: not seen, not broken
                label = journey[0].label
                unseen.setdefault(
                    page.requested_url,
                    page_evidence(
                        walk, page, f"'{label}' → HTTP {page.status}", journey[0].selector
                    ),
                )
                continue
            checked += 1
            what = _page_broken(walk, page)
            if what is not None and page.requested_url not in seen:
                seen.add(page.requested_url)
                label = journey[0].label
                evidence.append(
                    page_evidence(walk, page, f"'{label}' → {what}", journey[0].selector)
                )
    if evidence:
        return RuleResult(
            "fail",
            f"{len(evidence)} link(s) promising contact, help or complaints are broken.",
            evidence,
        )
    if unseen:
        # A link that never answered but "slow down" may be broken: no "all work" on it.
        return RuleResult(
            "needs_review",
            f"{checked} contact, help and complaint link(s) checked work, but {len(unseen)} "
            "answered 'slow down' (HTTP 429/503) to every retry and could not be checked.",
            list(unseen.values())[:5],
        )
    if not checked:
        return RuleResult(
            "not_applicable", "No contact, help or complaint link was found to check."
        )
    return RuleResult("pass", f"All {checked} contact, help and complaint link(s) checked work.")


CONTACT_LINK_BROKEN = Rule(
    code="CFA005",
    slug="contact-link-broken",
    title="Contact and complaint links work",
    failure_title="A contact or complaint link is broken",
    impact="serious",
    category="reliability",
    description=(
        "Fails when a link whose label or URL promises contact, help, a complaint, "
        "escalation or cancellation answers with an HTTP error (4xx/5xx), fails to load "
        "(timeout, network error), or answers with success but shows a 'page not found' "
        "page (a soft 404: the title or main heading says the page does not exist, as "
        "single-page apps do for every unknown address, or, in any language, they are "
        "those of the site's answer to a made-up address). Redirect loops are reported by "
        "`redirect-loop`; a link that answers 'slow down' (HTTP 429/503) to every retry "
        "could not be checked and needs review."
    ),
    rationale=(
        "A dead 'Contact us' link is a dead end at the exact moment a customer needs help; "
        "whether by neglect or design, it stops complaints."
    ),
    how_to_fix="Fix or redirect the link to a working contact page; monitor support links.",
    references=(refs.ECD_ART5, refs.ISO_10002),
    evaluate=_contact_link_broken,
    tags=("links",),
    needs=("walks", "link_checks"),
)


def _redirect_loop(obs: AuditView, opts: RuleOptions) -> RuleResult:
    primary(obs)
    evidence: list[Evidence] = []
    seen: set[str] = set()
    for walk in obs.walks:
        for check in walk.link_checks:
            if check.redirect_loop and check.url not in seen:
                seen.add(check.url)
                evidence.append(
                    Evidence(
                        url=check.url,
                        viewport=walk.viewport,
                        snippet=f"'{check.label}' on {check.source} redirects in a loop",
                    )
                )
        for page in walk.pages:
            if page.error == PageError.REDIRECT_LOOP and page.requested_url not in seen:
                seen.add(page.requested_url)
                chain = " → ".join(page.redirect_chain[:6]) or page.requested_url
                evidence.append(page_evidence(walk, page, f"redirect loop: {chain}"))
    if evidence:
        return RuleResult("fail", f"{len(evidence)} journey link(s) redirect in a loop.", evidence)
    return RuleResult("pass", "No journey link redirects in a loop.")


REDIRECT_LOOP = Rule(
    code="CFA006",
    slug="redirect-loop",
    title="No redirect loops on the journey",
    failure_title="A journey link redirects in a loop",
    impact="serious",
    category="reliability",
    description=(
        "Fails when a walked page or a checked support link redirects in a cycle (the "
        "browser gives up with too many redirects)."
    ),
    rationale="A redirect loop is a page that never loads: the customer sees an error instead.",
    how_to_fix="Break the cycle in the server's redirects; point the link at the final URL.",
    references=(refs.ECD_ART5, refs.ISO_10002),
    evaluate=_redirect_loop,
    tags=("links",),
    needs=("walks", "link_checks"),
)


def _noindex(obs: AuditView, opts: RuleOptions) -> RuleResult:
    primary(obs)
    evidence: list[Evidence] = []
    relevant = 0
    for walk in obs.walks:
        for page in walk.pages:
            facts = walk.facts_of(page.url)
            if facts is None or facts.kind not in INDEXED_KINDS:
                continue
            relevant += 1
            if "noindex" in page.meta_robots.lower():
                evidence.append(
                    page_evidence(walk, page, f"{facts.kind} page: robots '{page.meta_robots}'")
                )
        for url in walk.skipped_by_robots:
            if walk.url_intents(url) & INDEXED_KINDS:
                relevant += 1
                evidence.append(
                    Evidence(url=url, viewport=walk.viewport, snippet="disallowed by robots.txt")
                )
    if evidence:
        unique = list({(e.url, e.snippet): e for e in evidence}.values())
        return RuleResult(
            "fail",
            f"{len(unique)} contact or complaint page(s) are excluded from search engines.",
            unique,
        )
    if not relevant:
        return RuleResult("not_applicable", "No contact or complaint page was seen.")
    return RuleResult("pass", "Contact and complaint pages may be indexed by search engines.")


CONTACT_PAGE_NOINDEX = Rule(
    code="CFA017",
    slug="contact-page-noindex-or-robots",
    title="Contact pages can be found by search",
    failure_title="Contact page hidden from search engines",
    impact="minor",
    category="findability",
    description=(
        "Fails when a page the observers classify as contact, complaint or escalation "
        "carries `noindex` (meta robots or X-Robots-Tag), or when robots.txt disallows a "
        "URL whose words promise contact or complaints (the walk then could not open it)."
    ),
    rationale=(
        "Many customers search 'brand complaints' rather than navigate. Excluding the "
        "contact page from search engines removes the shortest way to it."
    ),
    how_to_fix="Remove `noindex` and robots.txt disallow rules from contact and complaint pages.",
    references=(refs.ECD_ART5, refs.OECD_ECOMMERCE),
    evaluate=_noindex,
    tags=("robots",),
    needs=("walks", "facts"),
)

RULES = (CONTACT_LINK_BROKEN, REDIRECT_LOOP, CONTACT_PAGE_NOINDEX)
