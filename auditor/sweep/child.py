"""``python -m auditor.sweep.child``: audit one sweep site (a job as JSON on stdin).

Prints one JSON line (the outcome) and exits 0 when the audit ran to a report, whatever
the site did; a crash exits non-zero, which the task records as an infrastructure failure.
A watchdog ends the child, its browser with it, when the worker that started it is gone:
a killed coordinator leaves no audit writing into a folder the resumed sweep re-queues.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading

from auditor.sweep.task import classify


def watch_parent(worker: int) -> None:
    """End this audit (and its browser) when the process that started it (the worker, or
    the worker's zygote) or the worker that asked for it is gone: a killed coordinator
    leaves no audit writing into a folder a resumed sweep clears."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            gone = os.getppid() != parent
            try:
                os.kill(worker, 0)
            except ProcessLookupError:
                gone = True
            except PermissionError:
                pass
            if gone:
                os.killpg(0, signal.SIGKILL)
            threading.Event().wait(0.5)

    threading.Thread(target=watch, daemon=True).start()


def main() -> int:
    if sys.argv[1:] == ["--zygote"]:
        from auditor.sweep.zygote import serve

        return serve()
    job = json.loads(sys.stdin.read())
    if job.get("parent"):
        watch_parent(int(job["parent"]))
    return audit_job(job)


def audit_job(job: dict[str, object]) -> int:
    """Audit one job and print its outcome line (a fresh process, or a zygote's fork)."""
    from auditor.api.runs import audit
    from auditor.config import AuditorConfig
    from auditor.errors import AuditorError

    config = AuditorConfig.model_validate(job["config"])
    try:
        artifact = job.get("artifact")
        result = audit(config, artifact=str(artifact) if artifact is not None else None)
    except AuditorError as exc:  # the site's own problem (e.g. refused URL): a result
        print(json.dumps({"state": "failed", "status": "failed", "status_reason": str(exc)}))
        return 0
    report = result.report
    print(
        json.dumps(
            {
                "state": classify(report.status, report.status_reason),
                "status": report.status,
                "status_reason": report.status_reason,
                "result_path": str(result.files["json"]),
                "error": report.status_reason
                if classify(report.status, report.status_reason) == "infra_error"
                else None,
            }
        ),
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
