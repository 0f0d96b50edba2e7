"""The zygote's warm-up: fork-safe, and invisible in what an audit finds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "observations-v1-en-good.json"

_JUDGE = """
import json, sys, threading
from pathlib import Path
if sys.argv[1] == "warm":
    from auditor.sweep.warmup import warm_up
    warm_up()
from auditor.api.judging import judge_observations
from auditor.audit import load_observations
report = judge_observations(load_observations(Path(sys.argv[2])), as_of="2026-12-01")
data = json.loads(report.model_dump_json())
print(json.dumps({"threads": threading.active_count(), "report": data}))
"""


def _judge(mode: str) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", _JUDGE, mode, str(DATA)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _stable(report: object) -> object:
    """The report without the clock: when it was judged is not what it found."""
    assert isinstance(report, dict)
    return {k: v for k, v in report.items() if k not in {"generated_at", "judged_at", "tool"}}


def test_warm_up_leaves_no_thread_and_changes_no_finding() -> None:
    cold, warm = _judge("cold"), _judge("warm")
    assert warm["threads"] == 1  # a zygote with a thread left running is unsafe to fork
    assert _stable(warm["report"]) == _stable(cold["report"])
    report = warm["report"]
    assert isinstance(report, dict) and report["findings"]


def test_sample_site_reaches_the_text_finders() -> None:
    from auditor.derive import derive
    from auditor.sweep.warmup import sample_observations

    view = derive(sample_observations())
    kinds = {c.kind for c in view.inventory}
    assert {"phone", "email", "postal"} <= kinds
    signals = {s.kind for w in view.walks for f in w.facts for s in f.signals}
    assert {"business_hours", "response_time"} <= signals
