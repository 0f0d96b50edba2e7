"""Evidence that stands up: screenshots on every milestone path, and a hash manifest."""

from __future__ import annotations

import hashlib
import json

import pytest

from tests.conftest import AuditCache

pytestmark = pytest.mark.browser


def test_every_step_of_every_milestone_path_has_a_screenshot(audits: AuditCache) -> None:
    audited = audits.get("he-rtl")
    for walk in audited.observations.walks:
        for name, milestone in walk.milestones.items():
            assert milestone.reached, f"{walk.viewport} {name}"
            for step in milestone.path:
                assert step.screenshot, f"{walk.viewport} {name}: {step.action} has no image"
                image = audited.out / step.screenshot
                assert image.is_file() and image.stat().st_size > 1000


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
