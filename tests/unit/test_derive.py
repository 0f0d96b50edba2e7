"""The derive stage without a browser: raw records in, clicks, milestones and channels out.

Also proves the point of deriving at judge time: an observations file written by an
older version (schema 1, with its own frozen milestones and inventory) is judged with
today's derivation, and a change to the derivation reaches a file written before it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.derive import clear_cache, derive
from auditor.derive import journey as journey_maths
from auditor.models import (
    OBSERVATIONS_SCHEMA_VERSION,
    Edge,
    Element,
    Observations,
    PageState,
    Press,
    Settings,
    TextBlock,
    ToolInfo,
    ViewportWalk,
    path_shot_keys,
    state_key,
)
from rules.engine import judge

DATA = Path(__file__).parent.parent / "data"
V1_FILE = DATA / "observations-v1-en-good.json"
BASE = "https://brand.example"


def _link(eid: str, text: str, href: str, **kw: object) -> Element:
    return Element.model_validate(
        {"id": eid, "tag": "a", "kind": "link", "text": text, "name": text, "href": href,
         "visible": True, "font_size": 16, "contrast": 7, "region": "main", **kw}
    )  # fmt: skip


def _page(path: str, **kw: object) -> PageState:
    url = f"{BASE}{path}"
    return PageState.model_validate({"url": url, "requested_url": url, "status": 200, **kw})


def _edge(src: str, dst: str, eid: str, label: str, depth: int = 0) -> Edge:
    return Edge(
        source=f"{BASE}{src}",
        target=f"{BASE}{dst}",
        element_id=eid,
        label=label,
        selector=f"#{eid}",
        depth=depth,
    )


def _site() -> Observations:
    """Home → Help → (press "Still need help?") → Contact us → a phone; plus a shortcut.

    The home page also links to the contact page through a tiny footer link, so the
    shortest path is 1 click but the prominent one is 3 (help, expand, contact).
    """
    home = _page(
        "/",
        title="Brand",
        elements=[
            _link("h1", "Help", f"{BASE}/help"),
            _link("h2", "Contact", f"{BASE}/contact", font_size=9, region="footer"),
        ],
    )
    help_page = _page(
        "/help",
        title="Help centre",
        elements=[
            Element(id="p1", tag="summary", kind="control", text="Still need help?", visible=True),
            _link("c1", "Contact us", f"{BASE}/contact", revealed_by="p1", depth=1),
        ],
        presses=[Press(element_id="p1", action="expand", label="Still need help?", selector="#p1")],
    )
    contact = _page(
        "/contact",
        title="Contact us",
        text_blocks=[
            TextBlock(id="t1", text="Call us on 0800 123 4567", visible=True, region="main")
        ],
    )
    walk = ViewportWalk(
        viewport="desktop",
        width=1366,
        height=768,
        pages=[home, help_page, contact],
        edges=[
            _edge("/", "/help", "h1", "Help"),
            _edge("/", "/contact", "h2", "Contact"),
            _edge("/help", "/contact", "c1", "Contact us", depth=1),
        ],
    )
    return Observations(
        tool=ToolInfo(version="test"),
        start_url=f"{BASE}/",
        started_at="2026-01-01T00:00:00Z",
        settings=Settings(region="GB"),
        walks=[walk],
    )


def test_clicks_are_shortest_paths_and_carry_their_path() -> None:
    view = derive(_site())
    walk = view.walk("desktop")
    assert walk is not None
    assert walk.clicks == {f"{BASE}/": 0, f"{BASE}/help": 1, f"{BASE}/contact": 1}
    contact = view.milestones["contact"]
    assert contact.reached and contact.clicks == 1 and contact.url == f"{BASE}/contact"
    assert [s.action for s in contact.path] == ["load", "follow"]
    assert contact.path[-1].element_id == "h2"
    assert contact.path[-1].state == state_key(f"{BASE}/contact")


def test_prominence_ignores_the_tiny_footer_link() -> None:
    contact = derive(_site()).milestones["contact"]
    assert contact.prominent_clicks is None  # the accordion press is low-prominence too
    assert any("footer" in r for r in contact.hidden_reasons)
    assert any("tiny" in r for r in contact.hidden_reasons)


def test_press_steps_name_the_state_they_leave() -> None:
    obs = _site()
    obs.walks[0].edges.pop(1)  # no footer shortcut: help → expand → contact
    contact = derive(obs).milestones["contact"]
    assert contact.clicks == 3
    expand = contact.path[2]
    assert expand.action == "expand" and expand.element_id == "p1"
    assert expand.state == state_key(f"{BASE}/help", ["p1"])
    keys = path_shot_keys(contact.path, contact.selector)
    assert keys[1] == f"{BASE}/help|#p1"  # the help page, its accordion outlined


def test_channels_are_merged_with_clicks_per_viewport() -> None:
    view = derive(_site())
    phones = [c for c in view.channels if c.kind == "phone"]
    assert [c.value for c in phones] == ["+448001234567"]
    assert phones[0].cost == "free"
    assert phones[0].clicks == 1 and phones[0].clicks_by_viewport == {"desktop": 1}


def test_a_dead_end_offers_nothing_even_if_its_text_has_a_number() -> None:
    obs = _site()
    obs.walks[0].pages[2].status = 404
    view = derive(obs)
    walk = view.walk("desktop")
    assert walk is not None
    facts = walk.facts_of(f"{BASE}/contact")
    assert facts is not None and facts.dead_end == "http_error" and not facts.channels
    assert not view.milestones["contact"].reached


def test_derivation_is_cached_on_content() -> None:
    obs = _site()
    first = derive(obs)
    assert derive(obs) is first
    obs.walks[0].pages[2].status = 500
    assert derive(obs) is not first


def test_raw_observations_carry_no_derived_fields() -> None:
    data = json.loads(_site().model_dump_json())
    assert data["schema_version"] == OBSERVATIONS_SCHEMA_VERSION == "2"
    assert not {"milestones", "channels", "region"} & set(data)
    assert not {"facts", "clicks", "paths", "milestones"} & set(data["walks"][0])


def test_a_schema_1_file_is_upgraded_and_its_frozen_numbers_ignored() -> None:
    raw = json.loads(V1_FILE.read_text(encoding="utf-8"))
    assert raw["schema_version"] == "1"
    assert raw["milestones"]["contact"]["clicks"] == 7  # frozen (and wrong) in the file
    obs = Observations.model_validate(raw)
    assert obs.schema_version == "2"
    view = derive(obs)
    assert view.milestones["contact"].clicks == 0  # the phone is in the header
    values = {c.value for c in view.channels}
    assert "+442000000000" not in values  # the file's own inventory is not trusted
    assert "+448000852323" in values


def test_rescore_applies_todays_derivation_to_an_old_file(tmp_path: Path) -> None:
    out = tmp_path / "rescored"
    done = subprocess.run(
        [sys.executable, "-m", "auditor", "rescore", str(V1_FILE), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode in (0, 1), done.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["milestones"]["contact"]["clicks"] == 0
    assert "+442000000000" not in {c["value"] for c in report["channels"]}


def test_a_change_in_the_derivation_reaches_a_file_written_before_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    obs = _site()
    obs.walks[0].pages[0].elements[1].region = "main"  # a 9 px link in the page body
    saved = tmp_path / "observations.json"
    saved.write_text(obs.model_dump_json(), encoding="utf-8")

    def contact_hidden() -> str:
        obs = Observations.model_validate_json(saved.read_text(encoding="utf-8"))
        found = next(f for f in judge(obs).findings if f.slug == "contact-hidden")
        return str(found.outcome)

    assert contact_hidden() == "fail"
    # Tomorrow's derivation: 9 px text counts as prominent. The file is not rewritten.
    monkeypatch.setattr(journey_maths, "MIN_PROMINENT_FONT_PX", 8.0)
    clear_cache()
    assert contact_hidden() == "pass"
    clear_cache()


def test_an_alias_recorded_before_its_page_never_stands_for_it() -> None:
    """Two tabs: one follows "Contacto" (a meta refresh to /contactos), the other reaches
    /contactos directly; the refresh's empty alias record may be written first."""
    clear_cache()
    home = _page(
        "/",
        title="Brand",
        elements=[
            _link("a", "Contacto", f"{BASE}/contacto"),
            _link("b", "Todos los contactos", f"{BASE}/contactos"),
        ],
    )
    alias = PageState(url=f"{BASE}/contactos", requested_url=f"{BASE}/contacto", status=200)
    contactos = _page(
        "/contactos",
        title="Contactos",
        text_blocks=[TextBlock(id="t1", text="Ligue 213 456 789", visible=True, region="main")],
    )
    walk = ViewportWalk(
        viewport="desktop",
        width=1366,
        height=768,
        pages=[home, alias, contactos],
        edges=[
            _edge("/", "/contacto", "a", "Contacto"),
            _edge("/", "/contactos", "b", "Todos los contactos"),
        ],
    )
    obs = Observations(
        tool=ToolInfo(version="test"),
        start_url=f"{BASE}/",
        started_at="2026-01-01T00:00:00Z",
        settings=Settings(region="PT"),
        walks=[walk],
    )
    view = derive(obs)
    phone = next(c for c in view.channels if c.value == "+351213456789")
    assert phone.clicks == 1
    facts = view.walks[0].facts_of(f"{BASE}/contactos")
    assert facts is not None and facts.channels
