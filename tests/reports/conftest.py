"""Fixtures for the RENDER-stage tests (sample data in report_samples.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_samples import make_judgement, make_observations

from auditor.derive import AuditView
from reports.build import build_report
from reports.model import Report
from rules.model import Judgement


@pytest.fixture()
def observations() -> AuditView:
    return make_observations()


@pytest.fixture()
def judgement() -> Judgement:
    return make_judgement()


@pytest.fixture()
def report(observations: AuditView, judgement: Judgement) -> Report:
    return build_report(observations, judgement)


@pytest.fixture()
def out_dir(tmp_path: Path) -> Path:
    d = tmp_path / "out"
    d.mkdir()
    return d
