"""report.json (DESIGN §5): the canonical output every other format renders from.

Field names here are a promise to CI scripts, sweeps and dashboards: add freely, never
rename or remove without bumping ``schema_version``.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from auditor.models import AuditStatus, Channel, Milestone, Settings
from rules.model import Finding, ProfileRef, Score

REPORT_SCHEMA_VERSION = "1"
GRADED_STATUSES = frozenset({"complete", "partial"})
"""Only these audits carry a friction number and a grade (DESIGN §8a)."""


def is_graded_status(status: str) -> bool:
    return status in GRADED_STATUSES


def ungraded(score: Score) -> Score:
    """The score of an audit that saw nothing to judge: no number, no grade, anywhere."""
    categories = {
        key: cat.model_copy(update={"friction": None}) for key, cat in score.categories.items()
    }
    return Score(friction=None, grade=None, categories=categories, cap=None)


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ToolRef(_M):
    name: str
    version: str


class Target(_M):
    start_url: str
    final_url: str | None = None


class ViewportMilestones(_M):
    milestones: dict[str, Milestone] = Field(default_factory=dict)


class PageRow(_M):
    url: str
    status: int | None = None
    kind: str = "other"
    clicks: int | None = None
    title: str = ""
    lang: str | None = None
    viewport: str = "desktop"
    error: str | None = None
    dead_end: str | None = Field(
        None, description="why the journey stops here (http_error, not_found, login_wall…)"
    )


class Focus(_M):
    """Where the outlined control sits in a screenshot, as fractions (0..1) of the image."""

    x: float = Field(ge=0, le=1)
    y: float = Field(ge=0, le=1)
    width: float = Field(ge=0, le=1)
    height: float = Field(ge=0, le=1)


class Report(_M):
    schema_version: str = REPORT_SCHEMA_VERSION
    tool: ToolRef
    target: Target
    brand: str = Field("", description="the brand as the site names itself (else the host)")
    started_at: str
    finished_at: str | None = None
    status: AuditStatus
    status_reason: str = ""
    profile: ProfileRef
    score: Score = Field(description="friction and grade are null unless complete or partial")
    viewports: list[str]
    milestones: dict[str, Milestone]
    by_viewport: dict[str, ViewportMilestones] = Field(default_factory=dict)
    channels: list[Channel] = Field(
        default_factory=list, description="the brand's channels, and those of unknown owner"
    )
    third_party_contacts: list[Channel] = Field(
        default_factory=list,
        description="other organisations' contacts seen on the site (owner, role, name)",
    )
    pages: list[PageRow] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    settings: Settings | None = None
    blocked_requests: int = 0
    permitted_actions: list[str] = Field(
        default_factory=list,
        description="non-GET requests the run allowed: only an authorised journey's login step",
    )
    screenshots_dir: str | None = None
    budgets_exhausted: dict[str, list[str]] = Field(
        default_factory=dict,
        description="viewport -> the walk budgets (pages, time) that ran out before it ended",
    )
    focus: dict[str, Focus] = Field(
        default_factory=dict,
        description="screenshot path -> the box of the control outlined in it (crops)",
    )
