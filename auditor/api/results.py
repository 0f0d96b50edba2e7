"""What each library entry point returns: typed results that carry their exit code.

The library never exits the process; the CLI turns ``result.exit_code`` into one
(DESIGN §9: 0 fine, 1 a gate failed, 2 usage, 3 audit incomplete).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reports.diff import ReportDiff
from reports.model import Report

EXIT_OK = 0
EXIT_GATE = 1
EXIT_USAGE = 2
EXIT_INCOMPLETE = 3

INCOMPLETE = ("failed", "inconclusive", "partial")


def worst_exit(codes: Iterable[int]) -> int:
    """One code for many runs: an incomplete audit outranks a failed gate."""
    seen = set(codes)
    for code in (EXIT_USAGE, EXIT_INCOMPLETE, EXIT_GATE):
        if code in seen:
            return code
    return EXIT_OK


@dataclass(frozen=True)
class GateResult:
    """The gates (threshold, impact, baseline) one report was held to."""

    failures: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return EXIT_GATE if self.failures else EXIT_OK


@dataclass(frozen=True)
class RunResult:
    """One audit or rescore: the report, the files written, the gates applied."""

    report: Report
    out: Path
    files: dict[str, Path]
    gates: GateResult = field(default_factory=GateResult)

    @property
    def gate_failures(self) -> list[str]:
        return self.gates.failures

    @property
    def exit_code(self) -> int:
        if self.report.status in INCOMPLETE:
            return EXIT_INCOMPLETE
        return self.gates.exit_code


@dataclass(frozen=True)
class SiteResult:
    url: str
    run: RunResult


@dataclass(frozen=True)
class SweepResult:
    """Every site of a sweep and the tables written over them."""

    out: Path
    sites: list[SiteResult]
    files: dict[str, Path]
    infra_errors: list[str] = field(default_factory=list)
    """Sites the machine failed to audit after every retry: the sweep is incomplete."""
    interrupted: str | None = None
    """Why the sweep stopped before its list was done (SIGINT, SIGTERM): run it again to
    resume."""

    @property
    def exit_code(self) -> int:
        codes = [site.run.exit_code for site in self.sites]
        incomplete = bool(self.infra_errors) or self.interrupted is not None
        return worst_exit([*codes, EXIT_INCOMPLETE] if incomplete else codes)


@dataclass(frozen=True)
class DiffResult:
    diff: ReportDiff
    regression: bool

    @property
    def exit_code(self) -> int:
        return EXIT_GATE if self.regression else EXIT_OK


@dataclass(frozen=True)
class ReportResult:
    """A rendered report: the text, and the file it was written to (None: not written)."""

    text: str
    path: Path | None


@dataclass(frozen=True)
class VerifyResult:
    """A run folder checked against its manifest.json."""

    folder: Path
    checked: int
    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not (self.changed or self.missing or self.extra)

    @property
    def exit_code(self) -> int:
        return EXIT_OK if self.intact else EXIT_GATE
