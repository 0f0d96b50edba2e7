"""Progress for people and for logs: rich on a terminal, plain lines in CI or a pipe.

On a terminal each viewport gets a live bar: pages against the page budget, the deepest
click count reached, the time taken, and the milestones found so far (from the pages'
observed kind, the same reading the derive stage starts from).  Under ``CI=true`` or when
stderr is not a terminal the output is a few plain lines a log keeps readable: the first
page of each viewport, every tenth page, and each milestone the first time it is seen.
Either way the run ends with one line that names any budget that ran out, so a bounded
walk is never mistaken for a complete one.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TextIO

from rich.console import Console
from rich.progress import BarColumn, TaskID, TextColumn, TimeElapsedColumn
from rich.progress import Progress as RichProgress

from auditor.models import PageFacts, is_direct_human

if TYPE_CHECKING:
    from reports.model import Report

MILESTONE_KINDS = ("contact", "complaint", "escalation")
PLAIN_EVERY = 10


class PageSink(Protocol):
    def page(
        self, viewport: str, count: int, url: str, status: int | None, clicks: int | None = None
    ) -> None: ...


@dataclass
class _Viewport:
    """What one viewport's walk has shown so far."""

    pages: int = 0
    depth: int = 0
    began: float = field(default_factory=time.monotonic)
    clicks: dict[str, int] = field(default_factory=dict)
    milestones: dict[str, int | None] = field(default_factory=dict)

    def found_text(self) -> str:
        if not self.milestones:
            return "no milestone yet"
        return " ".join(
            f"{name}@{'?' if n is None else f'≥{n}'}"
            for name in MILESTONE_KINDS
            if name in self.milestones
            for n in [self.milestones[name]]
        )


def milestones_on(facts: PageFacts) -> list[str]:
    """The milestones a page shows, as DESIGN §4 counts them (the derive stage decides
    the reported clicks; this is the display's early reading): a direct human channel
    that is not a third party's, a complaint procedure, an escalation route."""
    found = []
    if any(is_direct_human(c.kind, c.human) and c.owner != "third_party" for c in facts.channels):
        found.append("contact")
    if facts.complaint:
        found.append("complaint")
    if facts.escalation:
        found.append("escalation")
    return found


def _closer(new: int | None, known: int | None) -> bool:
    """Whether a page at ``new`` clicks shows a milestone nearer than the one known."""
    return new is not None and (known is None or new < known)


def is_ci(env: dict[str, str] | None = None) -> bool:
    environ = os.environ if env is None else env
    return environ.get("CI", "").strip().lower() in ("1", "true", "yes")


class Progress:
    """The audit's progress on stderr; the headline numbers on stdout (scripts read those)."""

    def __init__(
        self,
        rich: bool,
        *,
        max_pages: int | None = None,
        time_limit: float | None = None,
        stream: TextIO | None = None,
    ) -> None:
        self.rich = rich
        self.max_pages = max_pages
        self.time_limit = time_limit
        self.stream = stream or sys.stderr
        self.console = (
            Console(file=self.stream, highlight=False, force_terminal=True) if rich else None
        )
        self._bars: RichProgress | None = None
        self._tasks: dict[str, TaskID] = {}
        self._views: dict[str, _Viewport] = {}
        self._lock = threading.Lock()

    @classmethod
    def for_environment(
        cls, *, max_pages: int | None = None, time_limit: float | None = None
    ) -> Progress:
        """Rich on a terminal, plain lines under ``CI=true`` or in a pipe."""
        return cls(
            rich=sys.stderr.isatty() and not is_ci(),
            max_pages=max_pages,
            time_limit=time_limit,
        )

    # ---- lines

    def _plain(self, text: str) -> None:
        print(text, file=self.stream, flush=True)

    def line(self, text: str) -> None:
        """A line between walks (the next site of a sweep): the last walk's bars end here."""
        self.close()
        if self.console is not None:
            self.console.print(f"[bold cyan]›[/] {text}")
        else:
            self._plain(text)

    # ---- the live display

    def _bars_for(self) -> RichProgress:
        if self._bars is None:
            assert self.console is not None
            self._bars = RichProgress(
                TextColumn("[bold]{task.fields[viewport]:<7}[/]"),
                BarColumn(bar_width=24),
                TextColumn("{task.completed:>3.0f}/{task.total:.0f} pages"),
                TextColumn("depth {task.fields[depth]}"),
                TimeElapsedColumn(),
                TextColumn("{task.fields[found]}"),
                console=self.console,
                transient=False,
                refresh_per_second=8,
            )
            self._bars.start()
        return self._bars

    def _view(self, viewport: str) -> _Viewport:
        if viewport not in self._views:
            self._views[viewport] = _Viewport()
            if self.console is not None:
                bars = self._bars_for()
                self._tasks[viewport] = bars.add_task(
                    viewport,
                    total=self.max_pages or 1,
                    viewport=viewport,
                    depth=0,
                    found="no milestone yet",
                )
        return self._views[viewport]

    def _refresh(self, viewport: str) -> None:
        view = self._views[viewport]
        if self._bars is not None and viewport in self._tasks:
            self._bars.update(
                self._tasks[viewport],
                completed=view.pages,
                depth=view.depth,
                found=view.found_text(),
            )

    def page(
        self, viewport: str, count: int, url: str, status: int | None, clicks: int | None = None
    ) -> None:
        with self._lock:
            view = self._view(viewport)
            view.pages = count
            if clicks is not None:
                view.clicks[url] = clicks
                view.depth = max(view.depth, clicks)
            if self.console is not None:
                self._refresh(viewport)
                return
        if count == 1 or count % PLAIN_EVERY == 0:
            budget = f"/{self.max_pages}" if self.max_pages else ""
            elapsed = time.monotonic() - view.began
            self._plain(
                f"{viewport} page {count}{budget} depth {view.depth} "
                f"{elapsed:.0f}s {status or '---'} {url}"
            )

    def found(self, viewport: str, url: str, facts: PageFacts) -> None:
        """A page was observed (called from the observer's thread): note its milestones."""
        for kind in milestones_on(facts):
            self._found(viewport, url, kind)

    def _found(self, viewport: str, url: str, kind: str) -> None:
        with self._lock:
            view = self._view(viewport)
            clicks = view.clicks.get(url)
            if kind in view.milestones and not _closer(clicks, view.milestones[kind]):
                return
            view.milestones[kind] = clicks
            if self.console is not None:
                self._refresh(viewport)
                return
        # The page's own clicks are a lower bound: what a press revealed on it lies deeper,
        # and the report counts it exactly once the walk ends.
        at = "on a page reached by a press" if clicks is None else f"on a page {clicks} clicks in"
        self._plain(f"{viewport} found {kind} {at}: {url}")

    def close(self) -> None:
        """Stop the live display (the bars stay on screen as the walk left them).

        The next walk (a sweep's next site) starts from nothing: new bars, no milestones.
        """
        with self._lock:
            if self._bars is not None:
                self._bars.stop()
                self._bars = None
            self._tasks.clear()
            self._views.clear()

    # ---- the end

    def summary(self, report: Report, files: dict[str, Path]) -> None:
        """Where the files are and the headline numbers: stdout, so scripts can read it.

        A budget that ran out is named on stderr in the same words for both displays.
        """
        from reports.view import score_text

        self.close()
        ms = report.milestones
        parts = []
        for name in MILESTONE_KINDS:
            m = ms.get(name)
            parts.append(f"{name}={m.clicks if m and m.reached else 'not reached'}")
        print(f"{score_text(report)} status {report.status}; clicks: {', '.join(parts)}")
        for fmt, path in files.items():
            print(f"{fmt}: {path}")
        for text in budget_lines(report):
            self.line(text)


def budget_lines(report: Report) -> list[str]:
    """One line per budget that ran out: "page budget of 60 reached on desktop"."""
    settings = report.settings
    lines: list[str] = []
    pages = [vp for vp, spent in report.budgets_exhausted.items() if "pages" in spent]
    timed = [vp for vp, spent in report.budgets_exhausted.items() if "time" in spent]
    if pages:
        limit = settings.max_pages if settings else "?"
        lines.append(f"page budget of {limit} reached on {' and '.join(pages)}")
    if timed:
        limit_s = f"{settings.time_limit_s:g}" if settings else "?"
        lines.append(f"time limit of {limit_s} s reached on {' and '.join(timed)}")
    return lines
