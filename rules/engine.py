"""JUDGE and SCORE: run a profile's rules over observations and score the findings.

The engine owns everything a rule must not decide for itself: whether the rule is in
force in the profile's jurisdiction on the ``as_of`` date, turning a missing input or a
crash into an ``error`` finding (one broken rule never stops an audit), and distrusting
"we found nothing" verdicts when the walk itself was incomplete.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from auditor.derive import AuditView, derive
from auditor.errors import ConfigError
from auditor.models import Observations
from rules.model import (
    Breach,
    Evidence,
    Finding,
    Judgement,
    MissingInput,
    ProfileRef,
    Reference,
    Rule,
    RuleOptions,
    RuleResult,
)
from rules.profile import Profile, list_profiles, load_profile
from rules.registry import all_rules, by_slug
from rules.scoring import cap_grade, score

__all__ = [
    "Selection",
    "binding_breaches",
    "evaluate_rule",
    "in_force",
    "judge",
    "list_profiles",
    "load_profile",
    "not_in_force_reason",
    "profile_references",
]

ABSENCE_TAG = "absence"


LEVELS = ("off", "warn", "error")
GateLevel = Literal["warn", "error"]


def rule_tags(rule: Rule) -> set[str]:
    """What ``--only-tags`` / ``--skip-tags`` match: the rule's tags and its category."""
    return {*rule.tags, rule.category}


def known_tags() -> set[str]:
    return {t for r in all_rules() for t in rule_tags(r)}


@dataclass(frozen=True)
class Selection:
    """Which of a profile's rules run, and how a fail of each counts (CI conventions).

    ``levels``: slug → ``off`` (not run, not reported, not scored), ``warn`` (reported,
    never fails a gate) or ``error`` (a fail is exit 1 whatever ``--fail-on`` says).
    ``only_tags`` keeps the rules carrying one of the tags; ``skip_tags`` drops those
    carrying any.  A typo in a slug or a tag is a configuration error, never ignored.
    """

    levels: Mapping[str, str] = field(default_factory=dict)
    only_tags: tuple[str, ...] = ()
    skip_tags: tuple[str, ...] = ()

    def check(self) -> Selection:
        from rules.registry import slugs

        known = set(slugs())
        bad = [s for s in self.levels if s not in known]
        if bad:
            raise ConfigError(f"rules: unknown rule slug(s): {', '.join(sorted(bad))}")
        wrong = [f"{s} = {v!r}" for s, v in self.levels.items() if v not in LEVELS]
        if wrong:
            raise ConfigError(f"rules: a level is off, warn or error, not {', '.join(wrong)}")
        tags = known_tags()
        unknown = sorted({*self.only_tags, *self.skip_tags} - tags)
        if unknown:
            raise ConfigError(
                f"unknown rule tag(s): {', '.join(unknown)} (known: {', '.join(sorted(tags))})"
            )
        return self

    def runs(self, rule: Rule) -> bool:
        if self.levels.get(rule.slug) == "off":
            return False
        tags = rule_tags(rule)
        if self.only_tags and not tags & set(self.only_tags):
            return False
        return not tags & set(self.skip_tags)

    def level(self, slug: str) -> GateLevel | None:
        """``warn`` or ``error`` when configured; None leaves the gates to decide."""
        value = self.levels.get(slug)
        if value == "warn":
            return "warn"
        return "error" if value == "error" else None


def _day(value: str) -> date:
    return date.fromisoformat(value)


def in_force(ref: Reference, as_of: str) -> bool:
    """Whether a reference binds on ``as_of`` (ISO date); "always" always does."""
    day = _day(as_of)
    if ref.effective_from != "always" and _day(ref.effective_from) > day:
        return False
    return ref.effective_to is None or _day(ref.effective_to) >= day


def _applicable_refs(rule: Rule, profile: Profile) -> list[Reference]:
    """References that count for dating the rule: guidance plus the profile's jurisdictions."""
    refs = [*rule.references, *profile.extra_references(rule.slug)]
    return [r for r in refs if r.jurisdiction in ("", *profile.jurisdictions)]


def profile_references(rule: Rule, profile: Profile) -> list[Reference]:
    """References shown on a finding: all of them for a profile without jurisdictions."""
    if not profile.jurisdictions:
        return [*rule.references, *profile.extra_references(rule.slug)]
    return _applicable_refs(rule, profile)


def not_in_force_reason(rule: Rule, profile: Profile, as_of: str) -> str | None:
    """Why the rule does not apply on ``as_of`` under ``profile``; None when it applies.

    A rule with no reference for the profile's jurisdictions (and no guidance reference)
    is applied as best practice on every date.
    """
    refs = _applicable_refs(rule, profile)
    if not refs or any(in_force(r, as_of) for r in refs):
        return None
    future = [r for r in refs if r.effective_from != "always" and r.effective_from > as_of]
    if future:
        first = min(future, key=lambda r: r.effective_from)
        return (
            f"Not in force under profile '{profile.id}' on {as_of}: {first.instrument} "
            f"applies from {first.effective_from}."
        )
    return f"Not in force under profile '{profile.id}' on {as_of}: its legal basis has lapsed."


def _fallback_evidence(obs: AuditView, message: str) -> Evidence:
    walk = obs.primary()
    return Evidence(
        url=obs.final_url or obs.start_url,
        viewport=walk.viewport if walk else None,
        snippet=message,
    )


def _finding(rule: Rule, profile: Profile, result: RuleResult) -> Finding:
    failing = result.outcome in ("fail", "needs_review")
    return Finding(
        rule=rule.code,
        slug=rule.slug,
        outcome=result.outcome,
        impact=rule.impact,
        category=rule.category,
        title=rule.failure_title if failing else rule.title,
        message=result.message,
        references=profile_references(rule, profile),
        evidence=list(result.evidence),
        measure=result.measure,
        help=rule.how_to_fix,
    )


def _run(rule: Rule, obs: AuditView, opts: RuleOptions) -> RuleResult:
    try:
        result = rule.evaluate(obs, opts)
    except MissingInput as exc:
        return RuleResult("error", f"Missing input: {exc}")
    except Exception as exc:  # a faulty rule must not stop the audit (DESIGN §3)
        return RuleResult("error", f"{type(exc).__name__}: {exc}")
    if not isinstance(result, RuleResult):
        return RuleResult("error", f"rule returned {type(result).__name__}, not a RuleResult")
    return result


def evaluate_rule(rule: Rule, obs: AuditView, opts: RuleOptions, profile: Profile) -> Finding:
    """One rule → one finding, with the engine's dating, error and evidence guarantees."""
    reason = not_in_force_reason(rule, profile, opts.as_of)
    if reason is not None:
        return _finding(rule, profile, RuleResult("not_applicable", reason))
    result = _run(rule, obs, opts)
    if result.outcome == "fail" and ABSENCE_TAG in rule.tags and obs.status != "complete":
        why = f": {obs.status_reason}" if obs.status_reason else ""
        result = RuleResult(
            "needs_review",
            f"{result.message} The walk was {obs.status}{why}, so the absence may not be real.",
            result.evidence,
            result.measure,
        )
    if result.outcome in ("fail", "needs_review") and not result.evidence:
        result = RuleResult(
            result.outcome,
            result.message,
            [_fallback_evidence(obs, result.message)],
            result.measure,
        )
    return _finding(rule, profile, result)


def binding_breaches(findings: list[Finding], profile: Profile, as_of: str) -> list[Breach]:
    """Failed findings resting on a law of the profile's jurisdictions in force on ``as_of``.

    Guidance (jurisdiction ``""``) never binds, and a profile without jurisdictions
    (``generic``) binds nothing: the cap is about law, not best practice.
    """
    out: list[Breach] = []
    for f in findings:
        if f.outcome != "fail":
            continue
        binding = [
            r
            for r in f.references
            if r.jurisdiction and r.jurisdiction in profile.jurisdictions and in_force(r, as_of)
        ]
        if binding:
            # The most local law names the breach best (ES before EU under ``es``).
            ref = max(binding, key=lambda r: profile.jurisdictions.index(r.jurisdiction))
            out.append(
                Breach(
                    slug=f.slug,
                    rule=f.rule,
                    title=f.title,
                    instrument=ref.instrument,
                    article=ref.article,
                    jurisdiction=ref.jurisdiction,
                )
            )
    return out


def _as_of(value: str | None) -> str:
    if value is None:
        return date.today().isoformat()
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ConfigError(f"as_of must be an ISO date like 2026-06-19, not {value!r}") from None


def judge(
    obs: Observations | AuditView,
    profile: str = "generic",
    as_of: str | None = None,
    thresholds: dict[str, float] | None = None,
    selection: Selection | None = None,
) -> Judgement:
    """Every rule of ``profile`` over ``obs`` as of ``as_of`` (today by default), scored.

    Raw observations are derived first (``auditor.derive``, cached): the rules always
    judge today's reading of what the browser saw.

    ``thresholds`` override the profile's (e.g. ``{"max_contact_clicks": 2}``);
    ``selection`` turns rules off, picks them by tag and sets their gate level.
    """
    prof = load_profile(profile)
    day = _as_of(as_of)
    opts = RuleOptions(
        as_of=day, thresholds={**prof.thresholds, **(thresholds or {})}, profile=prof.id
    )
    view = derive(obs) if isinstance(obs, Observations) else obs
    chosen = (selection or Selection()).check()
    rules = [r for r in (by_slug(slug) for slug in prof.rules) if chosen.runs(r)]
    findings = [evaluate_rule(rule, view, opts, prof) for rule in rules]
    for f in findings:
        f.level = chosen.level(f.slug)
    findings.sort(key=lambda f: f.rule)
    return Judgement(
        profile=ProfileRef(id=prof.id, as_of=day, name=prof.name, thresholds=opts.thresholds),
        score=cap_grade(score(findings, prof), binding_breaches(findings, prof, day)),
        findings=findings,
    )
