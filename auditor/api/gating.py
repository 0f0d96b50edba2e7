"""CI gates over a finished report (DESIGN §9: a failed gate is exit 1)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from auditor.api.results import GateResult
from auditor.config import IMPACTS, AuditorConfig
from auditor.errors import InputFileError
from reports.build import load_report
from reports.diff import (
    DEFAULT_TOLERANCE,
    BaselineSiteError,
    check_same_site,
    diff_reports,
    is_regression,
    regression_message,
    site_of,
)
from reports.model import Report
from reports.urls import host_of


@dataclass(frozen=True)
class Gates:
    fail_over: float | None = None
    fail_on: str | None = None
    baseline: Path | None = None
    tolerance: float = DEFAULT_TOLERANCE
    baseline_report: Report | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, config: AuditorConfig) -> Gates:
        return cls(config.fail_over, config.fail_on, config.baseline, config.tolerance)

    def loaded(self) -> Gates:
        """The baseline read now, before any browser starts and before ``--replace`` clears
        the folder it may live in: a missing or broken baseline is a usage error up front."""
        if self.baseline is None or self.baseline_report is not None:
            return self
        if not self.baseline.is_file():
            raise InputFileError(f"baseline not found: {self.baseline}")
        return replace(self, baseline_report=load_report(self.baseline))

    def for_site(self, url: str | None) -> Gates:
        """Refuse, before any browser starts, a baseline that audited another site."""
        if self.baseline_report is None or not url:
            return self
        from auditor.walk.scope import site_key

        theirs, ours = site_of(self.baseline_report), site_key(host_of(url))
        if theirs != ours:
            raise BaselineSiteError(
                f"baseline {self.baseline} audited {theirs}, not {ours}: "
                "refusing to compare different sites"
            )
        return self


def gates(report: Report, gates: Gates) -> GateResult:
    """Each failed gate as one line."""
    failures: list[str] = []
    friction = report.score.friction  # None: not graded, nothing to compare (exit 3 anyway)
    if gates.fail_over is not None and friction is not None and friction > gates.fail_over:
        failures.append(f"friction {friction:.0f} is over the threshold {gates.fail_over:g}")
    errors = [f.slug for f in report.findings if f.outcome == "fail" and f.level == "error"]
    if errors:
        failures.append(f"{len(errors)} error-level rule(s) failed: {', '.join(errors)}")
    if gates.fail_on is not None:
        floor = IMPACTS.index(gates.fail_on)
        bad = [
            f.slug
            for f in report.findings
            if f.outcome == "fail" and f.level is None and IMPACTS.index(f.impact) >= floor
        ]
        if bad:
            failures.append(
                f"{len(bad)} failing rule(s) at or above {gates.fail_on}: {', '.join(bad)}"
            )
    if gates.baseline is not None:
        old = gates.baseline_report or load_report(gates.baseline)
        check_same_site(old, report)
        diff = diff_reports(old, report)
        if is_regression(diff, gates.tolerance):
            failures.append(
                f"{regression_message(diff, gates.tolerance)} (baseline {gates.baseline})"
            )
    return GateResult(failures)
