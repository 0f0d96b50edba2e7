"""report.pdf: Chromium prints the self-contained report.html with its own PDF engine.

Why Chromium and not a PDF library: the PDF must look like the HTML a client already saw
(same CSS, same SVG drawings, same right-to-left text), and Chromium's print engine
honours the report's ``@media print`` rules (cover page, ``break-inside: avoid`` on
figures, no headings left at a page foot).  The running header (brand, audit date,
profile) and the page numbers come from Chromium's header and footer templates.

The page is loaded with every request refused: report.html is self-contained, so a
request would mean something in it tried to reach out.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from playwright.sync_api import Route, sync_playwright

from auditor.browser import find_chromium, launch_args

if TYPE_CHECKING:
    from reports.model import Report

HEADER_STYLE = "font: 8px system-ui, sans-serif; color: #6b7686; width: 100%; margin: 0 12mm;"


def header_template(report: Report) -> str:
    """Brand · audit date · profile, on every page."""
    date = (report.started_at or "")[:10]
    profile = report.profile.name or report.profile.id
    text = " · ".join(
        x for x in (report.brand or report.target.start_url, date, f"profile {profile}") if x
    )
    return (
        f'<div style="{HEADER_STYLE} display: flex; justify-content: space-between;">'
        f"<span>Complaint friction audit — {escape(text)}</span></div>"
    )


def footer_template() -> str:
    return (
        f'<div style="{HEADER_STYLE} text-align: right;">'
        'Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>'
    )


def print_report_pdf(report: Report, html: str, target: Path) -> None:
    """Write ``html`` (the rendered report) as an A4 PDF at ``target``."""
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=find_chromium(), args=launch_args(loopback_only=True), headless=True
        )
        try:
            page = browser.new_page()

            def refuse(route: Route) -> None:
                route.abort()

            page.route("**/*", refuse)
            page.set_content(html, wait_until="load")
            page.emulate_media(media="print")
            page.pdf(
                path=str(target),
                format="A4",
                print_background=True,
                display_header_footer=True,
                header_template=header_template(report),
                footer_template=footer_template(),
                margin={"top": "18mm", "bottom": "16mm", "left": "12mm", "right": "12mm"},
            )
        finally:
            browser.close()
