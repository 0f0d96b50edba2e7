"""Accuracy: every fixture site audited in real Chromium and compared with its labels."""

from __future__ import annotations

import pytest

from auditor.accuracy import load_labels, orderings, score_site
from tests.conftest import LABEL_PATHS, SITES, AuditCache

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("site", SITES)
def test_site_matches_its_labels(site: str, audits: AuditCache) -> None:
    audited = audits.get(site)
    score = score_site(load_labels(LABEL_PATHS[site]), audited.report)  # type: ignore[arg-type]
    assert score.ok, f"{site} differs from its labels:\n" + "\n".join(score.differences)


@pytest.mark.parametrize("site", SITES)
def test_site_server_saw_no_request_that_could_act(site: str, audits: AuditCache) -> None:
    audited = audits.get(site)
    assert audited.requests, "the server logged nothing: the audit did not run against it"
    acting = [r for r in audited.requests if r.method not in ("GET", "HEAD")]
    assert acting == [], f"non-GET requests reached {site}: {acting}"


def test_friction_orders_sites_as_labelled(audits: AuditCache) -> None:
    labels = {site: load_labels(LABEL_PATHS[site]) for site in SITES}
    friction = {site: audits.get(site).report.score.friction for site in SITES}  # type: ignore[attr-defined]
    total, agree, problems = orderings(labels, friction)
    assert total >= 5, "labels should state at least five orderings"
    assert agree == total, "\n".join(problems)
