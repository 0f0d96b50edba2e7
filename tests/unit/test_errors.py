"""One error tree: every user-facing class is an AuditorError with a mapped exit code."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from auditor import errors
from auditor.cli_errors import exit_code_for
from auditor.errors import AuditorError
from reports.build import ReportFileError, load_report
from reports.render import UnknownFormat, render_text
from rules.profile import load_profile
from rules.registry import UnknownRule, get

CLASSES = [c for _, c in inspect.getmembers(errors, inspect.isclass) if issubclass(c, AuditorError)]
ARCHITECTURE = Path(__file__).resolve().parents[2] / "docs" / "architecture.md"


def test_the_old_classes_are_branches_of_the_tree() -> None:
    assert issubclass(ReportFileError, errors.ReportError)
    assert UnknownFormat is errors.UnknownFormat and UnknownRule is errors.UnknownRule
    from auditor.browser import BrowserNotFound

    assert BrowserNotFound is errors.BrowserNotFound


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_every_class_maps_to_exit_2(cls: type[AuditorError]) -> None:
    assert exit_code_for(cls("x")) == 2


def test_user_facing_problems_raise_auditor_errors(tmp_path: Path) -> None:
    with pytest.raises(errors.ProfileError, match="unknown profile 'mars'"):
        load_profile("mars")
    with pytest.raises(errors.UnknownRule):
        get("no-such-rule")
    with pytest.raises(errors.ReportError, match="no such file"):
        load_report(tmp_path / "missing.json")
    with pytest.raises(errors.UnknownFormat):
        render_text(None, "docx")  # type: ignore[arg-type]


def test_the_architecture_doc_names_every_class() -> None:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    section = text.split("## Errors", 1)[1].split("\n## ", 1)[0]
    for cls in CLASSES:
        assert cls.__name__ in section, f"docs/architecture.md Errors misses {cls.__name__}"
