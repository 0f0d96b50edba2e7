"""Report-test sample: a derived audit of a Hebrew-language telecom site and a verdict, by hand.

It deliberately carries hostile crawled text (a ``<script>`` in a page title and a label,
a ``javascript:`` URL on a channel) so every renderer is tested against it.
"""

from __future__ import annotations

from auditor.derive import AuditView, WalkView
from auditor.models import (
    BlockedRequest,
    Channel,
    Edge,
    Milestone,
    Observations,
    PageFacts,
    PageState,
    Press,
    Settings,
    Step,
    ToolInfo,
    ViewportWalk,
    state_key,
)
from rules.model import (
    CategoryScore,
    Evidence,
    Finding,
    Judgement,
    ProfileRef,
    Reference,
    Score,
)

BASE = "https://www.telco.example"
HOME = f"{BASE}/"
HELP = f"{BASE}/help"
CONTACT = f"{BASE}/help/contact"
COMPLAINTS = f"{BASE}/%D7%AA%D7%9C%D7%95%D7%A0%D7%95%D7%AA"  # /תלונות
EVIL_TITLE = "<script>window.__pwned = 1; document.title = 'pwned'</script>Evil title"
HEBREW_TITLE = "פניות הציבור ותלונות"
HEBREW_LABEL = "צרו קשר"


def _contact_path() -> list[Step]:
    return [
        Step(action="load", url=HOME, label="Home"),
        Step(action="follow", label="Help & support", selector="a#help", url=HELP),
        Step(
            action="expand",
            label="Still need help?",
            selector="details#more",
            url=HELP,
            element_id="e12",
            state=state_key(HELP, ["e12"]),
        ),
        Step(action="follow", label=HEBREW_LABEL, selector="a#contact", url=CONTACT),
    ]


def _complaint_path() -> list[Step]:
    return [
        Step(action="load", url=HOME, label="Home"),
        Step(action="follow", label=HEBREW_TITLE, selector="footer a.complaints", url=COMPLAINTS),
    ]


def _evidence(viewport: str) -> dict[str, str]:
    shot = f"screenshots/{viewport}"
    return {
        state_key(HOME): f"{shot}-home.png",
        state_key(HELP): f"{shot}-help.png",
        state_key(HELP, ["e12"]): f"{shot}-help-expanded.png",
        state_key(CONTACT): f"{shot}-contact.png",
        state_key(COMPLAINTS): f"{shot}-complaints.png",
    }


def _pages(viewport: str) -> list[PageState]:
    return [
        PageState(
            url=HOME,
            requested_url=HOME,
            status=200,
            title="Telco — mobile & broadband",
            lang="en",
        ),
        PageState(
            url=HELP,
            requested_url=HELP,
            status=200,
            title=EVIL_TITLE,
            lang="en",
            presses=[
                Press(
                    element_id="e12",
                    action="expand",
                    label="Still need help?",
                    selector="details#more",
                    revealed=3,
                )
            ],
        ),
        PageState(
            url=CONTACT,
            requested_url=CONTACT,
            status=200,
            title="יצירת קשר",
            lang="he",
            dir="rtl",
        ),
        PageState(
            url=COMPLAINTS,
            requested_url=COMPLAINTS,
            status=200,
            title=HEBREW_TITLE,
            lang="he",
            dir="rtl",
        ),
        PageState(
            url=f"{BASE}/escalate",
            requested_url=f"{BASE}/escalate",
            status=404,
            title="Not found",
            lang="en",
        ),
    ]


def _walk(viewport: str, contact_clicks: int) -> WalkView:
    contact_path = _contact_path()
    if viewport == "mobile":
        contact_path = [
            *contact_path[:1],
            Step(action="press", label="Menu", selector="button.burger", url=HOME),
            *contact_path[1:],
        ]
    raw = ViewportWalk(
        viewport=viewport,  # type: ignore[arg-type]
        width=1366 if viewport == "desktop" else 390,
        height=900 if viewport == "desktop" else 844,
        pages=_pages(viewport),
        edges=[Edge(source=HOME, target=HELP, element_id="e1", label="Help", selector="a#help")],
        blocked=[
            BlockedRequest(method="POST", url=f"{BASE}/api/track", resource_type="xhr", page=HELP)
        ],
        evidence=_evidence(viewport),
    )
    return WalkView(
        raw,
        facts=[
            PageFacts(url=HOME, kind="home", lang="en"),
            PageFacts(url=HELP, kind="help", lang="en"),
            PageFacts(url=CONTACT, kind="contact", lang="he"),
            PageFacts(url=COMPLAINTS, kind="complaint", lang="he", complaint=True),
        ],
        clicks={HOME: 0, HELP: 1, CONTACT: contact_clicks, COMPLAINTS: 1, f"{BASE}/escalate": 2},
        milestones={
            "contact": Milestone(
                reached=True,
                clicks=contact_clicks,
                url=CONTACT,
                path=contact_path,
                prominent_clicks=None,
                hidden_reasons=["the only path goes through a closed accordion"],
            ),
            "complaint": Milestone(reached=True, clicks=1, url=COMPLAINTS, path=_complaint_path()),
            "escalation": Milestone(reached=False),
        },
    )


def make_observations(status: str = "complete") -> AuditView:
    """The derived view of the sample audit (what rules and report builders read)."""
    desktop = _walk("desktop", 3)
    mobile = _walk("mobile", 4)
    walks = [mobile, desktop]  # mobile first on purpose: desktop is still primary
    raw = Observations(
        tool=ToolInfo(version="0.1.0"),
        start_url=HOME,
        final_url=HOME,
        started_at="2026-11-20T09:00:00Z",
        finished_at="2026-11-20T09:02:35Z",
        status=status,  # type: ignore[arg-type]
        status_reason="" if status == "complete" else "time limit reached after 41 pages",
        settings=Settings(region="IL"),
        walks=[w.raw for w in walks],
    )
    return AuditView(
        raw,
        walks,
        milestones=dict(desktop.milestones),
        region="IL",
        inventory=[
            Channel(
                kind="phone",
                value="*2707",
                url=CONTACT,
                clicks=3,
                path=_contact_path(),
                visible=True,
                human=True,
                clicks_by_viewport={"desktop": 3, "mobile": 4},
                cost="unknown",
                region="main",
            ),
            Channel(
                kind="phone",
                value="+97239876543",
                url=CONTACT,
                clicks=3,
                visible=True,
                human=None,
                clicks_by_viewport={"desktop": 3, "mobile": None},
                cost="premium",
                notes="1-900 number",
            ),
            Channel(
                kind="email",
                value="service@telco.example",
                url=CONTACT,
                clicks=3,
                human=True,
                clicks_by_viewport={"desktop": 3, "mobile": 4},
            ),
            Channel(
                kind="chat",
                value="zendesk",
                url="javascript:openChat()",
                clicks=0,
                human=False,
                clicks_by_viewport={"desktop": 0, "mobile": 0},
                notes="called a virtual assistant",
            ),
            Channel(
                kind="whatsapp",
                value="+972501234567",
                url=HEBREW_LABEL,
                clicks=None,
                visible=False,
                clicks_by_viewport={"desktop": None, "mobile": 2},
            ),
        ],
    )


def _ref(instrument: str, article: str, url: str, since: str) -> Reference:
    return Reference(instrument=instrument, article=article, url=url, effective_from=since)


def make_judgement() -> Judgement:
    findings = [
        Finding(
            rule="CFA001",
            slug="contact-too-deep",
            outcome="fail",
            impact="serious",
            category="findability",
            title="Contact takes too many clicks",
            message="Reaching a human channel takes 3 clicks on desktop (the profile allows 2).",
            references=[
                _ref(
                    "EU e-Commerce Directive 2000/31",
                    "Art. 5(1)(c)",
                    "https://eur-lex.europa.eu/eli/dir/2000/31/oj",
                    "2002-01-17",
                )
            ],
            evidence=[Evidence(url=CONTACT, viewport="desktop", path=_contact_path())],
            measure=3,
            help="Link “Contact us” from the header of every page, straight to the channels.",
        ),
        Finding(
            rule="CFA002",
            slug="contact-hidden",
            outcome="fail",
            impact="moderate",
            category="findability",
            title="Contact details hidden behind an accordion",
            message="The phone number shows only after expanding “Still need help?”.",
            evidence=[
                Evidence(
                    url=HELP,
                    viewport="desktop",
                    selector="details#more",
                    snippet=f"{HEBREW_LABEL} <script>alert(1)</script>",
                )
            ],
            help="Show the channels without any press.",
        ),
        Finding(
            rule="CFA008",
            slug="premium-rate-number",
            outcome="fail",
            impact="critical",
            category="human_reachability",
            title="Support line is premium-rate",
            message="+97239876543 is a premium-rate number.",
            references=[
                _ref("ES Ley de Servicios de Atención a la Clientela", "", "", "2026-12-28"),
                Reference(instrument="ES RDL 1/2007", article="Art. 21", effective_from="always"),
            ],
            evidence=[Evidence(url=CONTACT, viewport="desktop", snippet="1-900-98-76-54")],
            help="Offer a free or basic-rate number.",
        ),
        Finding(
            rule="CFA010",
            slug="no-escalation-path",
            outcome="fail",
            impact="serious",
            category="escalation",
            title="No escalation route",
            message="No ombudsman, ADR body or regulator is named.",
            evidence=[Evidence(url="javascript:alert(document.cookie)", snippet="dead link")],
            help="Name the ombudsman and how to reach it.",
        ),
        Finding(
            rule="CFA003",
            slug="no-human-channel",
            outcome="needs_review",
            impact="serious",
            category="human_reachability",
            title="Chat may be a bot only",
            message="The chat is called a virtual assistant.",
            evidence=[Evidence(url=HOME, viewport="desktop")],
        ),
        Finding(
            rule="CFA012",
            slug="no-response-time",
            outcome="error",
            impact="moderate",
            category="transparency",
            title="Response time not evaluated",
            message="Missing input: signals.",
        ),
        Finding(
            rule="CFA009",
            slug="no-complaint-procedure",
            outcome="pass",
            impact="serious",
            category="complaint_path",
            title="Complaints procedure found",
            message="Found in 1 click.",
            evidence=[Evidence(url=COMPLAINTS)],
        ),
        Finding(
            rule="CFA011",
            slug="stale-odr-link",
            outcome="not_applicable",
            impact="minor",
            category="escalation",
            title="No stale ODR link",
            message="Not an EU trader.",
        ),
    ]
    return Judgement(
        profile=ProfileRef(id="il", as_of="2026-11-20", name="Israel consumer protection"),
        score=Score(
            friction=62.5,
            grade="D",
            categories={
                "findability": CategoryScore(friction=70, weight=3, title="Findability"),
                "human_reachability": CategoryScore(friction=80, weight=3),
                "complaint_path": CategoryScore(friction=10, weight=2),
                "escalation": CategoryScore(friction=100, weight=2),
                "transparency": CategoryScore(friction=None, weight=1),
            },
        ),
        findings=findings,
    )
