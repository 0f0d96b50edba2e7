"""Rule metadata and findings: the vocabulary every rule and every report shares."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from auditor.derive import AuditView
from auditor.models import Step


class Outcome(StrEnum):
    """A finding's verdict; ``needs_review`` is axe-core's bucket for "a person must look"."""

    PASS = "pass"
    FAIL = "fail"
    NEEDS_REVIEW = "needs_review"
    NOT_APPLICABLE = "not_applicable"
    ERROR = "error"


OutcomeName = Literal["pass", "fail", "needs_review", "not_applicable", "error"]
Impact = Literal["minor", "moderate", "serious", "critical"]
Category = Literal[
    "findability",
    "human_reachability",
    "complaint_path",
    "escalation",
    "transparency",
    "reliability",
]
# Report order of the categories, and the names people read.
CATEGORIES: tuple[Category, ...] = get_args(Category)
CATEGORY_TITLES: dict[str, str] = {
    "findability": "Findability",
    "human_reachability": "Reaching a human",
    "complaint_path": "Complaint path",
    "escalation": "Escalation",
    "transparency": "Transparency",
    "reliability": "Reliability",
}


class Reference(BaseModel):
    """A legal or guidance anchor. ``effective_from`` is an ISO date or "always"."""

    model_config = ConfigDict(extra="forbid")
    instrument: str
    article: str = ""
    url: str = ""
    effective_from: str = "always"
    effective_to: str | None = None
    note: str = ""
    jurisdiction: str = Field(
        "",
        description='where it binds: "" = guidance everywhere, else "EU", "ES", "DE", "UK"…',
    )


class Evidence(BaseModel):
    model_config = ConfigDict(extra="forbid")
    url: str = ""
    viewport: str | None = None
    selector: str = ""
    snippet: str = ""
    screenshot: str | None = None
    path: list[Step] = Field(default_factory=list)


class Finding(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)
    rule: str
    slug: str
    outcome: Outcome
    impact: Impact
    category: Category
    title: str
    message: str
    references: list[Reference] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    measure: float | None = Field(None, description="numeric measure scored on a curve")
    help: str = ""
    level: Literal["warn", "error"] | None = Field(
        None,
        description="configured gate level: warn never fails a gate, error always does",
    )


class ProfileRef(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    as_of: str
    name: str = ""
    thresholds: dict[str, float] = Field(
        default_factory=dict, description="the limits the rules judged against (with overrides)"
    )


class CategoryScore(BaseModel):
    model_config = ConfigDict(extra="forbid")
    friction: float | None
    weight: float
    title: str = ""


class Breach(BaseModel):
    """A failed rule whose legal reference binds where and when the audit was judged."""

    model_config = ConfigDict(extra="forbid")
    slug: str
    rule: str
    title: str
    instrument: str
    article: str = ""
    jurisdiction: str


class GradeCap(BaseModel):
    """Why the grade is no better than ``grade`` whatever the friction (docs/scoring.md)."""

    model_config = ConfigDict(extra="forbid")
    grade: str
    uncapped_grade: str
    breaches: list[Breach] = Field(default_factory=list)


class ScoreFloor(BaseModel):
    """Why the friction is no lower than ``floor`` whatever the averages (docs/scoring.md)."""

    model_config = ConfigDict(extra="forbid")
    impact: str = Field(description="the worst impact among the failed rules: serious, critical")
    floor: float = Field(description="the friction the score was lifted onto the band above")
    raw_friction: float = Field(description="the weighted mean before the lift")
    rules: list[str] = Field(default_factory=list, description="slugs of the failed rules")


class Score(BaseModel):
    """The friction number and grade; both ``None`` for a failed or inconclusive audit.

    An audit that could not see the site has no result to grade (DESIGN §8a): a number
    there would sort among real results and read as a verdict on the brand.
    """

    model_config = ConfigDict(extra="forbid")
    friction: float | None = Field(
        ge=0, le=100, description="0 effortless … 100 impossible; null when not graded"
    )
    grade: str | None = Field(description="A–F; null for a failed or inconclusive audit")
    categories: dict[str, CategoryScore] = Field(default_factory=dict)
    cap: GradeCap | None = Field(
        None, description="set when a binding legal breach holds the grade down"
    )
    floor: ScoreFloor | None = Field(
        None, description="set when a failed serious or critical rule lifts the friction"
    )


class Judgement(BaseModel):
    """What judging one set of observations gives: findings and the score."""

    model_config = ConfigDict(extra="forbid")
    profile: ProfileRef
    score: Score
    findings: list[Finding] = Field(default_factory=list)


@dataclass(frozen=True)
class RuleOptions:
    """What a profile tells a rule: thresholds and the date it judges for."""

    as_of: str
    thresholds: dict[str, float] = field(default_factory=dict)
    profile: str = "generic"

    def threshold(self, key: str, default: float) -> float:
        return self.thresholds.get(key, default)


@dataclass(frozen=True)
class RuleResult:
    outcome: Outcome | OutcomeName
    message: str
    evidence: list[Evidence] = field(default_factory=list)
    measure: float | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "outcome", Outcome(self.outcome))


class MissingInput(Exception):
    """Raised by a rule when an observation it needs is absent (→ outcome ``error``)."""


@dataclass(frozen=True)
class Rule:
    code: str
    slug: str
    title: str
    failure_title: str
    impact: Impact
    category: Category
    description: str
    rationale: str
    how_to_fix: str
    references: tuple[Reference, ...]
    evaluate: Callable[[AuditView, RuleOptions], RuleResult]
    tags: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
