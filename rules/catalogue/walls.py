"""Sign-in walls on the support journey: a complaint must not need an account."""

from __future__ import annotations

from dataclasses import dataclass

from auditor.derive import AuditView, WalkView
from auditor.models import DeadEnd, PageState
from rules.catalogue import refs
from rules.catalogue.lookup import facts_of, milestone, page_evidence, primary
from rules.model import Evidence, Rule, RuleOptions, RuleResult

WALLED_INTENTS = frozenset({"contact", "complaint", "cancel"})


@dataclass(frozen=True)
class WalledLink:
    walk: WalkView
    page: PageState
    label: str
    intents: frozenset[str]

    def evidence(self) -> Evidence:
        why = "/".join(sorted(self.intents))
        return page_evidence(
            self.walk,
            self.page,
            f"'{self.label}' ({why}) ends at a sign-in page",
        )


def _is_sign_in(walk: WalkView, page: PageState) -> bool:
    facts = facts_of(walk, page.url)
    return facts is not None and (facts.dead_end == DeadEnd.LOGIN_WALL or facts.kind == "login")


def walled_links(obs: AuditView) -> list[WalledLink]:
    """Journey links (by label or URL words) whose target is a sign-in page."""
    primary(obs)
    found: list[WalledLink] = []
    for walk in obs.walks:
        for page in walk.pages:
            if not _is_sign_in(walk, page):
                continue
            targets = {page.url, page.requested_url, *page.redirect_chain}
            hops = [e for e in walk.edges if e.target in targets]
            for edge in hops:
                wanted = walk.edge_intents(edge) & WALLED_INTENTS
                if wanted:
                    found.append(WalledLink(walk, page, edge.label, frozenset(wanted)))
            if not hops and page.requested_url != page.url:
                wanted = walk.url_intents(page.requested_url) & WALLED_INTENTS
                if wanted:
                    label = page.requested_url
                    found.append(WalledLink(walk, page, label, frozenset(wanted)))
    return found


def _login_wall(obs: AuditView, opts: RuleOptions) -> RuleResult:
    walled = walled_links(obs)
    if walled:
        labels = ", ".join(sorted({f"'{w.label}'" for w in walled}))
        return RuleResult(
            "fail",
            f"{len(walled)} contact, complaint or cancellation link(s) end at a sign-in page: "
            f"{labels}.",
            [w.evidence() for w in walled],
        )
    return RuleResult("pass", "No contact, complaint or cancellation path ends at a sign-in page.")


LOGIN_WALL = Rule(
    code="CFA004",
    slug="login-wall",
    title="Support paths are open without an account",
    failure_title="A support path ends at a sign-in page",
    impact="serious",
    category="human_reachability",
    description=(
        "Fails when a link whose label or URL promises contact, a complaint or a "
        "cancellation lands on a sign-in page (a login wall redirect, or a page the "
        "observers classify as a login page)."
    ),
    rationale=(
        "People who forgot a password, never had an account or already left cannot sign "
        "in, and those are often the people with the strongest complaints. German courts "
        "held that a cancellation button behind a login breaks §312k BGB."
    ),
    how_to_fix=(
        "Serve contact, complaint and cancellation pages without a login; identify the "
        "customer inside the form instead (customer number, e-mail)."
    ),
    references=(refs.DE_BGB_312K, refs.CRD_ART11A, refs.UK_CONSUMER_DUTY, refs.ISO_10002),
    evaluate=_login_wall,
    tags=("login",),
    needs=("walks",),
)


def _complaint_behind_login(obs: AuditView, opts: RuleOptions) -> RuleResult:
    walled = [w for w in walled_links(obs) if "complaint" in w.intents]
    m = milestone(obs, "complaint")
    if m.reached:
        note = " (a signed-in route exists too)" if walled else ""
        return RuleResult("pass", f"The complaint procedure is public{note}.")
    if walled:
        return RuleResult(
            "fail",
            "The only complaint route found requires signing in.",
            [w.evidence() for w in walled],
        )
    return RuleResult(
        "not_applicable", "No complaint route was found at all (see no-complaint-procedure)."
    )


COMPLAINT_BEHIND_LOGIN = Rule(
    code="CFA018",
    slug="complaint-behind-login",
    title="Complaining does not need an account",
    failure_title="Complaints are only possible after signing in",
    impact="serious",
    category="complaint_path",
    description=(
        "Fails when no public complaint procedure was reached but a complaint link leads "
        "to a sign-in page; passes when the complaint milestone is reached without one."
    ),
    rationale=(
        "Former customers, people locked out and non-customers charged by mistake cannot "
        "sign in; a complaint route reserved to account holders shuts them out."
    ),
    how_to_fix="Publish the complaints procedure and a complaint form on a public page.",
    references=(refs.UK_DISP1, refs.UK_CONSUMER_DUTY, refs.ISO_10002, refs.ES_HOJAS),
    evaluate=_complaint_behind_login,
    tags=("login", "complaint"),
    needs=("walks", "milestones"),
)

RULES = (LOGIN_WALL, COMPLAINT_BEHIND_LOGIN)
