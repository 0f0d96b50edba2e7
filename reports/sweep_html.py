"""sweep.html: the sites of a sweep ranked side by side, the comparison consultants ask for.

Self-contained like report.html: no script, one inline stylesheet allowed by its hash in
a strict Content-Security-Policy, every crawled string escaped by Jinja's autoescape.
Graded sites rank by friction (least first); failed and inconclusive audits carry no grade
and come after them, then the sites not finished yet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, StrictUndefined

from reports import view
from reports.html import content_security_policy, safe_asset_path

CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:2rem;color:#1d232a;background:#fff}
h1{font-size:1.5rem;margin:0 0 .25rem}
p.meta{color:#555;margin:0 0 1.2rem}
p.incomplete{background:#fff4d6;border-left:4px solid #c98a00;padding:.5rem .8rem}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.45rem .6rem;border-bottom:1px solid #e3e6ea;vertical-align:top}
th{background:#f4f6f8;font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.grade{display:inline-block;min-width:1.8rem;text-align:center;border-radius:4px;
padding:.05rem .3rem;font-weight:700}
.good{background:#d9f2e1}.fair{background:#fdf1c7}.poor{background:#fde0c4}
.bad{background:#f9d0d0}.unknown{background:#e8eaed}
ul{margin:0;padding-left:1.1rem}
"""

TEMPLATE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{ csp }}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sweep overview — {{ sites|length }} sites</title>
<style>{{ css }}</style>
</head>
<body>
<h1>Sweep overview</h1>
<p class="meta">{{ sites|length }} sites · profile {{ profile }} · {{ counts }}</p>
{% if not complete %}
<p class="incomplete">This sweep is not complete: {{ pending }} site(s) not finished yet.
The table shows what the ledger holds now.</p>
{% endif %}
<table>
<thead><tr><th>#</th><th>Site</th><th>Grade</th><th>Friction</th>
{% for m in milestones %}<th>{{ m|capitalize }}</th>{% endfor %}
<th>Top findings</th><th>State</th></tr></thead>
<tbody>
{% for s in sites %}
<tr>
<td class="num">{{ loop.index }}</td>
<td>{% if s.report_href %}<a href="{{ s.report_href }}">{{ s.brand or s.url }}</a>
{% else %}{{ s.brand or s.url }}{% endif %}<br><small>{{ s.url }}</small></td>
{% if s.grade %}<td><span class="grade {{ s.grade|grade_tone }}">{{ s.grade }}</span></td>
<td class="num">{{ '%.0f'|format(s.friction) }}</td>
{% elif s.state in ("done", "failed") %}<td><span class="grade unknown">—</span> not graded</td>
<td></td>
{% else %}<td><span class="grade unknown">—</span> pending</td><td></td>{% endif %}
{% for m in milestones %}<td>{{ s.milestones.get(m, '') }}</td>{% endfor %}
<td>{% if s.top %}<ul>{% for f in s.top %}<li>{{ f }}</li>{% endfor %}</ul>{% endif %}</td>
<td>{{ s.state }}{% if s.status %} ({{ s.status }}){% endif %}
{% if s.reason %}<br><small>{{ s.reason }}</small>{% endif %}</td>
</tr>
{% endfor %}
</tbody>
</table>
</body>
</html>
"""


@dataclass
class SweepSite:
    """One row of the overview."""

    url: str
    state: str
    status: str | None = None
    reason: str = ""
    brand: str = ""
    grade: str | None = None
    friction: float | None = None
    milestones: dict[str, str] = field(default_factory=dict)
    top: list[str] = field(default_factory=list)
    report_href: str | None = None


def rank_key(site: SweepSite) -> tuple[int, float, str]:
    """Graded sites by friction, then ungraded results, then unfinished sites."""
    if site.grade is not None and site.friction is not None:
        return (0, site.friction, site.url)
    return (1 if site.state in ("done", "failed") else 2, 0.0, site.url)


def render_sweep_html(sites: list[SweepSite], *, profile: str, complete: bool) -> str:
    env = Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=True)
    env.filters["grade_tone"] = view.grade_tone
    ranked = sorted(sites, key=rank_key)
    for site in ranked:
        site.report_href = safe_asset_path(site.report_href)
    states = {s: sum(x.state == s for x in sites) for s in ("done", "failed", "infra_error")}
    counts = ", ".join(f"{n} {s}" for s, n in states.items() if n) or "nothing finished"
    pending = sum(s.state in ("queued", "running") for s in sites)
    return env.from_string(TEMPLATE).render(
        sites=ranked,
        css=CSS,
        csp=content_security_policy(CSS),
        profile=profile,
        complete=complete,
        pending=pending,
        counts=counts,
        milestones=view.MILESTONES,
    )


def write_sweep_html(sites: list[SweepSite], path: Path, *, profile: str, complete: bool) -> Path:
    path.write_text(render_sweep_html(sites, profile=profile, complete=complete), "utf-8")
    return path


__all__ = ["SweepSite", "rank_key", "render_sweep_html", "write_sweep_html"]
