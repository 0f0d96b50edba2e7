"""Typed contracts between the walk, the observers and the rules.

Two kinds of model live here.  *Raw records* (``PageState``, ``Element``, ``Press``,
``Edge``, ``LinkCheck``, ``BlockedRequest``, ``ViewportWalk``, ``Observations``) are what
the browser saw; they alone are saved in ``observations.json``.  *Derived facts*
(``PageFacts``, ``Milestone``, ``Channel``) are computed from the raw records by the
derive stage (``auditor/derive``) every time an audit is judged, so a fix to the
observers or the journey maths reaches an old ``observations.json`` too.  Rules import
these models; nothing here imports Playwright.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

# 2: raw records only; derived facts (facts, clicks, paths, milestones, channels,
# region) are no longer stored, screenshots live in each walk's evidence index.
OBSERVATIONS_SCHEMA_VERSION = "2"

ViewportName = Literal["desktop", "mobile"]
ALL_VIEWPORTS: tuple[ViewportName, ...] = ("desktop", "mobile")
ActionKind = Literal["load", "follow", "press", "expand", "answer"]
Region = Literal["header", "nav", "main", "footer", "aside", "dialog", "other"]
ChannelKind = Literal["phone", "email", "form", "chat", "whatsapp", "messaging", "social", "postal"]
PhoneCost = Literal["free", "standard", "shared_cost", "premium", "unknown"]
PageKind = Literal[
    "home",
    "help",
    "faq",
    "contact",
    "complaint",
    "escalation",
    "legal",
    "terms",
    "privacy",
    "login",
    "cancel",
    "careers",
    "other",
]
MilestoneName = Literal["contact", "complaint", "escalation"]
ChannelOwner = Literal["brand", "third_party", "unknown"]
OwnerRole = Literal[
    "regulator",
    "ombudsman_adr",
    "helpline",
    "partner",
    "recruitment",
    "data_protection",
    "police",
    "other",
]
ChannelSource = Literal["page", "metadata"]
# Third parties whose contacts are evidence of an escalation route (DESIGN §4).
ESCALATION_ROLES = frozenset({"regulator", "ombudsman_adr"})
DIRECT_HUMAN_KINDS = frozenset({"phone", "email", "form", "whatsapp", "messaging"})


class AuditStatus(StrEnum):
    """How far an audit got (DESIGN §5); only ``complete`` and ``partial`` are graded."""

    COMPLETE = "complete"
    PARTIAL = "partial"
    INCONCLUSIVE = "inconclusive"
    FAILED = "failed"


class Budget(StrEnum):
    """A walk budget that ran out before the frontier was empty."""

    PAGES = "pages"
    TIME = "time"


class PageError(StrEnum):
    """Page errors the rest of the pipeline tells apart (other errors are free text)."""

    REDIRECT_LOOP = "redirect_loop"
    NAVIGATION_LOOP = "navigation_loop"
    TIMEOUT = "timeout"
    NOT_HTML = "not html"


class DeadEnd(StrEnum):
    """Why the journey stops on a page: no channel or procedure is offered there."""

    HTTP_ERROR = "http_error"
    NOT_FOUND = "not_found"  # answered with success, but says the page does not exist
    LOAD_FAILED = "load_failed"
    LOGIN_WALL = "login_wall"


def is_direct_human(kind: str, human: bool | None) -> bool:
    """A direct human channel (DESIGN §4): chats count only when the site says people answer.

    The one definition used by the contact milestone, the channel inventory and the rules.
    """
    return kind in DIRECT_HUMAN_KINDS or (kind == "chat" and human is True)


def state_key(url: str, presses: list[str] | tuple[str, ...] = ()) -> str:
    """Id of one page state: the page's URL and the presses made on it since it loaded.

    The walk, the evidence replay and the report all name states this way, so a
    screenshot is found by the state it shows, not by matching labels or selectors.
    """
    return url if not presses else f"{url}#press={'/'.join(presses)}"


def shot_key(state: str, highlight: str | None = None) -> str:
    """Key of a screenshot in a walk's evidence index: the state, and the control outlined.

    The same state on two paths is two pictures when each outlines its own next step.
    """
    return state if not highlight else f"{state}|{highlight}"


def path_shot_keys(path: list[Step], final: str = "") -> list[str | None]:
    """The evidence key of each step of a path: its state, outlining the next control."""
    keys: list[str | None] = []
    for i, step in enumerate(path):
        nxt = path[i + 1].selector if i + 1 < len(path) else final
        keys.append(shot_key(step.state, nxt or None) if step.state else None)
    return keys


class Model(BaseModel):
    """Base: forbid silent typos in field names, keep JSON stable."""

    model_config = ConfigDict(extra="forbid")


class Box(Model):
    x: float
    y: float
    width: float
    height: float


class ElementRef(Model):
    """Who the walk acted on: enough to find the very same element again on a replay.

    ``id`` is the data-cfa-id the in-page script stamped in document order; the rest lets a
    replay check that the element carrying that id (or the one it falls back to) is still
    the control the walk pressed, instead of photographing whatever matches a selector.
    """

    id: str
    tag: str = ""
    kind: str = ""
    role: str | None = None
    name: str = Field("", description="accessible name, else visible text")
    href: str | None = None
    selector: str = ""


class Step(Model):
    """One user action on a path from the start page (DESIGN §4)."""

    action: ActionKind
    label: str = ""
    selector: str = ""
    url: str
    screenshot: str | None = Field(None, description="evidence image, relative to the output dir")
    hover: bool = Field(False, description="the press is a hover (menus that open on hover)")
    element_id: str | None = Field(None, description="data-cfa-id of the control acted on")
    state: str | None = Field(None, description="id of the page state this step leads to")
    ref: ElementRef | None = Field(None, description="the element pressed or followed")
    replay: str | None = Field(
        None, description="why the evidence replay stopped at this step (element diverged)"
    )


class Element(Model):
    """A link or a control as a customer would meet it in one page state."""

    id: str = Field(description="stable id within the page (data-cfa-id)")
    tag: str
    kind: Literal["link", "button", "control"]
    text: str = ""
    name: str = Field("", description="accessible name (aria-label, title, alt, text)")
    href: str | None = None
    selector: str = ""
    box: Box | None = None
    visible: bool = False
    font_size: float | None = None
    contrast: float | None = None
    region: Region = "other"
    above_fold: bool = False
    disclosure: bool = Field(False, description="press it to reveal more (menu, accordion)")
    expanded: bool | None = None
    submits: bool = False
    revealed_by: str | None = Field(None, description="id of the control whose press showed it")
    depth: int = Field(0, description="presses on this page needed before it is visible")
    frame: str | None = Field(
        None, description="URL of the iframe it is in (None: the page's own document)"
    )
    lead: str = Field(
        "",
        description="for a tel: or mailto: link, its paragraph's text before it: whose "
        "contact it is is said there, not after it",
    )


class TextBlock(Model):
    """Text of one element (its own text nodes), with where and whether it shows."""

    id: str
    text: str
    visible: bool
    region: Region = "other"
    depth: int = 0
    revealed_by: str | None = None
    selector: str = ""
    frame: str | None = Field(
        None, description="URL of the iframe it is in (None: the page's own document)"
    )


class FormField(Model):
    name: str = ""
    type: str = "text"
    label: str = ""
    required: bool = False
    visible: bool = True


class FormInfo(Model):
    id: str
    action: str = ""
    method: str = "get"
    fields: list[FormField] = Field(default_factory=list)
    visible: bool = False
    depth: int = 0
    revealed_by: str | None = None
    selector: str = ""
    captcha: str | None = Field(None, description="recaptcha | hcaptcha | turnstile | other")
    has_file_upload: bool = False
    has_password: bool = False
    has_free_text: bool = False
    role: Literal["contact", "search", "login", "newsletter", "other"] = "other"
    frame: str | None = Field(
        None, description="URL of the iframe it is in (None: the page's own document)"
    )


class Press(Model):
    """A disclosure control pressed on a page: one click each (DESIGN §4)."""

    element_id: str
    action: Literal["press", "expand", "answer"]
    label: str
    selector: str
    depth: int = Field(1, description="clicks on this page including this press")
    parent: str | None = Field(None, description="press whose reveal made this control visible")
    revealed: int = 0
    navigated_to: str | None = None
    hover: bool = False
    ref: ElementRef | None = None


class PageState(Model):
    """Everything observed on one page (one URL) in one viewport, presses included."""

    url: str
    requested_url: str
    status: int | None = None
    redirect_chain: list[str] = Field(default_factory=list)
    error: str | None = None
    title: str = ""
    lang: str | None = None
    dir: str | None = None
    content_language: str | None = None
    scroll_height: float = 0
    elements: list[Element] = Field(default_factory=list)
    text_blocks: list[TextBlock] = Field(default_factory=list)
    forms: list[FormInfo] = Field(default_factory=list)
    presses: list[Press] = Field(default_factory=list)
    scripts: list[str] = Field(default_factory=list)
    iframes: list[str] = Field(default_factory=list)
    globals: list[str] = Field(default_factory=list)
    jsonld: list[str] = Field(default_factory=list, description="raw JSON-LD blocks")
    meta_robots: str = ""
    bot_wall: bool = False
    login_wall: bool = False
    load_ms: float = 0
    offsite: str | None = Field(
        None, description="the off-site URL a redirect landed on: not observed, not the brand's"
    )
    tls_error: str | None = Field(
        None, description="the certificate problem Chromium saw (the walk went on regardless)"
    )
    size_capped: bool = Field(False, description="the document was over the size cap: not read")
    orphan: bool = Field(
        False,
        description="visited only because the static tier proposed it (a sitemap entry): "
        "no visible link of the walk reaches it, so it has no clicks",
    )
    closed_shadow: list[str] = Field(
        default_factory=list,
        description="hosts of closed shadow roots (selectors): content the walk cannot observe",
    )
    scroll_depth: float = Field(0, description="how far down the walk scrolled the page (px)")
    settle_ms: float = Field(0, description="time spent waiting for late content after load")
    rate_limited: bool = Field(
        False,
        description="answered 429 (or 503 with Retry-After) after every retry: the page was "
        "not seen, which is not a broken page",
    )
    retries: int = Field(0, description="loads repeated after a 'slow down' answer")


class Edge(Model):
    """A way from one page to another: the presses on ``source`` then one follow."""

    source: str
    target: str
    element_id: str
    label: str
    selector: str
    depth: int = Field(0, description="presses on the source page before the link shows")
    action: Literal["follow", "press", "answer"] = Field(
        "follow",
        description="press: a control that navigates (the press is the last click); "
        "answer: a choice that navigates (a jump menu's option)",
    )
    ref: ElementRef | None = None


class LinkCheck(Model):
    """Status of a link that promises support, checked without walking it."""

    url: str
    source: str
    label: str
    status: int | None = None
    error: str | None = None
    redirect_loop: bool = False
    final_url: str | None = None
    rate_limited: bool = Field(
        False, description="429/503 with Retry-After after every retry: not a broken link"
    )
    tls_error: str | None = Field(None, description="certificate problem of the link's host")
    egress_denied: str | None = Field(None, description="a hop to an address the audit refuses")
    attempts: int = Field(1, description="requests made for the final answer (retries count)")
    title: str = Field("", description="the <title> of an HTML answer (its first 64 KB)")
    heading: str = Field("", description="its main heading: the first h1, else the first h2")


class BlockedRequest(Model):
    method: str
    url: str
    resource_type: str
    page: str
    reason: str = Field(
        "method",
        description="method | websocket | egress | off-site | size | acting (why it was stopped)",
    )


class ChannelSighting(Model):
    """One place a channel shows (observer output, per page state)."""

    kind: ChannelKind
    value: str
    raw: str = ""
    url: str
    element_id: str | None = None
    selector: str = ""
    visible: bool = True
    depth: int = 0
    region: Region = "other"
    human: bool | None = None
    cost: PhoneCost | None = None
    notes: str = ""
    owner: ChannelOwner = Field("unknown", description="whose channel the text says it is")
    owner_role: OwnerRole | None = None
    owner_name: str = ""
    owner_why: str = Field("", description="the words that decided the owner")
    owner_basis: Literal["words", "page"] = Field(
        "words", description="words: the text said whose it is; page: only where it stands"
    )
    source: ChannelSource = Field("page", description="metadata: JSON-LD or config only")


class Signal(Model):
    """A text fact found on a page: response time, hours, escalation body, cue…"""

    kind: Literal[
        "response_time",
        "business_hours",
        "complaint_procedure",
        "escalation_body",
        "adr_refusal",
        "odr_link",
        "deflection",
        "bot",
        "human_chat",
        "cancel_link",
        "signup_link",
    ]
    value: str
    snippet: str = ""
    url: str
    element_id: str | None = Field(None, description="text block or element it was read from")
    visible: bool = True
    depth: int = 0
    hours: float | None = Field(None, description="response time normalised to hours")
    working_days: bool | None = None
    channel: str | None = None
    data: dict[str, str] = Field(default_factory=dict)


class FormFact(Model):
    """What one form is for and what it asks, decided once by the observers."""

    id: str
    role: Literal["contact", "search", "login", "newsletter", "other"] = "other"
    required: int = Field(0, description="fields the customer must fill in")
    required_labels: list[str] = Field(default_factory=list)
    captcha: str | None = None
    file_upload: bool = False
    visible: bool = False
    depth: int = 0
    selector: str = ""


class PageFacts(Model):
    """Observer output for one page state: the fact vocabulary every rule reads.

    Derived, never stored: computed from a ``PageState`` at judge time.
    """

    url: str
    kind: PageKind = "other"
    lang: str | None = None
    channels: list[ChannelSighting] = Field(default_factory=list)
    signals: list[Signal] = Field(default_factory=list)
    complaint: bool = False
    escalation: bool = False
    dead_end: DeadEnd | None = Field(None, description="why the journey stops here")
    dead_end_evidence: str = Field(
        "", description="what shows it (the words of a page that says it does not exist)"
    )
    intents: dict[str, list[str]] = Field(
        default_factory=dict, description="element id -> journey intents its label/URL promise"
    )
    url_intents: list[str] = Field(
        default_factory=list, description="intents the requested URL's words promise"
    )
    forms: list[FormFact] = Field(default_factory=list)


class Milestone(Model):
    reached: bool = False
    clicks: int | None = None
    url: str | None = None
    path: list[Step] = Field(default_factory=list)
    selector: str = Field("", description="where on the last page it shows")
    prominent_clicks: int | None = Field(
        None, description="clicks when only prominent controls count (None: no such path)"
    )
    hidden_reasons: list[str] = Field(
        default_factory=list, description="why the shortest path is low-prominence"
    )
    typed_address: str | None = Field(
        None,
        description="the address a scripted journey went to (goto) on the way: its clicks "
        "are not counted from the start page",
    )


class Channel(Model):
    """One channel of the inventory (DESIGN §5), merged over pages and viewports."""

    kind: ChannelKind
    value: str
    url: str | None = None
    clicks: int | None = None
    path: list[Step] = Field(default_factory=list)
    visible: bool = True
    human: bool | None = None
    clicks_by_viewport: dict[str, int | None] = Field(default_factory=dict)
    cost: PhoneCost | None = None
    notes: str = ""
    region: Region = "other"
    depth: int = 0
    owner: ChannelOwner = Field(
        "brand", description="brand | third_party (see owner_role, owner_name) | unknown"
    )
    owner_role: OwnerRole | None = None
    owner_name: str = ""
    owner_why: str = ""
    source: ChannelSource = Field(
        "page", description="page: shown on a page; metadata: only in JSON-LD or a widget config"
    )


class Settings(Model):
    max_pages: int = 60
    max_depth: int = 8
    time_limit_s: float = 180.0
    viewports: list[ViewportName] = Field(default_factory=lambda: list(ALL_VIEWPORTS))
    obey_robots: bool = True
    rate_per_host: float = 10.0
    parallel: int = 4
    region: str | None = None
    user_agent_suffix: str = "ComplaintFrictionAuditor/0.1 (+https://example.invalid/cfa)"
    screenshots: bool = True
    contact_url: str | None = Field(
        None, description="where site owners reach whoever runs the audit (in the User-Agent)"
    )
    max_pages_per_template: int = Field(
        8, ge=1, description="pages per URL template (/events/2026/01 ~ /events/2026/02)"
    )
    max_page_bytes: int = Field(5_000_000, ge=1, description="documents larger are not read")
    static: bool = Field(
        True, description="read sitemaps and fetch candidate pages first, to rank the walk"
    )

    def model_post_init(self, context: object, /) -> None:
        """The contact URL the user sets replaces the placeholder in the User-Agent."""
        if self.contact_url and "(+" in self.user_agent_suffix:
            head = self.user_agent_suffix.split("(+", 1)[0].rstrip()
            self.user_agent_suffix = f"{head} (+{self.contact_url})"


class JourneyMark(Model):
    """One scripted journey step as it ran (raw): what it did, where, after how many clicks.

    The derive stage turns the ``milestone`` marks into milestones; clicks follow DESIGN §4
    (a click, hover or key press on an element is one click, ``fill`` and ``wait_for`` none,
    ``goto`` a load).
    """

    index: int = Field(description="position of the step in the journey file (0-based)")
    kind: str = Field(description="goto | click | hover | press | fill | wait_for | expect | ...")
    label: str = ""
    selector: str = ""
    url: str = Field(description="the page after the step")
    clicks: int = Field(0, description="clicks from the journey's start, this step included")
    state: str | None = Field(None, description="id of the page state the step leaves")
    screenshot: str | None = None
    milestone: str | None = Field(None, description="the milestone this step marks")
    ok: bool = True
    note: str = ""


class ViewportWalk(Model):
    """The raw record of one viewport's walk: what was seen, never what it means."""

    viewport: ViewportName
    width: int
    height: int
    pages: list[PageState] = Field(default_factory=list)
    edges: list[Edge] = Field(default_factory=list)
    link_checks: list[LinkCheck] = Field(default_factory=list)
    blocked: list[BlockedRequest] = Field(default_factory=list)
    skipped_by_robots: list[str] = Field(default_factory=list)
    budget_exhausted: list[Budget] = Field(default_factory=list)
    consent_dismissed: list[str] = Field(default_factory=list)
    evidence: dict[str, str] = Field(
        default_factory=dict,
        description="models.shot_key (state id, control outlined) -> screenshot file",
    )
    replay_notes: dict[str, str] = Field(
        default_factory=dict,
        description="models.shot_key -> why the evidence replay stopped there (diverged)",
    )
    robots: dict[str, str] = Field(
        default_factory=dict,
        description="origin -> how robots.txt was read (RFC 9309: 4xx allow, 5xx disallow)",
    )
    skipped_by_template: list[str] = Field(
        default_factory=list, description="URLs over the per-template budget (crawler traps)"
    )
    static_confirmed: list[str] = Field(
        default_factory=list,
        description="static-tier proposals the browser loaded (orphan or later linked)",
    )
    journey: list[JourneyMark] = Field(
        default_factory=list, description="the scripted journey's steps as they ran (if any)"
    )
    unknown_address: PageState | None = Field(
        None,
        description="what the site answers for an address that cannot exist (its title and "
        "headings): a page answering the same is a soft 404 in any language",
    )


class SitemapRead(Model):
    """One sitemap file as the static tier read it (sitemaps.org protocol)."""

    url: str
    status: int | None = None
    kind: Literal["urlset", "index", "text", "none"] = "none"
    urls: int = Field(0, description="<loc> entries read (page URLs or child sitemaps)")
    depth: int = Field(0, description="0: named by robots.txt or /sitemap.xml; 1+: via an index")
    error: str | None = None


class StaticCandidate(Model):
    """A page the static tier fetched without a browser, and what its HTML promises."""

    url: str
    status: int | None = None
    title: str = ""
    url_score: float = Field(0.0, description="support promise of the URL's words alone")
    score: float = Field(0.0, description="support promise of its title, headings and links")
    intents: list[str] = Field(default_factory=list)
    sitemap: str | None = Field(None, description="the sitemap file that lists it")
    proposed: bool = Field(False, description="proposed to the browser as a page to visit")
    error: str | None = None


class StaticMap(Model):
    """What the static tier read and proposed; the browser confirms (DESIGN §4 numbers)."""

    sitemaps: list[SitemapRead] = Field(default_factory=list)
    considered: int = Field(0, description="in-scope page URLs listed by the sitemaps")
    considered_sample: list[str] = Field(
        default_factory=list, description="the best-scored sitemap URLs (by URL words), capped"
    )
    candidates: list[StaticCandidate] = Field(default_factory=list)
    seconds: float = 0.0
    budget_s: float = 0.0
    http_version: str | None = Field(None, description="HTTP version the site answered with")
    note: str = ""

    def listed_in(self, url: str) -> str | None:
        """The sitemap that listed a page (evidence for an orphan)."""
        for cand in self.candidates:
            if cand.url == url:
                return cand.sitemap
        return None


class ToolInfo(Model):
    name: str = "complaint-friction-auditor"
    version: str


class Observations(Model):
    """The walk's full record (raw): the input of the derive stage and so of every rule."""

    schema_version: str = OBSERVATIONS_SCHEMA_VERSION
    tool: ToolInfo
    start_url: str
    final_url: str | None = None
    started_at: str
    finished_at: str | None = None
    status: AuditStatus = AuditStatus.COMPLETE
    status_reason: str = ""
    settings: Settings = Field(default_factory=Settings)
    walks: list[ViewportWalk] = Field(default_factory=list)
    static: StaticMap | None = Field(
        None, description="the static tier's sitemaps and candidates (proposals only)"
    )
    permitted_actions: list[str] = Field(
        default_factory=list,
        description="the one non-GET request an authorised journey's login step allowed",
    )

    @model_validator(mode="before")
    @classmethod
    def _upgrade(cls, data: Any) -> Any:
        """Read a schema-1 file: drop what it froze of the derivation, keep its evidence.

        Version 1 stored facts, clicks, paths, milestones and the channel inventory as
        computed on the day of the audit; today's derive stage recomputes all of them.
        """
        if isinstance(data, dict) and str(data.get("schema_version", "1")) == "1":
            return upgrade_v1(data)
        return data

    def primary(self) -> ViewportWalk | None:
        """Desktop when it was walked, else mobile (DESIGN §5)."""
        for name in ("desktop", "mobile"):
            for walk in self.walks:
                if walk.viewport == name:
                    return walk
        return None

    def walk(self, viewport: str) -> ViewportWalk | None:
        return next((w for w in self.walks if w.viewport == viewport), None)


_V1_WALK_DERIVED = ("facts", "clicks", "paths", "milestones")
_V1_TOP_DERIVED = ("channels", "milestones", "region")


def upgrade_v1(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 1 → 2: derived fields removed, screenshots moved into the evidence index."""
    out = {k: v for k, v in data.items() if k not in _V1_TOP_DERIVED}
    out["schema_version"] = OBSERVATIONS_SCHEMA_VERSION
    walks = []
    for walk in data.get("walks", []):
        if not isinstance(walk, dict):
            walks.append(walk)
            continue
        new = {k: v for k, v in walk.items() if k not in _V1_WALK_DERIVED}
        evidence: dict[str, str] = dict(new.get("evidence") or {})
        pages = []
        for page in walk.get("pages", []):
            page = dict(page)
            shot = page.pop("screenshot", None)
            if shot:
                evidence.setdefault(state_key(page.get("url", "")), shot)
            page["presses"] = [
                {k: v for k, v in p.items() if k != "screenshot"} for p in page.get("presses", [])
            ]
            pages.append(page)
        new["pages"] = pages
        for milestone in (walk.get("milestones") or {}).values():
            _v1_path_evidence(milestone.get("path", []), evidence)
        new["evidence"] = evidence
        walks.append(new)
    out["walks"] = walks
    return out


def _v1_path_evidence(path: list[dict[str, Any]], evidence: dict[str, str]) -> None:
    """A v1 path step's screenshot shows the state after that step."""
    url = ""
    presses: list[str] = []
    for step in path:
        if step.get("action") in ("load", "follow", "press") and step.get("url") != url:
            url, presses = step.get("url", ""), []
        elif step.get("selector"):
            presses.append(step.get("selector", ""))
        if step.get("screenshot") and not presses:
            evidence.setdefault(state_key(url), step["screenshot"])
