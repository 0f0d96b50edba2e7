"""Evidence that stands up: screenshots on every milestone path, and a hash manifest."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from auditor.audit import run_audit
from auditor.models import Settings, Step
from reports.build import build_report
from rules.engine import judge
from tests.conftest import AuditCache
from tests.faults.servers import FaultServer, Handler, Reply, page

pytestmark = pytest.mark.browser


def test_every_step_of_every_milestone_path_has_a_screenshot(audits: AuditCache) -> None:
    audited = audits.get("he-rtl")
    assert set(audited.report.by_viewport) == {"desktop", "mobile"}
    for viewport, walk in audited.report.by_viewport.items():
        for name, milestone in walk.milestones.items():
            assert milestone.reached, f"{viewport} {name}"
            for step in milestone.path:
                assert step.screenshot, f"{viewport} {name}: {step.action} has no image"
                assert step.screenshot.startswith(f"screenshots/{viewport}-")
                image = audited.out / step.screenshot
                assert image.is_file() and image.stat().st_size > 1000


def test_the_evidence_index_names_states_not_labels(audits: AuditCache) -> None:
    # observations.json keeps screenshots by the state they show (raw record only).
    audited = audits.get("he-rtl")
    for walk in audited.observations.walks:
        assert walk.evidence, f"{walk.viewport}: no evidence recorded"
        for key, shot in walk.evidence.items():
            assert key.startswith("http"), key
            assert (audited.out / shot).is_file()


def test_manifest_hashes_every_file_of_the_audit(audits: AuditCache) -> None:
    audited = audits.get("he-rtl")
    manifest = json.loads((audited.out / "manifest.json").read_text())
    assert manifest["algorithm"] == "sha256" and manifest["created_at"].endswith("Z")
    files = manifest["files"]
    on_disk = {
        p.relative_to(audited.out).as_posix()
        for p in audited.out.rglob("*")
        if p.is_file() and p.name != "manifest.json"
    }
    assert set(files) == on_disk
    assert any(name.startswith("screenshots/") for name in files)
    for name, digest in files.items():
        assert hashlib.sha256((audited.out / name).read_bytes()).hexdigest() == digest


MENU_PAGE = """
<header><nav>
  {before}
  <button class="menu-toggle" aria-expanded="false" aria-controls="m">{label}</button>
  <ul id="m" hidden><li><a href="/contact.html">Contact us</a></li></ul>
</nav></header>
<main><h1>Shop</h1><p>Things to buy.</p></main>
<script>
  for (const b of document.querySelectorAll('button[aria-controls]')) {{
    b.addEventListener('click', () => {{
      const m = document.getElementById(b.getAttribute('aria-controls'));
      m.hidden = !m.hidden; b.setAttribute('aria-expanded', String(!m.hidden));
    }});
  }}
</script>
"""
CONTACT_PAGE = (
    "<main><h1>Contact us</h1><p>Call us on 020 7946 0000 or write to "
    "<a href='mailto:help@shop.example'>help@shop.example</a>.</p></main>"
)


def _menu_site(second_visit: str, before: str = "") -> Handler:
    """The start page as the walk saw it, then as the replay finds it."""

    def handler(path: str, n: int) -> Reply:
        if path.startswith("/contact"):
            return page(CONTACT_PAGE, title="Contact us")
        if path == "/":
            label = "Menu" if n == 1 else second_visit
            return page(MENU_PAGE.format(label=label, before=before if n > 1 else ""))
        return Reply("not found", status=404)

    return handler


def _contact_path(tmp_path: Path, handler: Handler) -> list[Step]:
    settings = Settings(max_pages=5, time_limit_s=60, viewports=["desktop"], region="GB")
    with FaultServer(handler) as server:
        obs = run_audit(server.url + "/", settings, tmp_path)
    # The path as the report shows it: derived, with the evidence index's pictures.
    contact = build_report(obs, judge(obs)).milestones["contact"]
    assert contact.reached and [s.action for s in contact.path] == ["load", "expand", "follow"]
    return contact.path


def test_replay_presses_the_walked_control_even_when_another_now_comes_first(
    tmp_path: Path,
) -> None:
    # On the replay a second disclosure control sits before the menu: the walk's element
    # id now names it, and a selector would too; the replay must find "Menu" again.
    decoy = (
        '<button class="menu-toggle" aria-expanded="false" aria-controls="d">Products</button>'
        '<ul id="d" hidden><li><a href="/p.html">Shoes</a></li></ul>'
    )
    path = _contact_path(tmp_path, _menu_site("Menu", before=decoy))
    for step in path:
        assert step.replay is None, step.replay
        assert step.screenshot and (tmp_path / step.screenshot).stat().st_size > 1000
    assert path[1].ref is not None and path[1].ref.name == "Menu"


def test_replay_that_no_longer_finds_the_control_says_so_and_takes_no_picture(
    tmp_path: Path,
) -> None:
    path = _contact_path(tmp_path, _menu_site("Browse"))
    load, expand, follow = path
    assert load.screenshot and load.replay is None  # the start page is still the walk's
    assert expand.replay is not None and expand.replay.startswith("diverged")
    assert "Menu" in expand.replay
    assert expand.screenshot is None and follow.screenshot is None
