"""The best-first frontier, without a browser: which page the walk visits next."""

from __future__ import annotations

import time
from typing import Any, cast

from auditor.models import Element, PageState, Settings
from auditor.walk.crawler import Frontier, RateLimiter, ShotWriter, Walker
from auditor.walk.scope import Scope
from auditor.walk.viewports import VIEWPORTS


def _drain(frontier: Frontier) -> list[tuple[str, int]]:
    out = []
    while (item := frontier.pop()) is not None:
        out.append((item.url, item.clicks))
    return out


def test_a_stronger_promise_band_beats_fewer_clicks() -> None:
    f = Frontier()
    f.push("/products", 1, 0.0)
    f.push("/contact", 4, 3.0)
    f.push("/help", 2, 2.0)
    assert [u for u, _ in _drain(f)] == ["/contact", "/help", "/products"]


def test_within_a_band_fewer_clicks_first_then_the_stronger_promise() -> None:
    f = Frontier()
    f.push("/a", 3, 1.2)
    f.push("/b", 2, 0.8)  # rounds to the same band as 1.2
    f.push("/c", 2, 1.1)
    assert [u for u, _ in _drain(f)] == ["/c", "/b", "/a"]


def test_promises_above_three_share_the_top_band() -> None:
    f = Frontier()
    f.push("/complaints", 2, 9.0)
    f.push("/contact", 1, 3.0)
    assert [u for u, _ in _drain(f)] == ["/contact", "/complaints"]


def test_equal_keys_keep_the_order_they_were_found_in() -> None:
    f = Frontier()
    for url in ("/x", "/y", "/z"):
        f.push(url, 1, 0.0)
    assert [u for u, _ in _drain(f)] == ["/x", "/y", "/z"]


def test_a_url_is_queued_once_at_its_fewest_clicks() -> None:
    f = Frontier()
    f.push("/help", 3, 2.0)
    f.push("/help", 1, 2.0)
    f.push("/help", 2, 2.0)  # worse than the best known: ignored
    assert len(f) == 1
    assert _drain(f) == [("/help", 1)]


def test_a_visited_url_is_never_queued_again() -> None:
    f = Frontier()
    f.push("/", 0, 10.0)
    assert f.pop() is not None
    f.push("/", 0, 10.0)
    f.done.add("/seen-elsewhere")
    f.push("/seen-elsewhere", 1, 3.0)
    assert f.pop() is None and len(f) == 0


def test_length_counts_only_pages_still_to_visit() -> None:
    f = Frontier()
    f.push("/a", 1, 0.0)
    f.push("/b", 1, 0.0)
    f.done.add("/a")  # recorded by another worker meanwhile (an alias, a redirect)
    assert len(f) == 1
    assert [u for u, _ in _drain(f)] == ["/b"]


def test_a_requeued_page_is_visited_again() -> None:
    f = Frontier()
    f.push("/contact", 2, 3.0)
    item = f.pop()
    assert item is not None and len(f) == 0
    f.requeue(item)
    assert len(f) == 1
    assert _drain(f) == [("/contact", 2)]


def _walker(max_pages: int = 10, max_depth: int = 2, deadline: float = 1e12) -> Walker:
    """A walker that never opens a browser: its bookkeeping only."""
    settings = Settings(max_pages=max_pages, max_depth=max_depth, viewports=["desktop"])
    return Walker(
        cast(Any, None),
        VIEWPORTS["desktop"],
        settings,
        Scope("http://shop.test/"),
        cast(Any, None),
        RateLimiter(0),
        deadline,
        ShotWriter(None, "desktop"),
    )


def _link(eid: str, href: str, name: str, depth: int = 0, visible: bool = True) -> Element:
    return Element(id=eid, tag="a", kind="link", name=name, href=href, visible=visible, depth=depth)


def test_links_out_respect_the_click_budget_scope_and_visibility() -> None:
    walker = _walker(max_depth=2)
    state = PageState(url="http://shop.test/", requested_url="http://shop.test/")
    state.elements = [
        _link("e0", "http://shop.test/contact", "Contact us"),
        _link("e1", "http://shop.test/deep", "Deep", depth=2),  # 1 + 2 presses + 1 > 2
        _link("e2", "http://elsewhere.test/", "Partner"),
        _link("e3", "http://shop.test/hidden", "Hidden", visible=False),
        _link("e4", "http://shop.test/contact", "Contact (footer)"),  # same target, depth
    ]
    walker._link_out(state, clicks=1)
    assert [(e.target, e.element_id) for e in walker.walk.edges] == [
        ("http://shop.test/contact", "e0"),
        ("http://shop.test/deep", "e1"),
    ]
    assert walker.walk.edges[0].ref is not None and walker.walk.edges[0].ref.name == "Contact us"
    # The deep page is a known edge (for shortest paths) but beyond the click budget.
    assert _drain(walker.frontier) == [("http://shop.test/contact", 2)]


def test_the_page_budget_counts_pages_in_flight() -> None:
    walker = _walker(max_pages=2)
    walker.walk.pages.append(PageState(url="http://shop.test/", requested_url="http://shop.test/"))
    assert not walker._out_of_budget()
    walker._active = 1
    assert walker._out_of_budget()
    assert walker.walk.budget_exhausted == []


def test_the_time_budget_is_recorded_once() -> None:
    walker = _walker(deadline=time.monotonic() - 1)
    assert walker._out_of_budget() and walker._out_of_budget()
    assert walker.walk.budget_exhausted == ["time"]


def test_a_static_boost_lifts_a_neutral_link_by_what_its_page_promises() -> None:
    """The static tier read /help/t35/ and saw "Contact us" there: its plain label no longer
    hides it among 40 neutral topics (issue 17)."""
    f = Frontier()
    f.boost = {"/help/t35/": 0.8}
    for t in range(40):
        f.push(f"/help/t{t}/", 2, 0.0)
    f.push("/about", 1, 0.0)
    assert _drain(f)[0] == ("/help/t35/", 2)


def test_a_proposal_waits_behind_linked_pages_of_its_band_and_a_link_replaces_it() -> None:
    from auditor.walk.crawler import PROPOSED

    f = Frontier()
    f.propose("/complaints-procedure", 2.0)
    f.push("/complaints", 3, 2.0)
    f.push("/products", 1, 0.0)
    assert _drain(f) == [
        ("/complaints", 3),
        ("/complaints-procedure", PROPOSED),
        ("/products", 1),
    ]
    g = Frontier()
    g.propose("/contact", 1.0)
    g.push("/contact", 2, 1.0)  # a link found later: visited as a linked page, not an orphan
    assert _drain(g) == [("/contact", 2)]
