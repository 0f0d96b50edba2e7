"""build_report follows DESIGN §5; report.json round-trips; bad files fail with one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from report_samples import BASE, COMPLAINTS, CONTACT, EVIL_TITLE, HELP, HOME, make_observations

from auditor.derive import AuditView
from reports.build import ReportFileError, build_report, load_report, write_report_json
from reports.model import Report
from rules.model import Judgement


def test_top_level_fields_come_from_observations_and_judgement(
    report: Report, observations: AuditView, judgement: Judgement
) -> None:
    assert report.schema_version == "1"
    assert report.tool.name == observations.tool.name
    assert report.tool.version == observations.tool.version
    assert report.target.start_url == HOME
    assert report.started_at == observations.started_at
    assert report.finished_at == observations.finished_at
    assert report.status == "complete"
    assert report.profile == judgement.profile
    assert report.score == judgement.score
    assert report.settings == observations.settings
    assert [f.slug for f in report.findings] == [f.slug for f in judgement.findings]


def test_desktop_is_primary_even_when_walked_second(report: Report) -> None:
    # The sample lists the mobile walk first; DESIGN §5 makes desktop primary.
    assert report.viewports == ["desktop", "mobile"]
    assert report.milestones["contact"].clicks == 3
    assert report.by_viewport["mobile"].milestones["contact"].clicks == 4
    assert report.by_viewport["desktop"].milestones["contact"].clicks == 3


def test_mobile_is_primary_without_desktop(judgement: Judgement) -> None:
    obs = make_observations()
    obs.walks = [w for w in obs.walks if w.viewport == "mobile"]
    obs.milestones = dict(obs.walks[0].milestones)
    report = build_report(obs, judgement)
    assert report.viewports == ["mobile"]
    assert report.milestones["contact"].clicks == 4
    assert report.pages[0].viewport == "mobile"


def test_every_milestone_is_present(report: Report) -> None:
    assert list(report.milestones) == ["contact", "complaint", "escalation"]
    assert report.milestones["escalation"].reached is False
    assert report.milestones["escalation"].clicks is None


def test_pages_come_from_the_primary_walk_with_kind_and_clicks(report: Report) -> None:
    rows = {p.url: p for p in report.pages}
    assert list(rows) == [HOME, HELP, CONTACT, COMPLAINTS, f"{BASE}/escalate"]
    assert rows[CONTACT].kind == "contact" and rows[CONTACT].clicks == 3
    assert rows[CONTACT].lang == "he"
    assert rows[COMPLAINTS].kind == "complaint"
    assert rows[HELP].title == EVIL_TITLE  # stored verbatim; renderers escape it
    assert rows[f"{BASE}/escalate"].status == 404
    assert rows[f"{BASE}/escalate"].kind == "other"  # no PageFacts for it
    assert {p.viewport for p in report.pages} == {"desktop"}


def test_blocked_requests_are_counted_over_all_walks(report: Report) -> None:
    assert report.blocked_requests == 2


def test_screenshots_are_copied_onto_path_steps(report: Report) -> None:
    steps = report.milestones["contact"].path
    shots = [s.screenshot for s in steps]
    # load/follow steps get the page screenshot; the expand step gets the press screenshot.
    assert shots == [
        "screenshots/desktop-home.png",
        "screenshots/desktop-help.png",
        "screenshots/desktop-help-expanded.png",
        "screenshots/desktop-contact.png",
    ]
    mobile = report.by_viewport["mobile"].milestones["contact"].path
    assert all(s.screenshot and s.screenshot.startswith("screenshots/mobile-") for s in mobile)
    assert report.screenshots_dir == "screenshots"


def test_observations_are_not_mutated(observations: AuditView, judgement: Judgement) -> None:
    before = observations.obs.model_dump_json()
    paths = [m.model_dump_json() for w in observations.walks for m in w.milestones.values()]
    build_report(observations, judgement)
    assert observations.obs.model_dump_json() == before
    assert [m.model_dump_json() for w in observations.walks for m in w.milestones.values()] == paths


def test_empty_observations_give_a_valid_report(judgement: Judgement) -> None:
    obs = make_observations("failed")
    obs.walks, obs.inventory, obs.milestones = [], [], {}
    report = build_report(obs, judgement)
    assert report.viewports == [] and report.pages == []
    assert all(not m.reached for m in report.milestones.values())
    assert report.status == "failed"


def test_raw_observations_are_derived_before_the_report_is_built(judgement: Judgement) -> None:
    # A raw record (as in observations.json) is derived by the same stage rules use.
    raw = make_observations().obs
    report = build_report(raw, judgement)
    assert report.viewports == ["desktop", "mobile"]
    rows = {p.url: p for p in report.pages}
    assert rows[HOME].clicks == 0 and rows[HELP].clicks == 1
    assert rows[HOME].kind == "home"
    # no channel is visible on the sample's empty pages: the inventory is what was seen
    assert report.channels == []


def test_json_round_trip(report: Report, tmp_path: Path) -> None:
    path = write_report_json(report, tmp_path / "deep" / "report.json")
    assert load_report(path) == report
    text = path.read_text(encoding="utf-8")
    assert "צרו קשר" in text  # non-ASCII kept readable
    assert json.loads(text)["score"]["grade"] == "D"


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (None, "no such file"),
        ("{not json", "not JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"tool": {"name": "x"}}', "not a valid report"),
        (b"\xff\xfe\x00garbage", "cannot read"),
    ],
)
def test_bad_files_raise_one_line_errors(
    tmp_path: Path, content: str | bytes | None, needle: str
) -> None:
    path = tmp_path / "report.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ReportFileError) as info:
        load_report(path)
    message = str(info.value)
    assert needle in message
    assert "\n" not in message
    assert str(path) in message


def test_directory_is_not_a_report(tmp_path: Path) -> None:
    with pytest.raises(ReportFileError, match="is a directory"):
        load_report(tmp_path)
