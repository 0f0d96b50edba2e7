"""Compare an audit with a fixture site's hand-written labels (ground truth).

Used by the accuracy test and by `auditor accuracy`, which prints channel precision and
recall, milestone click exactness and friction-ordering agreement over all fixture sites.

The labels and the scoring of an audit against them are the accuracy feature and live
here.  The fixture sites, and the fault-injecting server that plays them (error statuses,
redirect loops, login walls...), are test material in the source checkout: the product
does not ship them, so the caller hands :func:`audit_labelled_site` a ``play`` function,
and the command finds the server beside the sites folder (:func:`fixture_site_player`).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, cast
from urllib.parse import urlsplit

from auditor.api.runs import judge_and_render
from auditor.audit import run_audit
from auditor.models import Channel, Milestone, Observations, Settings
from reports.model import Report

MILESTONES = ("contact", "complaint", "escalation")
LABELS_AS_OF = "2026-11-23"
"""The date every labels.json judges its findings for (tests/sites/README.md)."""
PLAYER_FILE = Path("support") / "siteserver.py"
"""Where the fixture-site server sits relative to the sites folder's parent (tests/)."""


class SeenRequest(Protocol):
    """A request the site server answered; only its method matters to the safety check."""

    @property
    def method(self) -> str: ...


class PlayedSite(Protocol):
    """A labelled site being served on 127.0.0.1, with the requests it has seen."""

    @property
    def url(self) -> str: ...

    def logged(self) -> Sequence[SeenRequest]: ...


SitePlayer = Callable[[Path], AbstractContextManager[PlayedSite]]
"""Serves a site folder for the length of a ``with`` block (the fixture-site server)."""


@dataclass
class LabelledAudit:
    """One labelled site served on 127.0.0.1, audited, judged, with the server's log."""

    url: str
    observations: Observations
    report: Report
    requests: list[SeenRequest]


def audit_labelled_site(
    site_dir: Path, out: Path, settings: Settings, play: SitePlayer
) -> LabelledAudit:
    """Serve, audit and judge one labelled site the way its labels were written for."""
    with play(site_dir) as server:
        obs = run_audit(server.url + "/", settings, out)
        outcome = judge_and_render(obs, out, as_of=LABELS_AS_OF, formats=["json", "html"])
        requests = list(server.logged())
    return LabelledAudit(server.url, obs, outcome.report, requests)


def fixture_site_player(sites: Path) -> SitePlayer:
    """The fault-injecting server that plays the fixture sites, loaded from the checkout.

    It is test code (``tests/support/siteserver.py`` beside ``tests/sites``), so an
    installed auditor has no copy; without a checkout there are no fixture sites either.
    Raises FileNotFoundError with a one-line reason when it is not there.
    """
    file = sites.resolve().parent / PLAYER_FILE
    if not file.is_file():
        raise FileNotFoundError(
            f"no fixture-site server at {file}: `auditor accuracy` runs in a source "
            "checkout, on its tests/sites"
        )
    name = "_auditor_fixture_siteserver_" + hashlib.sha1(str(file).encode()).hexdigest()[:12]
    module = sys.modules.get(name)
    if module is None:
        spec = importlib.util.spec_from_file_location(name, file)
        if spec is None or spec.loader is None:
            raise FileNotFoundError(f"cannot load the fixture-site server {file}")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up while it executes
        spec.loader.exec_module(module)
    return cast(SitePlayer, module.SiteServer)


@dataclass
class SiteScore:
    site: str
    differences: list[str] = field(default_factory=list)
    channels_expected: int = 0
    channels_found: int = 0
    brand_found: int = 0
    brand_matched: int = 0
    third_expected: int = 0
    third_found: int = 0
    third_matched: int = 0
    roles_total: int = 0
    roles_agree: int = 0
    notes: list[str] = field(default_factory=list)
    channels_matched: int = 0
    channel_clicks_exact: int = 0
    milestones_total: int = 0
    milestones_exact: int = 0
    findings_total: int = 0
    findings_agree: int = 0

    @property
    def ok(self) -> bool:
        return not self.differences


def load_labels(path: Path) -> dict[str, Any]:
    """A site's labels: ``path`` is its labels file, or a site folder holding labels.json."""
    file = path / "labels.json" if path.is_dir() else path
    data: dict[str, Any] = json.loads(file.read_text(encoding="utf-8"))
    return data


def _path(url: str | None) -> str | None:
    if url is None:
        return None
    parts = urlsplit(url)
    return parts.path or "/"


def _same_path(label: str | None, url: str | None) -> bool:
    if label is None:
        return True
    got = _path(url)
    if got is None:
        return False
    g, want = _norm(got), _norm(label)
    return g == want or g == want.removesuffix(".html") or g.removesuffix("/index.html") == want


def _norm(path: str) -> str:
    return path.rstrip("/") or "/"


def _pct(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 100.0


def _channel_matches(label: dict[str, Any], channel: Channel) -> bool:
    if label["kind"] != channel.kind:
        return False
    if "value_contains" in label:
        return str(label["value_contains"]).lower() in channel.value.lower()
    value = str(label["value"])
    if channel.kind == "form":
        return _same_path(value, channel.value)
    if channel.kind in ("social", "messaging"):
        return value.rstrip("/").lower() == channel.value.rstrip("/").lower()
    return value.lower() == channel.value.lower()


def _compare_milestone(
    score: SiteScore, viewport: str, name: str, want: dict[str, Any], got: Milestone | None
) -> None:
    score.milestones_total += 1
    reached = bool(got and got.reached)
    problems = []
    if reached != bool(want.get("reached")):
        problems.append(f"reached={reached}, labelled {want.get('reached')}")
    elif reached and got is not None:
        if want.get("clicks") is not None and got.clicks != want["clicks"]:
            problems.append(f"clicks={got.clicks}, labelled {want['clicks']}")
        if want.get("url") and not _same_path(want["url"], got.url):
            problems.append(f"url={_path(got.url)}, labelled {want['url']}")
    if problems:
        score.differences.append(f"{viewport} milestone {name}: " + "; ".join(problems))
    else:
        score.milestones_exact += 1


def score_site(labels: dict[str, Any], report: Report) -> SiteScore:
    """Every difference between the audit and the labels, as readable lines."""
    score = SiteScore(site=str(labels.get("site", "?")))
    desktop = labels.get("milestones", {})
    mobile = {**desktop, **labels.get("mobile_milestones", {})}
    for viewport, wanted in (("desktop", desktop), ("mobile", mobile)):
        walk = report.by_viewport.get(viewport)
        if walk is None:
            continue
        for name in MILESTONES:
            if name in wanted:
                _compare_milestone(score, viewport, name, wanted[name], walk.milestones.get(name))
    _compare_channels(score, labels.get("channels", []), report)
    for slug, outcome in labels.get("findings", {}).items():
        score.findings_total += 1
        found = [f for f in report.findings if f.slug == slug]
        got = found[0].outcome if found else "missing"
        if got == outcome:
            score.findings_agree += 1
        else:
            score.differences.append(f"finding {slug}: {got}, labelled {outcome}")
    return score


def _owner(label: dict[str, Any]) -> str:
    return str(label.get("owner", "brand"))


def _compare_third_parties(
    score: SiteScore, labelled: list[dict[str, Any]], report: Report
) -> None:
    """Other organisations' contacts: found apart from the brand's, with their role."""
    found = list(report.third_party_contacts)
    score.third_expected += len(labelled)
    score.third_found += len(found)
    used: set[int] = set()
    for label in labelled:
        match = next(
            (i for i, c in enumerate(found) if i not in used and _channel_matches(label, c)),
            None,
        )
        name = f"{label['kind']} {label.get('value', label.get('value_contains'))}"
        if match is None:
            score.differences.append(f"third-party {name} ({label.get('role')}): not found")
            continue
        used.add(match)
        score.third_matched += 1
        score.roles_total += int("role" in label)
        if "role" in label and found[match].owner_role != label["role"]:
            # The owner is the finding (not the brand's); the role is a reading aid whose
            # borderline cases (an insurer: partner or other?) are reported, not failed.
            score.notes.append(
                f"third-party {name}: role={found[match].owner_role}, labelled {label['role']}"
            )
        else:
            score.roles_agree += int("role" in label)
    for i, c in enumerate(found):
        if i not in used:
            score.differences.append(
                f"third-party {c.kind} {c.value} ({c.owner_role}, '{c.owner_name}'): "
                "found but not labelled"
            )


def _compare_channels(score: SiteScore, labels: list[dict[str, Any]], report: Report) -> None:
    # Short codes (116 123, 024, 3114) are labelled as the site writes them for the reader;
    # the auditor claims only dialable numbers, so they are not expected as channels.
    labels = [lab for lab in labels if not lab.get("short_code")]
    labelled = [lab for lab in labels if _owner(lab) != "third_party"]
    _compare_third_parties(score, [lab for lab in labels if _owner(lab) == "third_party"], report)
    channels = list(report.channels)
    score.channels_expected = len(labelled)
    score.channels_found = len(channels)
    score.brand_found = sum(c.owner == "brand" for c in channels)
    used: set[int] = set()
    viewports = set(report.by_viewport)
    for label in labelled:
        match = next(
            (i for i, c in enumerate(channels) if i not in used and _channel_matches(label, c)),
            None,
        )
        name = f"{label['kind']} {label.get('value', label.get('value_contains'))}"
        if match is None:
            score.differences.append(f"channel {name}: not found")
            continue
        used.add(match)
        score.channels_matched += 1
        channel = channels[match]
        if channel.owner == "brand":
            score.brand_matched += 1
        else:
            score.differences.append(f"channel {name}: owner={channel.owner}, labelled brand")
        want = {
            "desktop": label.get("clicks"),
            "mobile": label.get("clicks_mobile", label.get("clicks")),
        }
        exact = True
        for viewport in ("desktop", "mobile"):
            if viewport not in viewports or "clicks" not in label:
                continue
            got = channel.clicks_by_viewport.get(viewport)
            if got != want[viewport]:
                exact = False
                score.differences.append(
                    f"channel {name}: {viewport} clicks={got}, labelled {want[viewport]}"
                )
        if "human" in label and channel.human != label["human"]:
            exact = False
            score.differences.append(
                f"channel {name}: human={channel.human}, labelled {label['human']}"
            )
        if "cost" in label and channel.cost != label["cost"]:
            exact = False
            score.differences.append(
                f"channel {name}: cost={channel.cost}, labelled {label['cost']}"
            )
        score.channel_clicks_exact += int(exact)
    for i, channel in enumerate(channels):
        if i not in used:
            score.differences.append(
                f"channel {channel.kind} {channel.value}: found but not labelled"
            )


@dataclass
class Summary:
    sites: list[SiteScore]
    orderings_total: int
    orderings_agree: int
    ordering_differences: list[str]

    def lines(self) -> list[str]:
        matched = sum(s.channels_matched for s in self.sites)
        found = sum(s.channels_found for s in self.sites)
        expected = sum(s.channels_expected for s in self.sites)
        ms_total = sum(s.milestones_total for s in self.sites)
        ms_exact = sum(s.milestones_exact for s in self.sites)
        f_total = sum(s.findings_total for s in self.sites)
        f_agree = sum(s.findings_agree for s in self.sites)
        exact = sum(s.channel_clicks_exact for s in self.sites)
        brand_found = sum(s.brand_found for s in self.sites)
        brand_matched = sum(s.brand_matched for s in self.sites)
        third = [sum(getattr(s, k) for s in self.sites) for k in ("third_matched", "third_found")]
        third_expected = sum(s.third_expected for s in self.sites)
        roles = [sum(getattr(s, k) for s in self.sites) for k in ("roles_agree", "roles_total")]
        out = []
        for s in self.sites:
            out.append(f"{s.site:24} {'ok' if s.ok else 'DIFFERS'}")
            out += [f"    {d}" for d in s.differences]
            out += [f"    note: {n}" for n in s.notes]
        out += [f"ordering: {d}" for d in self.ordering_differences]
        out.append(
            f"accuracy: channel_precision={_pct(matched, found):.1f}% "
            f"channel_recall={_pct(matched, expected):.1f}% "
            f"channel_clicks_exact={_pct(exact, expected):.1f}% "
            f"owner_precision={_pct(brand_matched, brand_found):.1f}% "
            f"owner_recall={_pct(brand_matched, expected):.1f}% "
            f"third_party_precision={_pct(third[0], third[1]):.1f}% "
            f"third_party_recall={_pct(third[0], third_expected):.1f}% "
            f"role_agree={_pct(roles[0], roles[1]):.1f}% "
            f"milestone_clicks_exact={_pct(ms_exact, ms_total):.1f}% "
            f"findings_agree={_pct(f_agree, f_total):.1f}% "
            f"ordering_agree={_pct(self.orderings_agree, self.orderings_total):.1f}% "
            f"sites={len(self.sites)}"
        )
        return out


def orderings(
    labels: dict[str, dict[str, Any]], friction: dict[str, float]
) -> tuple[int, int, list[str]]:
    total = agree = 0
    problems: list[str] = []
    for site, data in labels.items():
        for other in data.get("less_friction_than", []):
            if site not in friction or other not in friction:
                continue
            total += 1
            if friction[site] < friction[other]:
                agree += 1
            else:
                problems.append(
                    f"{site} ({friction[site]:.0f}) should have less friction than "
                    f"{other} ({friction[other]:.0f})"
                )
    return total, agree, problems
