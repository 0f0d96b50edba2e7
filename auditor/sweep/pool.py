"""Where sweep tasks run: one interface over a thread, a Dask LocalCluster, a Dask cluster.

``--workers N`` starts a LocalCluster of N worker *processes* (one thread each) rather than
a ProcessPoolExecutor: the local sweep then takes exactly the code path of a sweep on a
real cluster (``--scheduler tcp://HOST:8786``), so what the tests prove locally is what
runs distributed.  One worker and no scheduler runs tasks on a thread of the coordinator
(no cluster to start for the common one-site-at-a-time case).  Every task starts its own
audit process (:mod:`auditor.sweep.task`), so each worker drives one browser at a time.
"""

from __future__ import annotations

import contextlib
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Protocol

from auditor.errors import UsageError
from auditor.sweep.task import Job, close_zygotes, interrupt_audits, run_site

WORKER_MEMORY = "1GiB"
"""A LocalCluster worker's memory limit: the worker itself is small; its audit process and
browser (≈ 300-600 MB) are separate processes the nanny does not count."""


class Handle(Protocol):
    def done(self) -> bool: ...
    def result(self) -> Any: ...
    def cancel(self) -> Any: ...


class Pool(Protocol):
    def capacity(self) -> int: ...
    def submit(self, job: Job, key: str) -> Handle: ...
    def interrupt(self) -> None: ...
    def close(self) -> None: ...


class ThreadPool:
    """One task at a time on a coordinator thread: the sequential sweep."""

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sweep")

    def capacity(self) -> int:
        return 1

    def submit(self, job: Job, key: str) -> Future[Any]:
        return self._executor.submit(run_site, job)

    def interrupt(self) -> None:
        interrupt_audits()

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
        close_zygotes()


class DaskPool:
    """Tasks on a Dask cluster: a LocalCluster of processes, or a scheduler's address."""

    def __init__(self, *, workers: int, scheduler: str | None) -> None:
        import dask
        import distributed

        client: Any = distributed.Client  # distributed is untyped
        local: Any = distributed.LocalCluster

        # The ledger retries infrastructure failures and counts them; Dask must not rerun
        # a task behind its back when a worker dies.
        dask.config.set({"distributed.scheduler.allowed-failures": 0})
        self._cluster: Any = None
        try:
            if scheduler:
                self._client: Any = client(scheduler, timeout=20)
            else:
                self._cluster = local(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    memory_limit=WORKER_MEMORY,
                    dashboard_address=None,
                    silence_logs=50,
                )
                self._client = client(self._cluster)
        except (OSError, TimeoutError, ValueError) as exc:
            where = scheduler or "a local cluster"
            raise UsageError(f"cannot reach the Dask scheduler at {where}: {exc}") from None

    def capacity(self) -> int:
        """Tasks at once: every worker thread of the cluster (workers may come and go)."""
        threads = self._client.nthreads()
        return max(1, sum(int(n) for n in threads.values())) if threads else 1

    def submit(self, job: Job, key: str) -> Any:
        return self._client.submit(run_site, job, key=key, pure=False, retries=0)

    def interrupt(self) -> None:
        """Every worker asks its running audits to stop (out of band: the workers' task
        threads are busy with those very audits)."""
        with contextlib.suppress(Exception):  # a worker that is gone has nothing to stop
            self._client.run(interrupt_audits, wait=True)

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def configured_scheduler() -> str | None:
    """The Dask config's ``scheduler-address`` (e.g. ``DASK_SCHEDULER_ADDRESS``), if any."""
    import dask

    value = dask.config.get("scheduler-address", None)
    return str(value) if value else None


def make_pool(workers: int, scheduler: str | None) -> ThreadPool | DaskPool:
    scheduler = scheduler or configured_scheduler()
    if scheduler or workers > 1:
        return DaskPool(workers=workers, scheduler=scheduler)
    return ThreadPool()


__all__ = ["DaskPool", "Handle", "Pool", "ThreadPool", "make_pool"]
