"""One desktop audit of an in-memory site on 127.0.0.1, in real Chromium, for e2e tests.

Most end-to-end tests of the walk serve a few pages, audit them, and first of all check
that the audit sent nothing but GET/HEAD (DESIGN §8): that check is made here, every time.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from auditor.audit import run_audit
from auditor.demo.serve import LoggedRequest
from auditor.models import Observations, Settings, ViewportWalk
from tests.support.siteserver import SiteServer


def audit_files(
    files: Mapping[str, bytes], out: Path, *, region: str, max_pages: int
) -> tuple[Observations, ViewportWalk, list[LoggedRequest]]:
    """(observations, the desktop walk, the server's request log) of ``files``' site."""
    settings = Settings(
        max_pages=max_pages, viewports=["desktop"], screenshots=False, region=region
    )
    with SiteServer(None, files=dict(files)) as server:
        obs = run_audit(server.url + "/", settings, out)
        seen = server.logged()
    acted = [r for r in seen if r.method not in ("GET", "HEAD")]
    assert acted == [], f"the audit sent requests that could act: {acted}"
    walk = obs.walk("desktop")
    assert walk is not None, "no desktop walk"
    return obs, walk, seen
