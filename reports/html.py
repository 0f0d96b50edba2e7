"""The client-facing HTML report: one self-contained file, safe to open from anywhere.

Why it is built this way (DESIGN §2, §8):
- Everything shown comes from crawled pages, which are hostile input.  Jinja2 autoescape
  is always on, only http(s) URLs become links, screenshot paths must be plain relative
  paths, and a strict Content-Security-Policy (no scripts at all, styles only by hash)
  stops anything that slips through from running.
- The file makes no network request: no CDN, no web font.  Screenshots are inlined as
  ``data:`` URIs by default, so report.html alone is the whole report and can be mailed
  to a client; ``inline_images=False`` links them as relative files instead.  Each
  screenshot opens full size without JavaScript (a ``:target`` figure).
"""

from __future__ import annotations

import base64
import hashlib
import mimetypes
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from reports import view
from reports.journeymap import goal_text, journey_maps
from reports.model import Focus, Report
from reports.rulemeta import how_to_fix
from reports.summary import summary
from reports.urls import display_url, host_of, is_web_url, short_url
from rules.model import CATEGORY_TITLES

TEMPLATE = "report.html.j2"
# A path next to this file, not PackageLoader: a ``tests/reports`` folder on sys.path can
# make ``reports`` resolve as a namespace package, which PackageLoader cannot read.
TEMPLATES = Path(__file__).resolve().parent / "templates"
STYLESHEET = TEMPLATES / "report.css"
MAX_INLINE_BYTES = 4_000_000


def safe_asset_path(path: str | None) -> str | None:
    """A screenshot reference the report may load: relative, inside the folder, no scheme."""
    if not path:
        return None
    p = path.replace("\\", "/").strip()
    pure = PurePosixPath(p)
    if (
        not p
        or pure.is_absolute()
        or ":" in p
        or ".." in pure.parts
        or any(ch in p for ch in "\"'<>`\n\r\t")
    ):
        return None
    return p


def link(url: str | None, text: str | None = None, cls: str = "url") -> Markup:
    """An ``<a>`` for http(s) URLs; any other URL (``javascript:``, ``data:``…) as plain text."""
    if not url:
        return Markup("")
    shown = escape(text if text else display_url(url))
    if is_web_url(url):
        return Markup(
            '<a class="{cls}" href="{href}" rel="noopener noreferrer nofollow" dir="ltr">'
            "{shown}</a>"
        ).format(cls=cls, href=url.strip(), shown=shown)
    return Markup('<span class="{cls} url-unsafe" dir="ltr">{shown}</span>').format(
        cls=cls, shown=shown
    )


def score_text(value: float | None) -> str:
    """62.5 → "62.5", 40.0 → "40": one decimal at most, no trailing zero."""
    if value is None:
        return "n/a"
    return f"{round(value, 1):g}"


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def duration_text(start: str | None, end: str | None) -> str:
    a, b = _parse_time(start), _parse_time(end)
    if a is None or b is None:
        return "unknown"
    try:
        seconds = int((b - a).total_seconds())
    except TypeError:  # one naive, one aware
        return "unknown"
    if seconds < 0:
        return "unknown"
    minutes, secs = divmod(seconds, 60)
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


def nice_time(value: str | None) -> str:
    t = _parse_time(value)
    if t is None:
        return value or "—"
    offset = t.utcoffset()
    suffix = " UTC" if offset is not None and offset.total_seconds() == 0 else ""
    return t.strftime("%d %b %Y, %H:%M") + suffix


def nice_date(value: str | None) -> str:
    t = _parse_time(value)
    return t.strftime("%d %B %Y") if t else (value or "—")


@dataclass(frozen=True)
class Shot:
    """One use of a screenshot: its ``src`` (None when unusable) and a unique figure id."""

    n: int
    src: str | None
    missing: bool
    zoom: str = ""  # CSS class of the crop around the outlined control, if known


class _Images:
    """Screenshot references → ``src``: ``data:`` URIs by default, relative links on request.

    References are relative to the folder of report.json; a rescored report's
    screenshots stay in the folder of the original audit, so further folders
    (``asset_dirs``) are searched in order.  A referenced file found nowhere is
    ``missing``: the template shows a placeholder, never a broken image.
    """

    def __init__(
        self,
        base_dir: Path | None,
        inline: bool,
        asset_dirs: list[Path],
        focus: dict[str, Focus] | None = None,
    ) -> None:
        self.base_dir = base_dir
        self.inline = inline
        self.dirs = [d for d in [base_dir, *asset_dirs] if d is not None]
        self._uris: dict[Path, str | None] = {}
        self.count = 0
        self.zooms = {path: f"fz-{i}" for i, path in enumerate(sorted(focus or {}))}
        self.zoom_css = "".join(
            zoom_rule(self.zooms[path], box) for path, box in sorted((focus or {}).items())
        )

    def _locate(self, rel: str) -> Path | None:
        return next((d / rel for d in self.dirs if (d / rel).is_file()), None)

    def _data_uri(self, file: Path) -> str | None:
        if file not in self._uris:
            self._uris[file] = _encode(file)
        return self._uris[file]

    def _link(self, rel: str, file: Path) -> str:
        if self.base_dir is None or file == self.base_dir / rel:
            return rel
        return Path(os.path.relpath(file, self.base_dir)).as_posix()

    def src(self, path: str | None) -> tuple[str | None, bool]:
        """(src, missing) for a screenshot reference."""
        rel = safe_asset_path(path)
        if rel is None:
            return None, False
        if not self.dirs:  # nowhere to look: trust the reference as a relative link
            return (None, True) if self.inline else (rel, False)
        file = self._locate(rel)
        if file is None:
            return None, True
        if not self.inline:
            return self._link(rel, file), False
        uri = self._data_uri(file)
        if uri:
            return uri, False
        # Too big to inline: link it rather than lose it (an SVG or non-image never shows).
        return (self._link(rel, file), False) if _raster(file) else (None, True)

    def __call__(self, path: str | None) -> Shot:
        self.count += 1
        src, missing = self.src(path)
        return Shot(n=self.count, src=src, missing=missing, zoom=self.zooms.get(path or "", ""))


ZOOM_WIDTH = 0.3  # the control fills about this share of the thumbnail's width
MAX_ZOOM = 3.0


def _shift(origin: float, zoom: float) -> float:
    """Move the control toward the centre, but never so far that an edge shows blank."""
    low, high = 1 - origin - zoom * (1 - origin), origin * (zoom - 1)
    return max(low, min(high, 0.5 - origin))


def zoom_rule(cls: str, box: Focus) -> str:
    """CSS that crops a thumbnail around the outlined control (numbers only: no injection).

    ``object-position: p%`` puts the image point at p% on the box point at p%, so
    scaling about that same point zooms into the control; the translate brings it to
    the middle of the thumbnail.
    """
    cx, cy = box.x + box.width / 2, box.y + box.height / 2
    zoom = max(1.0, min(MAX_ZOOM, ZOOM_WIDTH / max(box.width, 0.01)))
    sx, sy = _shift(cx, zoom), _shift(cy, zoom)
    return (
        f".{cls}:not(:target) img{{object-position:{cx:.2%} {cy:.2%};"
        f"transform-origin:{cx:.2%} {cy:.2%};"
        f"transform:translate({sx:.2%},{sy:.2%}) scale({zoom:.2f})}}\n"
    )


def _raster(file: Path) -> bool:
    """A bitmap image type (an SVG could carry script or fetch, so it is never shown)."""
    mime = mimetypes.guess_type(file.name)[0] or ""
    return mime.startswith("image/") and mime != "image/svg+xml"


def _encode(file: Path) -> str | None:
    """A raster image as a ``data:`` URI; None for anything else or anything too big."""
    mime = mimetypes.guess_type(file.name)[0] or ""
    if not _raster(file):
        return None
    try:
        if file.stat().st_size > MAX_INLINE_BYTES:
            return None
        data = file.read_bytes()
    except OSError:
        return None
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["link"] = link
    env.filters["clicks"] = view.clicks_text
    env.filters["nice_time"] = nice_time
    env.filters["score"] = score_text
    env.filters["nice_date"] = nice_date
    env.filters["grade_tone"] = view.grade_tone
    env.filters["friction_tone"] = view.friction_tone
    return env


def stylesheet() -> str:
    return STYLESHEET.read_text(encoding="utf-8")


def content_security_policy(css: str) -> str:
    """No script, no fetch, no frame: images from the folder or data:, styles by hash."""
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; img-src 'self' data:; "
        f"style-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )


def _ring(friction: float) -> dict[str, float]:
    radius = 52.0
    circumference = 2 * 3.141592653589793 * radius
    filled = max(0.0, min(100.0, friction)) / 100 * circumference
    return {"r": radius, "c": round(circumference, 2), "filled": round(filled, 2)}


def _context(report: Report, images: _Images) -> dict[str, Any]:
    css = stylesheet() + images.zoom_css
    host = host_of(report.target.final_url or report.target.start_url)
    brief = summary(report)

    def slink(url: str | None) -> Markup:
        """A link labelled with its path when it is on the audited host."""
        return link(url, short_url(url, host)) if url else Markup("")

    counts = view.outcome_counts(report)
    s = report.settings
    return {
        "r": report,
        "css": Markup(css),
        "csp": content_security_policy(css),
        "host": host,
        "slink": slink,
        "how_to_fix": how_to_fix,
        "headline": view.headline(report),
        "grade_tone": view.grade_tone(report.score.grade or ""),
        "ring": _ring(report.score.friction or 0.0),
        "counts": counts,
        "channel_counts": view.channel_counts(report),
        "cards": view.milestone_cards(report),
        "groups": view.finding_groups(report),
        "categories": [
            (cid, c.title or CATEGORY_TITLES.get(cid, cid), c)
            for cid, c in report.score.categories.items()
        ],
        "outcome_labels": view.OUTCOME_LABELS,
        "status_note": view.STATUS_NOTES.get(report.status, ""),
        "duration": duration_text(report.started_at, report.finished_at),
        "img": images,
        "settings": s,
        "milestone_titles": view.MILESTONE_TITLES,
        "action_labels": view.ACTION_LABELS,
        "summary": brief,
        "graded": brief.graded,
        "brand": report.brand or host,
        "maps": journey_maps(report, host),
        "goal_text": goal_text,
        "cap_reason": brief.cap_reason,
    }


def render_html(
    report: Report,
    *,
    base_dir: str | Path | None = None,
    inline_images: bool = True,
    asset_dirs: list[Path] | None = None,
) -> str:
    """Render the report as one HTML document.

    ``base_dir`` is the folder screenshot paths are relative to (the folder of
    report.json); ``asset_dirs`` are searched after it (a rescore's original audit
    folder).  Screenshots are inlined unless ``inline_images`` is False.
    """
    images = _Images(
        Path(base_dir) if base_dir is not None else None,
        inline_images,
        list(asset_dirs or []),
        report.focus,
    )
    template = _environment().get_template(TEMPLATE)
    return template.render(_context(report, images))


def write_html(
    report: Report,
    path: str | Path,
    *,
    inline_images: bool = True,
    asset_dirs: list[Path] | None = None,
) -> Path:
    """Write report.html; screenshot paths resolve against the file's own folder first."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    html = render_html(
        report, base_dir=target.parent, inline_images=inline_images, asset_dirs=asset_dirs
    )
    target.write_text(html, encoding="utf-8")
    return target
