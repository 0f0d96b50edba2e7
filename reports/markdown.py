"""A Markdown summary sized for a pull-request comment or a CI job summary.

It shows what a reviewer must act on (status, score, milestones, failures) and leaves the
detail to the HTML report.  Crawled text is untrusted here too: GitHub renders Markdown
with HTML, so every crawled string is escaped and only http(s) URLs become links.
"""

from __future__ import annotations

import html
import re

from reports import view
from reports.model import Report
from reports.urls import display_url, is_web_url

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>])")


def md_text(text: str | None) -> str:
    """Escape crawled text for one line of Markdown: no HTML, no markup, no line breaks."""
    if not text:
        return ""
    flat = " ".join(text.split())
    return _MD_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))


def md_link(url: str | None, text: str | None = None) -> str:
    if not url:
        return ""
    label = md_text(text or display_url(url))
    if is_web_url(url):
        target = url.strip().replace(" ", "%20").replace("(", "%28").replace(")", "%29")
        return f"[{label}](<{target}>)" if ">" not in target else label
    return f"`{url.replace('`', '')}`"


def _clicks(reached: bool, clicks: int | None) -> str:
    return str(clicks) if reached and clicks is not None else "—"


def render_markdown(report: Report, *, html_report: str | None = None, max_items: int = 20) -> str:
    """The PR-comment summary. ``html_report`` may name the full report (e.g. an artifact URL)."""
    lines: list[str] = []
    target = report.target.final_url or report.target.start_url
    counts = view.outcome_counts(report)
    friction, grade = report.score.friction, report.score.grade
    if friction is None or grade is None:
        lines.append(f"## Complaint friction: not graded ({report.status} audit)")
    else:
        lines.append(f"## Complaint friction: {md_text(grade)} · {friction:g}/100")
    lines.append("")
    lines.append(
        f"{md_link(target)} · profile `{md_text(report.profile.id)}` as of "
        f"{md_text(report.profile.as_of)} · {counts['fail']} failed, "
        f"{counts['needs_review']} to review, {counts['pass']} passed"
    )
    if report.status != "complete":
        note = view.STATUS_NOTES.get(report.status, "")
        reason = f" Reason: {md_text(report.status_reason)}" if report.status_reason else ""
        lines += ["", "> [!WARNING]", f"> **{report.status.capitalize()} audit.** {note}{reason}"]
    lines += ["", "| milestone | " + " | ".join(report.viewports) + " |"]
    lines.append("|---|" + "---:|" * len(report.viewports))
    for card in view.milestone_cards(report):
        cells = [_clicks(*card.by_viewport.get(vp, (False, None))) for vp in report.viewports]
        lines.append(f"| {card.title} | " + " | ".join(cells) + " |")
    problems = sorted(
        (f for f in report.findings if f.outcome in view.OPEN_OUTCOMES),
        key=view.finding_sort_key,
    )
    if problems:
        lines += ["", "### Findings", ""]
        for f in problems[:max_items]:
            icon = "❌" if f.outcome == "fail" else "⚠️"
            where = next((e.url for e in f.evidence if e.url), "")
            at = f" — {md_link(where)}" if where else ""
            lines.append(
                f"- {icon} **{md_text(f.title)}** (`{f.slug}`, {f.impact}): "
                f"{md_text(f.message)}{at}"
            )
        if len(problems) > max_items:
            lines.append(f"- … and {len(problems) - max_items} more")
    lines += _third_parties(report, max_items)
    errors = [f for f in report.findings if f.outcome == "error"]
    if errors:
        slugs = ", ".join(f"`{f.slug}`" for f in errors)
        lines += ["", f"Not evaluated (missing input): {slugs}"]
    kinds = view.channel_counts(report)
    if kinds:
        summary = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
        lines += ["", f"Channels found: {summary}."]
    if html_report:
        shown = (
            md_link(html_report, "report.html") if is_web_url(html_report) else md_text(html_report)
        )
        lines += ["", f"Full report: {shown}"]
    lines += ["", f"<sub>{md_text(report.tool.name)} {md_text(report.tool.version)}</sub>", ""]
    return "\n".join(lines)


def _third_parties(report: Report, max_items: int) -> list[str]:
    """Other organisations' contacts, apart: they never count as the brand's."""
    if not report.third_party_contacts:
        return []
    lines = ["", "### Third-party contacts (not the brand's)", ""]
    for c in report.third_party_contacts[:max_items]:
        who = md_text(c.owner_name or "unnamed")
        role = md_text((c.owner_role or "other").replace("_", " "))
        lines.append(f"- {md_text(c.kind)} `{md_text(c.value)}` — {who} ({role})")
    return lines
