"""The GitHub Actions job summary: the Markdown report appended to ``$GITHUB_STEP_SUMMARY``.

GitHub shows whatever a step appends to that file on the run's page, so a reviewer sees
the verdict without downloading an artifact.  It is appended, never overwritten: other
steps of the same job write there too.
"""

from __future__ import annotations

from pathlib import Path

from auditor.errors import OutputError
from reports.markdown import md_text, render_markdown
from reports.model import Report


def step_summary_text(report: Report, gate_failures: list[str]) -> str:
    text = render_markdown(report)
    if gate_failures:
        lines = ["", "### Gates failed", ""] + [f"- {md_text(line)}" for line in gate_failures]
        text = text.rstrip("\n") + "\n" + "\n".join(lines) + "\n"
    return text + "\n"


def append_step_summary(path: Path, report: Report, gate_failures: list[str]) -> Path:
    try:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(step_summary_text(report, gate_failures))
    except OSError as exc:
        raise OutputError(f"step summary {path}: cannot write ({exc.strerror or exc})") from None
    return path
