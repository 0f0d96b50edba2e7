"""The report as a client reads it: brand, executive summary, journey tree, grade cap."""

from __future__ import annotations

import json
import re

import pytest
from report_samples import COMPLAINTS, HOME, make_judgement, make_observations

from auditor.models import Box, Element, PageState, Step, shot_key
from auditor.walk.viewports import VIEWPORTS
from reports.brand import brand_name, jsonld_name, shared_title_part, title_name
from reports.build import build_report, shot_focus
from reports.html import render_html, zoom_rule
from reports.journeymap import draw_loop, journey_maps
from reports.model import Focus, Report
from reports.summary import count_text, top_problems, verdict
from reports.urls import host_of
from reports.view import IMPACT_ORDER
from rules.engine import load_profile
from rules.model import Breach, Evidence, Finding, GradeCap
from rules.scoring import SERIOUS_FLOOR, score


def _page(title: str, jsonld: list[str] | None = None, status: int = 200) -> PageState:
    return PageState(
        url="https://x.example/", requested_url="https://x.example/", status=status,
        title=title, jsonld=jsonld or [],
    )  # fmt: skip


def test_brand_from_jsonld_organisation_before_titles() -> None:
    graph = [
        {"@type": "WebSite", "name": "Site"},
        {"@type": "Organization", "name": "Acme Telecom"},
    ]
    org = json.dumps({"@graph": graph})
    assert jsonld_name([org]) == "Acme Telecom"
    assert jsonld_name(["{not json", json.dumps([{"@type": "WebSite", "name": "Acme"}])]) == "Acme"
    pages = [_page("Home of fibre | Brandy", [org]), _page("Contact | Brandy")]
    assert brand_name(pages, "x.example") == "Acme Telecom"


def test_brand_from_the_title_part_pages_share() -> None:
    titles = ["Films and series, anywhere | Streamly", "Contact us | Streamly", "Plans | Streamly"]
    assert shared_title_part(titles) == "Streamly"
    assert brand_name([_page(t) for t in titles], "127.0.0.1") == "Streamly"
    assert shared_title_part(["Only one | Page"]) == ""  # one page proves nothing


def test_brand_from_one_title_without_its_tagline_else_the_host() -> None:
    assert title_name("Ondavoz – fibra y móvil sin permanencia") == "Ondavoz"
    assert title_name("T-Mobile") == "T-Mobile"  # a hyphen inside a word is not a separator
    assert brand_name([_page("Northwind Energy")], "h.example") == "Northwind Energy"
    assert brand_name([_page("")], "h.example") == "h.example"
    assert brand_name([_page("Not found | X", status=404)], "h.example") == "h.example"
    assert brand_name([], "h.example") == "h.example"


def test_build_report_names_the_brand(report: Report) -> None:
    assert report.brand == "Telco"  # "Telco — mobile & broadband" on the start page
    assert render_html(report).count("<title>Telco — complaint friction audit</title>") == 1


def _fail(slug: str, measure: float | None = None, message: str = "Msg. More.") -> Finding:
    return Finding(
        rule="CFA1", slug=slug, outcome="fail", impact="serious", category="findability",
        title=slug, message=message, measure=measure,
    )  # fmt: skip


def test_each_problem_shows_its_count_next_to_its_limit() -> None:
    limits = {"max_contact_clicks": 3.0, "max_required_fields": 6.0}
    assert count_text(_fail("contact-too-deep", 5), limits) == "5 clicks — limit 3"
    assert count_text(_fail("contact-too-deep", 1), {}) == "1 click — limit 3"
    assert count_text(_fail("contact-form-too-many-fields", 9), limits) == (
        "9 required fields — limit 6"
    )
    assert count_text(_fail("no-human-channel"), limits) == "Msg"  # no measure: its words


def test_top_three_problems_most_serious_first(report: Report) -> None:
    problems = top_problems(report)
    assert len(problems) == 3
    ranks = [IMPACT_ORDER[p.impact] for p in problems]
    assert ranks == sorted(ranks)
    assert all(p.slug != "no-human-channel" for p in problems)  # needs_review is no problem
    deep = next(p for p in problems if p.slug == "contact-too-deep")
    assert deep.count == "3 clicks — limit 3"
    html = render_html(report)
    summary = html[html.index('id="executive-summary"') : html.index('id="milestones"')]
    assert "3 clicks — limit 3" in summary and "Telco" in summary


def test_a_problem_implied_by_a_worse_one_is_not_repeated() -> None:
    report = build_report(make_observations(), make_judgement())
    report.findings = [_fail("contact-too-deep"), _fail("no-human-channel"), _fail("x")]
    assert [p.slug for p in top_problems(report)] == ["no-human-channel", "x"]
    report.findings = [_fail("contact-too-deep", 5), _fail("x")]
    assert [p.slug for p in top_problems(report)] == ["contact-too-deep", "x"]


def test_a_good_grade_beside_a_serious_failure_is_not_praise() -> None:
    report = build_report(make_observations(), make_judgement())
    report.score.grade = "B"
    report.findings = [_fail("contact-too-deep", 10)]
    said = verdict(report)
    assert "fairly easy overall (grade B), but serious problems remain:" in said
    minor = _fail("contact-too-deep", 10).model_copy(update={"impact": "minor"})
    report.findings = [minor]
    assert "but" not in verdict(report) and "fairly easy (grade B):" in verdict(report)
    report.score.grade = "D"
    report.findings = [_fail("contact-too-deep", 10)]
    assert "makes complaining hard (grade D):" in verdict(report)


@pytest.mark.parametrize("status", ["failed", "inconclusive"])
def test_an_audit_that_could_not_judge_shows_no_grade_or_friction(status: str) -> None:
    report = build_report(make_observations(status), make_judgement())
    html = render_html(report)
    assert "Not graded" in html and 'id="friction"' not in html
    assert f"grade {report.score.grade}" not in html and "/100" not in html
    assert 'id="categories"' not in html and "Friction score" not in html
    assert "could not judge" in verdict(report) and "no grade" in verdict(report)


def test_a_capped_grade_says_why() -> None:
    report = build_report(make_observations(), make_judgement())
    report.score.grade = "D"
    report.score.cap = GradeCap(
        grade="D",
        uncapped_grade="B",
        breaches=[
            Breach(slug="premium-rate-number", rule="CFA010", title="Premium number",
                   instrument="RDL 1/2007", article="Art. 21", jurisdiction="ES")
        ],
    )  # fmt: skip
    html = render_html(report)
    assert "(capped)" in html
    note = re.search(r'<p class="capnote" id="grade-cap">([^<]*)</p>', html)
    assert note and "Grade capped at D" in note.group(1) and "RDL 1/2007 Art. 21" in note.group(1)
    assert "capped at D" in verdict(report)


def test_milestones_branch_off_one_shared_path(report: Report) -> None:
    maps = {m.viewport: m for m in journey_maps(report, "telco.example")}
    assert set(maps) == set(report.viewports)
    root = maps["desktop"].root
    assert root is not None and root.url == HOME and root.number == 0
    # the start page is drawn once; contact and complaint part after it
    urls = {c.url for c in root.children}
    assert {COMPLAINTS} <= urls and any(u != COMPLAINTS for u in urls)

    def goals(node: object) -> list[str]:
        n = node  # type: ignore[assignment]
        return [g.milestone for g in n.goals] + [x for c in n.children for x in goals(c)]

    assert sorted(goals(root)) == sorted(
        name for name, m in report.by_viewport["desktop"].milestones.items() if m.reached
    )
    assert [x.milestone for x in maps["desktop"].missed] == ["escalation"]
    html = render_html(report)
    assert html.count('class="jmap"') == 2


def test_a_step_shows_where_its_control_was_pressed(report: Report) -> None:
    root = journey_maps(report, "telco.example")[0].root
    assert root is not None
    contact_path = report.by_viewport["desktop"].milestones["contact"].path
    first = next(c for c in root.children if c.url == contact_path[1].url)
    assert first.screenshot == contact_path[0].screenshot  # the start page, control outlined


def test_dead_ends_hang_off_the_route_that_led_there() -> None:
    report = build_report(make_observations(), make_judgement())
    loop = [HOME, f"{HOME}faq", HOME.rstrip("/") + "/contact2"]
    path = [
        Step(action="load", url=HOME, label="Home"),
        Step(action="follow", label="FAQ", url=loop[1]),
    ]
    report.findings.append(
        Finding(
            rule="CFA007", slug="deflection-loop", outcome="fail", impact="serious",
            category="human_reachability", title="Contact pages deflect in a loop", message="m",
            evidence=[Evidence(url=loop[1], viewport="desktop", path=path,
                               snippet=f"no channel on: {loop[1]} → {loop[2]} → {loop[1]}")],
        )
    )  # fmt: skip
    desktop = journey_maps(report, host_of(HOME))[0]
    faq = next(c for c in desktop.root.children if c.url == loop[1])  # type: ignore[union-attr]
    assert [d.slug for d in faq.dead_ends] == ["deflection-loop"]
    assert faq.loop is not None and faq.loop.pages == ["/faq", "/contact2"]
    assert desktop.loops == 1
    html = render_html(report)
    assert 'class="loop"' in html and "Deflection loop:" in html
    assert "Dead end:" in html


@pytest.mark.parametrize("n", [2, 3, 4])
def test_a_loop_is_drawn_as_a_ring_of_arrows(n: int) -> None:
    pages = [f"https://h.example/p{i}" for i in range(n)]
    loop = draw_loop([*pages, pages[0]], "h.example")
    assert len(loop.nodes) == n and len(loop.arrows) == n  # the last arrow goes back home
    assert all(0 <= p.x <= 320 and 0 <= p.y <= loop.height for p in loop.nodes)
    assert all(a.path.startswith("M") and " Q" in a.path for a in loop.arrows)


def test_focus_follows_the_walks_scroll_to_centre() -> None:
    desktop = VIEWPORTS["desktop"]  # 1366 × 768
    mid = shot_focus(Box(x=683, y=2000, width=100, height=20), 5000, desktop)
    assert mid is not None and mid.y == pytest.approx((384 - 10) / 768, abs=1e-3)
    footer = shot_focus(Box(x=300, y=4980, width=50, height=10), 5000, desktop)
    assert footer is not None and footer.y == pytest.approx((4980 - 4232) / 768, abs=1e-3)
    top = shot_focus(Box(x=10, y=20, width=50, height=10), 5000, desktop)
    assert top is not None and top.y == pytest.approx(20 / 768, abs=1e-3)
    assert shot_focus(Box(x=2000, y=20, width=50, height=10), 5000, desktop) is None


@pytest.mark.parametrize(("x", "y"), [(0.0, 0.95), (0.5, 0.5), (0.9, 0.02)])
def test_zoom_rule_is_numbers_only_and_never_shows_a_blank_edge(x: float, y: float) -> None:
    box = Focus(x=x, y=y, width=0.05, height=0.02)
    css = zoom_rule("fz-0", box)
    assert re.fullmatch(r"\.fz-0:not\(:target\) img\{[-0-9.%:; a-z(),]+\}\n", css), css
    found = re.search(r"translate\((-?[\d.]+)%,(-?[\d.]+)%\) scale\(([\d.]+)\)", css)
    assert found is not None
    sx, sy, scale = float(found[1]) / 100, float(found[2]) / 100, float(found[3])
    assert scale == 3.0  # a small control is zoomed as far as allowed
    for origin, shift in ((x + 0.025, sx), (y + 0.01, sy)):
        assert origin * (1 - scale) + shift <= 1e-4  # the image still covers the left/top
        assert origin + scale * (1 - origin) + shift >= 1 - 1e-4  # and the right/bottom


def test_focus_is_recorded_where_the_walk_outlined_the_next_control() -> None:
    obs = make_observations()
    desktop = next(w for w in obs.walks if w.viewport == "desktop")
    desktop.raw.pages[0].scroll_height = 3000
    desktop.raw.pages[0].elements = [
        Element(id="e1", tag="a", kind="link", selector="a#help", visible=True,
                box=Box(x=683, y=1500, width=137, height=20))
    ]  # fmt: skip
    desktop.raw.evidence[shot_key(HOME, "a#help")] = "screenshots/desktop-home-help.png"
    for m in desktop.milestones.values():
        if m.path and m.path[1].selector == "a#help":
            m.path[0].state = HOME
    report = build_report(obs, make_judgement())
    focus = report.focus["screenshots/desktop-home-help.png"]
    assert focus.x == pytest.approx(0.5) and focus.width == pytest.approx(0.1, abs=1e-3)
    assert focus.y == pytest.approx((384 - 10) / 768, abs=1e-3)
    # a picture found only by its page (nothing outlined) gets no crop
    assert "screenshots/desktop-home.png" not in report.focus
    html = render_html(report)
    assert ".fz-0:not(:target) img{" in html


def test_the_report_says_why_a_serious_failure_lifted_the_friction() -> None:
    # A 10-click path to a person beside passes elsewhere: the mean alone would be a B.
    profile = load_profile("generic")
    passes = [
        Finding(
            rule="CFA2", slug=f"ok-{c}", outcome="pass", impact="moderate", category=c,
            title=c, message="Fine.",
        )
        for c in profile.weights
    ]  # fmt: skip
    judged = score([*passes, _fail("contact-too-deep", 10)], profile)
    assert judged.floor is not None and judged.floor.rules == ["contact-too-deep"]
    assert judged.floor.raw_friction < SERIOUS_FLOOR <= judged.friction
    report = build_report(make_observations(), make_judgement())
    report.score = judged
    html = render_html(report)
    note = re.search(r'id="grade-floor">([^<]*)<', html)
    assert note is not None, "the lift is explained next to the verdict"
    # Named by the failed finding's title, as the findings list names it.
    title = next(f.title for f in report.findings if f.slug == "contact-too-deep")
    assert f"a serious barrier failed — {title}." in note.group(1)
    assert f"to {judged.friction:g} (grade C at best)" in note.group(1)
    assert json.loads(report.model_dump_json())["score"]["floor"]["impact"] == "serious"
    # A score nothing lifted says nothing of a floor.
    report.score = score(passes, profile)
    assert report.score.floor is None and 'id="grade-floor"' not in render_html(report)
