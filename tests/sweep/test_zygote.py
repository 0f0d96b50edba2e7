"""The sweep's warm zygote: one import, a fresh audit process per job, no stray process."""

from __future__ import annotations

import os
import time
from pathlib import Path

import psutil

from auditor.sweep import task
from auditor.sweep.zygote import Zygote


def _job(tmp_path: Path) -> dict[str, object]:
    # Not a valid configuration: the forked audit process fails at once, without a browser.
    return {"config": {"url": 42}, "timeout_s": 30, "parent": os.getpid()}


def test_each_job_is_a_fresh_process_of_its_own_forked_from_one_zygote(tmp_path: Path) -> None:
    zygote = Zygote()
    try:
        pids = []
        for n in range(2):
            files = tmp_path / str(n)
            files.mkdir()
            pid = zygote.start(_job(tmp_path), files)
            assert os.getpgid(pid) == pid, "the audit leads a process group of its own"
            assert zygote.wait(30) == 1
            assert "ValidationError" in (files / "stderr.txt").read_text()
            pids.append(pid)
        assert len(set(pids)) == 2 and zygote.alive()
    finally:
        zygote.close()
    assert not zygote.alive()


def test_a_failed_audit_process_is_an_infrastructure_failure_and_leaves_nothing(
    tmp_path: Path,
) -> None:
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    try:
        outcome = task.run_site({"config": {"url": 42}, "timeout_s": 30})
        assert outcome["state"] == "infra_error" and "exit 1" in str(outcome["error"])
        again = task.run_site({"config": {"url": 42}, "timeout_s": 30})
        assert again["state"] == "infra_error"
    finally:
        task.close_zygotes()
    time.sleep(0.2)
    left = {p.pid for p in psutil.Process().children(recursive=True)} - before
    assert left == set(), left
