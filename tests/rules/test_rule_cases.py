"""Every rule against its hand-built cases (``cases/<slug>.py``), through the engine.

Running through ``evaluate_rule`` (not the bare ``evaluate``) means the cases also prove
the profile's dating (not_applicable before a law is in force), the downgrade of
absence verdicts on incomplete walks, and that every fail carries evidence.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from rulecase import Case

from rules.engine import evaluate_rule, load_profile
from rules.model import RuleOptions
from rules.registry import all_rules, by_slug

CASE_DIR = Path(__file__).parent / "cases"


def _load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"rule_cases_{path.stem.replace('-', '_')}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CASES: dict[str, list[Case]] = {p.stem: list(_load(p).CASES) for p in sorted(CASE_DIR.glob("*.py"))}
PARAMS = [
    pytest.param(slug, case, id=f"{slug}::{case.name}")
    for slug, cases in CASES.items()
    for case in cases
]


@pytest.mark.parametrize(("slug", "case"), PARAMS)
def test_rule_case(slug: str, case: Case) -> None:
    rule = by_slug(slug)
    profile = load_profile(case.profile)
    opts = RuleOptions(
        as_of=case.as_of,
        thresholds={**profile.thresholds, **(case.thresholds or {})},
        profile=profile.id,
    )
    finding = evaluate_rule(rule, case.obs, opts, profile)
    assert finding.outcome == case.expect, finding.message
    assert finding.rule == rule.code and finding.slug == slug
    assert finding.message
    if finding.outcome in ("fail", "needs_review"):
        assert finding.evidence, "a fail or needs_review must carry evidence"
        assert all(e.url or e.snippet for e in finding.evidence)
        assert finding.title == rule.failure_title
    else:
        assert finding.title == rule.title


def test_every_rule_has_pass_and_fail_cases() -> None:
    for rule in all_rules():
        outcomes = {c.expect for c in CASES.get(rule.slug, [])}
        assert {"pass", "fail"} <= outcomes, f"{rule.slug} needs pass and fail cases"


def test_case_files_name_real_rules() -> None:
    known = {r.slug for r in all_rules()}
    assert set(CASES) <= known


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.slug)
def test_rule_on_empty_audit_errors_not_crashes(rule: object) -> None:
    from rulecase import no_walks

    from rules.model import Rule

    assert isinstance(rule, Rule)
    profile = load_profile("generic")
    finding = evaluate_rule(rule, no_walks(), RuleOptions(as_of="2026-01-01"), profile)
    assert finding.outcome in ("error", "not_applicable")
    if finding.outcome == "error":
        assert finding.message.startswith("Missing input")
