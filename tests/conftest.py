"""Shared fixtures: fixture sites served on 127.0.0.1, audited once per test session."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from auditor.models import Observations, Settings
from tests.support.labels import labelled_sites
from tests.support.paths import SITES_DIR
from tests.support.siteserver import LoggedRequest, SiteServer

__all__ = ["LABEL_PATHS", "SITES", "SITES_DIR", "SITE_PATHS", "AuditCache", "Audited"]

# Every labelled site: the fixtures, and the bundled demo (it is labelled too).
LABELLED = labelled_sites()
SITE_PATHS = {name: site.root for name, site in LABELLED.items()}
LABEL_PATHS = {name: site.labels for name, site in LABELLED.items()}
SITES = sorted(SITE_PATHS)


@dataclass
class Audited:
    site: str
    url: str
    out: Path
    observations: Observations
    report: object  # reports.model.Report, typed loosely to keep collection light
    requests: list[LoggedRequest]


class AuditCache:
    """Each fixture site is audited once per session, whichever tests ask for it."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self._done: dict[str, Audited] = {}

    def get(self, site: str) -> Audited:
        if site not in self._done:
            self._done[site] = self._audit(site)
        return self._done[site]

    def _audit(self, site: str) -> Audited:
        from auditor.accuracy import audit_labelled_site

        out = self.base / site
        settings = Settings(max_pages=60, time_limit_s=120, screenshots=site == "he-rtl")
        done = audit_labelled_site(SITE_PATHS[site], out, settings, SiteServer)
        return Audited(site, done.url, out, done.observations, done.report, done.requests)


@pytest.fixture(scope="session")
def audits(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AuditCache]:
    yield AuditCache(tmp_path_factory.mktemp("audits"))
