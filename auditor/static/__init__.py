"""The static tier: sitemaps and cheap HTTP fetches that tell the browser where to look.

It only proposes.  Every number an audit reports comes from the browser walk; the static
tier ranks its frontier (what a page's HTML promises) and names sitemap-only pages for the
browser to confirm (``PageState.orphan``).
"""

from auditor.static.tier import StaticPlan, run_static

__all__ = ["StaticPlan", "run_static"]
