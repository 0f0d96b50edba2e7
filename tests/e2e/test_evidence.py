"""Evidence that stands up: screenshots on every milestone path, and a hash manifest."""

from __future__ import annotations

import hashlib
import json

import pytest

from tests.conftest import AuditCache

pytestmark = pytest.mark.browser


def test_every_step_of_every_milestone_path_has_a_screenshot(audits: AuditCache) -> None:
    audited = audits.get("he-rtl")
    assert set(audited.report.by_viewport) == {"desktop", "mobile"}
    for viewport, walk in audited.report.by_viewport.items():
        for name, milestone in walk.milestones.items():
            assert milestone.reached, f"{viewport} {name}"
            for step in milestone.path:
                assert step.screenshot, f"{viewport} {name}: {step.action} has no image"
                assert step.screenshot.startswith(f"screenshots/{viewport}-")
                image = audited.out / step.screenshot
                assert image.is_file() and image.stat().st_size > 1000


def test_the_evidence_index_names_states_not_labels(audits: AuditCache) -> None:
    # observations.json keeps screenshots by the state they show (raw record only).
    audited = audits.get("he-rtl")
    for walk in audited.observations.walks:
        assert walk.evidence, f"{walk.viewport}: no evidence recorded"
        for key, shot in walk.evidence.items():
            assert key.startswith("http"), key
            assert (audited.out / shot).is_file()


def test_manifest_hashes_every_file_of_the_audit(audits: AuditCache) -> None:
    audited = audits.get("he-rtl")
    manifest = json.loads((audited.out / "manifest.json").read_text())
    assert manifest["algorithm"] == "sha256" and manifest["created_at"].endswith("Z")
    files = manifest["files"]
    on_disk = {
        p.relative_to(audited.out).as_posix()
        for p in audited.out.rglob("*")
        if p.is_file() and p.name != "manifest.json"
    }
    assert set(files) == on_disk
    assert any(name.startswith("screenshots/") for name in files)
    for name, digest in files.items():
        assert hashlib.sha256((audited.out / name).read_bytes()).hexdigest() == digest
