"""The auditor as a library: what the CLI calls, and what a script or a worker calls.

    from auditor.api import audit, resolve
    result = audit(resolve({"url": "https://brand.example/", "out": "out"}).config)
    print(result.report.score.friction, result.exit_code)

Every function returns a typed result with an ``exit_code`` and raises only
:class:`auditor.errors.AuditorError` subclasses for problems the user must fix.
"""

from __future__ import annotations

from auditor.api.evidence import verify
from auditor.api.gating import Gates, gates
from auditor.api.reporting import diff, report
from auditor.api.results import (
    DiffResult,
    GateResult,
    ReportResult,
    RunResult,
    SiteResult,
    SweepResult,
    VerifyResult,
)
from auditor.api.runs import audit, judge_and_render, rescore
from auditor.api.sweeps import sweep
from auditor.config import AuditorConfig, Resolved, resolve

__all__ = [
    "AuditorConfig",
    "DiffResult",
    "GateResult",
    "Gates",
    "ReportResult",
    "Resolved",
    "RunResult",
    "SiteResult",
    "SweepResult",
    "VerifyResult",
    "audit",
    "diff",
    "gates",
    "judge_and_render",
    "report",
    "rescore",
    "resolve",
    "sweep",
    "verify",
]
