"""The audit's status from what was walked, without a browser: interruptions and loops."""

from __future__ import annotations

from auditor.audit import judge_status
from auditor.models import Observations, PageState, Settings, ToolInfo, ViewportWalk


def _obs(*pages: PageState) -> Observations:
    walk = ViewportWalk(viewport="desktop", width=1366, height=768, pages=list(pages))
    return Observations(
        tool=ToolInfo(version="t"),
        start_url="http://s/",
        started_at="2026-01-01T00:00:00Z",
        settings=Settings(),
        walks=[walk],
    )


def _ok(url: str = "http://s/") -> PageState:
    return PageState(url=url, requested_url=url, status=200)


def test_an_interrupted_walk_is_partial_and_says_why() -> None:
    obs = _obs(_ok(), _ok("http://s/help"))
    judge_status(obs, "interrupted by SIGTERM")
    assert obs.status == "partial"
    assert obs.status_reason == "interrupted by SIGTERM: the walk stopped after 2 page(s)"


def test_an_interruption_before_any_page_is_a_failure_not_a_result() -> None:
    obs = _obs()
    judge_status(obs, "interrupted by SIGINT")
    assert obs.status == "failed" and "before the start page" in obs.status_reason


def test_an_interruption_does_not_hide_an_unreachable_start_page() -> None:
    obs = _obs(PageState(url="http://s/", requested_url="http://s/", error="timeout"))
    judge_status(obs, "the browser crashed or was closed")
    assert obs.status == "failed" and "timeout" in obs.status_reason


def test_a_start_page_that_loops_or_hangs_its_script_is_a_failure() -> None:
    for error in ("navigation_loop", "timeout"):
        page = PageState(url="http://s/", requested_url="http://s/", status=200, error=error)
        obs = _obs(page)
        judge_status(obs)
        assert obs.status == "failed" and error in obs.status_reason


def test_an_uninterrupted_walk_is_complete() -> None:
    obs = _obs(_ok())
    judge_status(obs)
    assert obs.status == "complete" and obs.status_reason == ""


def test_a_page_that_could_not_be_loaded_makes_the_audit_partial() -> None:
    """A timeout or a lost connection says nothing of what the page holds: not seen."""
    for error in ("timeout", "network: net::ERR_CONNECTION_RESET at http://s/tariffs"):
        lost = PageState(url="http://s/tariffs", requested_url="http://s/tariffs", error=error)
        obs = _obs(_ok(), lost)
        judge_status(obs)
        assert obs.status == "partial", error
        assert "1 page(s) could not be loaded or read" in obs.status_reason
        assert "http://s/tariffs" in obs.status_reason


def test_a_page_that_is_a_fact_about_the_site_leaves_the_audit_complete() -> None:
    """A redirect loop, a download or an address that does not resolve is a result."""
    for error in (
        "redirect_loop",
        "not html: application/pdf",
        "network: net::ERR_NAME_NOT_RESOLVED at http://gone.s/",
    ):
        page = PageState(url="http://s/x", requested_url="http://s/x", error=error)
        obs = _obs(_ok(), page)
        judge_status(obs)
        assert obs.status == "complete", error


def test_a_contact_page_robots_txt_bars_makes_the_audit_partial() -> None:
    """The walk obeyed robots.txt and never saw the contact page: no absence is a finding."""
    from auditor.models import Edge

    obs = _obs(_ok())
    walk = obs.walks[0]
    walk.skipped_by_robots = ["http://s/cart", "http://s/contact/"]
    walk.edges = [
        Edge(
            source="http://s/",
            target="http://s/contact/",
            label="Contact us",
            element_id="e1",
            selector="a",
        ),
        Edge(
            source="http://s/",
            target="http://s/cart",
            label="Basket",
            element_id="e2",
            selector="a",
        ),
    ]
    judge_status(obs)
    assert obs.status == "partial"
    assert "robots.txt bars 1 contact, help or complaint page(s)" in obs.status_reason
    assert "http://s/contact/" in obs.status_reason


def test_a_barred_basket_leaves_the_audit_complete() -> None:
    obs = _obs(_ok())
    obs.walks[0].skipped_by_robots = ["http://s/cart"]
    judge_status(obs)
    assert obs.status == "complete"


def test_a_site_that_does_not_answer_is_down_not_refusing() -> None:
    """No robots.txt for want of any answer is no robots.txt refusal: the site is down."""
    obs = _obs()
    walk = obs.walks[0]
    walk.skipped_by_robots = ["http://s/"]
    walk.robots = {"http://s": "unreachable (ConnectError): disallow all"}
    judge_status(obs)
    assert obs.status == "failed"
    assert "the site did not answer" in obs.status_reason
    assert "robots.txt disallows" not in obs.status_reason


def test_a_page_over_the_size_cap_makes_the_audit_partial() -> None:
    big = PageState(
        url="http://s/help", requested_url="http://s/help", status=200, size_capped=True
    )
    obs = _obs(_ok(), big)
    judge_status(obs)
    assert obs.status == "partial" and "http://s/help" in obs.status_reason
