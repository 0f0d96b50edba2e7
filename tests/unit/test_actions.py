"""The action interpreter against an in-memory page: same element, or a stated divergence."""

from __future__ import annotations

import asyncio

from auditor.models import ElementRef, Step
from auditor.walk.actions import Interpreter, matches, ref_of
from auditor.walk.driver import PageDriver
from tests.unit.fakepage import FakeElement, FakePage

MENU = FakeElement("Menu", reveals=["Contact us"])
CONTACT = FakeElement("Contact us", kind="link", tag="a", href="http://s/contact", visible=False)
DECOY = FakeElement("Products", reveals=["Shoes"])
SHOES = FakeElement("Shoes", kind="link", tag="a", href="http://s/shoes", visible=False)


def _run(page: FakePage, steps: list[Step]) -> list[tuple[bool, str]]:
    async def go() -> list[tuple[bool, str]]:
        driver: PageDriver = page
        tab = Interpreter(driver, {})
        out = []
        for step in steps:
            done = await tab.run(step)
            out.append((done.ok, done.note))
            if not done.ok:
                break
            await tab.observe()
        return out

    return asyncio.run(go())


def _walked_path() -> list[Step]:
    """Walk the original site and record the steps as the journey would."""
    page = FakePage({"http://s/": [MENU, CONTACT], "http://s/contact": []})

    async def walk() -> list[Step]:
        tab = Interpreter(page, {})
        await tab.run(Step(action="load", url="http://s/"))
        snap = await tab.observe()
        menu = ref_of(next(r for r in snap.elements if r["name"] == "Menu"))
        assert (await tab.run(Step(action="expand", url="", ref=menu))).ok
        after = await tab.observe({"e0": 1}, full=False)
        link = ref_of(next(r for r in after.elements if r["name"] == "Contact us"))
        return [
            Step(action="load", url="http://s/"),
            Step(action="expand", label="Menu", url="http://s/", ref=menu),
            Step(action="follow", label="Contact us", url="http://s/contact", ref=link),
        ]

    return asyncio.run(walk())


def test_a_walked_path_replays_on_the_same_elements() -> None:
    path = _walked_path()
    page = FakePage({"http://s/": [MENU, CONTACT], "http://s/contact": []})
    assert _run(page, path) == [(True, ""), (True, ""), (True, "")]
    assert page.log == ["load http://s/", "press Menu", "load http://s/contact"]


def test_a_reordered_page_still_gets_the_walked_control_pressed() -> None:
    path = _walked_path()
    assert path[1].ref is not None and path[1].ref.id == "e0"
    # Now "Products" is e0: pressing by id or by first selector would open the wrong menu.
    page = FakePage({"http://s/": [DECOY, SHOES, MENU, CONTACT], "http://s/contact": []})
    results = _run(page, path)
    assert all(ok for ok, _ in results)
    assert "press Products" not in page.log and "press Menu" in page.log


def test_a_control_that_is_gone_is_a_divergence_and_nothing_is_pressed() -> None:
    path = _walked_path()
    renamed = FakeElement("Browse", reveals=["Contact us"])
    page = FakePage({"http://s/": [renamed, CONTACT], "http://s/contact": []})
    results = _run(page, path)
    assert results[0] == (True, "")
    ok, note = results[1]
    assert not ok and "Menu" in note and "Browse" in note
    assert page.log == ["load http://s/"]


def test_a_link_whose_target_changed_is_not_followed() -> None:
    path = _walked_path()
    moved = FakeElement("Contact us", kind="link", tag="a", href="http://s/elsewhere")
    moved.visible = False
    page = FakePage({"http://s/": [MENU, moved], "http://s/contact": []})
    results = _run(page, path)
    assert results[1] == (True, "")
    assert not results[2][0]
    assert page.log == ["load http://s/", "press Menu"]


def test_identical_links_with_one_target_are_interchangeable() -> None:
    ref = ElementRef(id="e9", tag="a", kind="link", name="Help", href="http://s/help")
    page = FakePage(
        {
            "http://s/": [
                FakeElement("Help", kind="link", tag="a", href="http://s/help"),
                FakeElement("Help", kind="link", tag="a", href="http://s/help"),
            ],
            "http://s/help": [],
        }
    )
    results = _run(
        page,
        [Step(action="load", url="http://s/"), Step(action="follow", url="http://s/help", ref=ref)],
    )
    assert results == [(True, ""), (True, "")]


def test_two_controls_with_one_name_and_no_place_to_tell_them_apart_diverge() -> None:
    ref = ElementRef(id="e9", tag="button", kind="button", name="More", selector="x")
    page = FakePage({"http://s/": [FakeElement("More"), FakeElement("More")]})
    results = _run(
        page, [Step(action="load", url="http://s/"), Step(action="expand", url="", ref=ref)]
    )
    assert not results[1][0]
    assert "press More" not in page.log


def test_a_press_without_a_recorded_element_is_refused() -> None:
    page = FakePage({"http://s/": [MENU]})
    results = _run(page, [Step(action="load", url="http://s/"), Step(action="press", url="")])
    assert results[1] == (False, "no element recorded for this press")


def test_a_failed_load_is_a_result_not_an_exception() -> None:
    results = _run(FakePage({}), [Step(action="load", url="http://s/")])
    assert results[0][0] is False and "ERR_CONNECTION_REFUSED" in results[0][1]


def test_matching_ignores_whitespace_but_not_the_role() -> None:
    raw = {"id": "e1", "tag": "div", "kind": "control", "name": "Open  menu", "role": "button"}
    assert matches(raw, ElementRef(id="e1", tag="div", name="Open menu", role="button"))
    assert not matches(raw, ElementRef(id="e1", tag="div", name="Open menu", role="tab"))
