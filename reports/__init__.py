"""RENDER stage: report.json (canonical) and the formats rendered from it (DESIGN §3, §5).

Public entry points (import from here or from the named module):
``build_report`` / ``write_report_json`` / ``load_report`` (reports.build),
``render_all`` / ``render_text`` / ``FORMATS`` (reports.render),
``diff_reports`` / ``is_regression`` (reports.diff).
"""

from __future__ import annotations

from reports.build import ReportFileError, build_report, load_report, write_report_json
from reports.diff import ReportDiff, diff_reports, is_regression
from reports.render import FORMATS, UnknownFormat, render_all, render_text

__all__ = [
    "FORMATS",
    "ReportDiff",
    "ReportFileError",
    "UnknownFormat",
    "build_report",
    "diff_reports",
    "is_regression",
    "load_report",
    "render_all",
    "render_text",
    "write_report_json",
]
