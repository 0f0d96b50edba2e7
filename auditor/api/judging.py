"""Observations → report: the one place the library calls the rule engine and the builder.

Their signatures are free to change; only this function follows them.
"""

from __future__ import annotations

from auditor.models import Observations
from reports.build import build_report
from reports.model import Report
from rules.engine import Selection, judge


def judge_observations(
    obs: Observations,
    *,
    profile: str = "generic",
    as_of: str | None = None,
    thresholds: dict[str, float] | None = None,
    selection: Selection | None = None,
) -> Report:
    judgement = judge(obs, profile=profile, as_of=as_of, thresholds=thresholds, selection=selection)
    return build_report(obs, judgement)
