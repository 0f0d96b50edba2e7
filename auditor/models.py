"""Typed contracts between the walk, the observers and the rules.

Everything the browser sees is recorded here once (``observations.json``) so that rules,
scores and reports can be recomputed later without a browser.  Rules import these
models; nothing here imports Playwright.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

OBSERVATIONS_SCHEMA_VERSION = "1"

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
    "other",
]
AuditStatus = Literal["complete", "partial", "inconclusive", "failed"]
MilestoneName = Literal["contact", "complaint", "escalation"]


class Model(BaseModel):
    """Base: forbid silent typos in field names, keep JSON stable."""

    model_config = ConfigDict(extra="forbid")


class Box(Model):
    x: float
    y: float
    width: float
    height: float


class Step(Model):
    """One user action on a path from the start page (DESIGN §4)."""

    action: ActionKind
    label: str = ""
    selector: str = ""
    url: str
    screenshot: str | None = Field(None, description="evidence image, relative to the output dir")
    hover: bool = Field(False, description="the press is a hover (menus that open on hover)")


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


class TextBlock(Model):
    """Text of one element (its own text nodes), with where and whether it shows."""

    id: str
    text: str
    visible: bool
    region: Region = "other"
    depth: int = 0
    revealed_by: str | None = None
    selector: str = ""


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
    screenshot: str | None = None
    hover: bool = False


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
    screenshot: str | None = None
    load_ms: float = 0


class Edge(Model):
    """A way from one page to another: the presses on ``source`` then one follow."""

    source: str
    target: str
    element_id: str
    label: str
    selector: str
    depth: int = Field(0, description="presses on the source page before the link shows")
    action: Literal["follow", "press"] = Field(
        "follow", description="press: a control that navigates (the press is the last click)"
    )


class LinkCheck(Model):
    """Status of a link that promises support, checked without walking it."""

    url: str
    source: str
    label: str
    status: int | None = None
    error: str | None = None
    redirect_loop: bool = False
    final_url: str | None = None


class BlockedRequest(Model):
    method: str
    url: str
    resource_type: str
    page: str


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


class PageFacts(Model):
    """Observer output for one page state."""

    url: str
    kind: PageKind = "other"
    lang: str | None = None
    channels: list[ChannelSighting] = Field(default_factory=list)
    signals: list[Signal] = Field(default_factory=list)
    complaint: bool = False
    escalation: bool = False


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


class ViewportWalk(Model):
    viewport: ViewportName
    width: int
    height: int
    pages: list[PageState] = Field(default_factory=list)
    facts: list[PageFacts] = Field(default_factory=list)
    edges: list[Edge] = Field(default_factory=list)
    link_checks: list[LinkCheck] = Field(default_factory=list)
    blocked: list[BlockedRequest] = Field(default_factory=list)
    skipped_by_robots: list[str] = Field(default_factory=list)
    clicks: dict[str, int] = Field(default_factory=dict, description="url -> min clicks")
    paths: dict[str, list[Step]] = Field(default_factory=dict)
    milestones: dict[str, Milestone] = Field(default_factory=dict)
    budget_exhausted: list[str] = Field(default_factory=list)
    consent_dismissed: list[str] = Field(default_factory=list)


class ToolInfo(Model):
    name: str = "complaint-friction-auditor"
    version: str


class Observations(Model):
    """The walk's full record: the input of every rule."""

    schema_version: str = OBSERVATIONS_SCHEMA_VERSION
    tool: ToolInfo
    start_url: str
    final_url: str | None = None
    started_at: str
    finished_at: str | None = None
    status: AuditStatus = "complete"
    status_reason: str = ""
    settings: Settings = Field(default_factory=Settings)
    region: str | None = None
    walks: list[ViewportWalk] = Field(default_factory=list)
    channels: list[Channel] = Field(default_factory=list)
    milestones: dict[str, Milestone] = Field(default_factory=dict)

    def primary(self) -> ViewportWalk | None:
        """Desktop when it was walked, else mobile (DESIGN §5)."""
        for name in ("desktop", "mobile"):
            for walk in self.walks:
                if walk.viewport == name:
                    return walk
        return None

    def walk(self, viewport: str) -> ViewportWalk | None:
        return next((w for w in self.walks if w.viewport == viewport), None)
