"""Progress for people and for logs: rich on a terminal, plain lines in CI or a pipe."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from rich.console import Console

if TYPE_CHECKING:
    from reports.model import Report


class PageSink(Protocol):
    def page(self, viewport: str, count: int, url: str, status: int | None) -> None: ...


class Progress:
    def __init__(self, rich: bool) -> None:
        self.rich = rich
        self.console = Console(stderr=True, highlight=False) if rich else None

    @classmethod
    def for_environment(cls) -> Progress:
        ci = os.environ.get("CI", "").lower() in ("1", "true", "yes")
        return cls(rich=sys.stderr.isatty() and not ci)

    def line(self, text: str) -> None:
        if self.console is not None:
            self.console.print(f"[bold cyan]›[/] {text}")
        else:
            print(text, file=sys.stderr, flush=True)

    def page(self, viewport: str, count: int, url: str, status: int | None) -> None:
        shown = f"{viewport:7} #{count:<3} {status or '---'} {url}"
        if self.console is not None:
            self.console.print(f"[dim]{shown}[/]")
        elif count % 10 == 1:
            print(shown, file=sys.stderr, flush=True)

    def summary(self, report: Report, files: dict[str, Path]) -> None:
        """Where the files are and the headline numbers: stdout, so scripts can read it."""
        ms = report.milestones
        parts = []
        for name in ("contact", "complaint", "escalation"):
            m = ms.get(name)
            parts.append(f"{name}={m.clicks if m and m.reached else 'not reached'}")
        print(
            f"friction {report.score.friction:.0f}/100 grade {report.score.grade} "
            f"status {report.status}; clicks: {', '.join(parts)}"
        )
        for fmt, path in files.items():
            print(f"{fmt}: {path}")
