"""The best-first frontier, without a browser: which page the walk visits next."""

from __future__ import annotations

from auditor.walk.crawler import Frontier


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
