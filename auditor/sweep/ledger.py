"""The job ledger and the audit history: one database, SQLAlchemy Core.

The ledger, not the folder, says what a sweep has done: a coordinator killed at any moment
re-reads it and carries on, so every state change is committed before anything depends on
it.  SQLite (in the sweep folder) by default; any SQLAlchemy URL, e.g. PostgreSQL, by
``--db``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    insert,
    select,
    update,
)
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from auditor.errors import UsageError

State = Literal["queued", "running", "done", "failed", "infra_error"]
FINAL_STATES = ("done", "failed", "infra_error")

metadata = MetaData()

sweeps = Table(
    "sweeps",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(1000), nullable=False, unique=True),
    Column("urls_file", Text, nullable=False),
    Column("profile", String(100), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("complete", Boolean, nullable=False, default=False),
)

sites = Table(
    "sweep_sites",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sweep_id", Integer, ForeignKey("sweeps.id"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("url", Text, nullable=False),
    Column("host", String(300), nullable=False),
    Column("folder", String(300), nullable=False),
    Column("state", String(20), nullable=False, default="queued"),
    Column("attempts", Integer, nullable=False, default=0),
    Column("started_at", DateTime(timezone=True)),
    Column("finished_at", DateTime(timezone=True)),
    Column("duration_s", Float),
    Column("status", String(30)),
    Column("status_reason", Text),
    Column("friction", Float),
    Column("grade", String(10)),
    Column("result_path", Text),
    Column("error", Text),
    UniqueConstraint("sweep_id", "url"),
    UniqueConstraint("sweep_id", "folder"),
)

audits = Table(
    "audits",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("site", Text, nullable=False, index=True),
    Column("url", Text, nullable=False),
    Column("audited_at", DateTime(timezone=True), nullable=False),
    Column("profile", String(100), nullable=False),
    Column("tool_version", String(50), nullable=False),
    Column("status", String(30), nullable=False),
    Column("friction", Float),
    Column("grade", String(10)),
    Column("categories", JSON, nullable=False),
    Column("findings", JSON, nullable=False),
    Column("report_path", Text),
    Column("sweep_key", String(1000)),
)


def now() -> datetime:
    return datetime.now(UTC)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.resolve()}"


def open_db(url: str) -> Engine:
    """An engine with the tables created; a bad URL is a usage error, not a traceback."""
    try:
        engine = create_engine(url, future=True)
    except (ArgumentError, ImportError, SQLAlchemyError) as exc:
        raise UsageError(f"--db {url}: not a usable database URL ({exc})") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        metadata.create_all(engine)
    except OperationalError as exc:
        raise UsageError(f"--db {url}: cannot open ({exc.orig})") from None
    return engine


def _sqlite_pragmas(conn: Any, _record: Any) -> None:
    """WAL and a busy timeout: the coordinator writes while `auditor history` reads."""
    cursor = conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


@dataclass(frozen=True)
class SiteRow:
    """One site of a sweep as the ledger has it."""

    id: int
    position: int
    url: str
    host: str
    folder: str
    state: str
    attempts: int
    started_at: datetime | None
    finished_at: datetime | None
    duration_s: float | None
    status: str | None
    status_reason: str | None
    friction: float | None
    grade: str | None
    result_path: str | None
    error: str | None


class Ledger:
    """One sweep's rows in the database, keyed by the sweep's folder."""

    def __init__(self, engine: Engine, key: str) -> None:
        self.engine = engine
        self.key = key
        self.sweep_id: int | None = None
        with engine.connect() as conn:
            found = conn.execute(select(sweeps.c.id).where(sweeps.c.key == key)).scalar()
        if found is not None:
            self.sweep_id = int(found)

    @property
    def exists(self) -> bool:
        return self.sweep_id is not None

    def create(self, urls_file: str, profile: str, jobs: Iterable[tuple[str, str, str]]) -> None:
        """The sweep and its queued sites (url, host, folder), in one transaction."""
        with self.engine.begin() as conn:
            got = conn.execute(
                insert(sweeps).values(
                    key=self.key,
                    urls_file=urls_file,
                    profile=profile,
                    created_at=now(),
                    complete=False,
                )
            )
            key = got.inserted_primary_key
            assert key is not None
            sweep_id = int(key[0])
            rows = [
                {"sweep_id": sweep_id, "position": i, "url": u, "host": h, "folder": f}
                for i, (u, h, f) in enumerate(jobs)
            ]
            if rows:
                conn.execute(insert(sites), [{**r, "state": "queued", "attempts": 0} for r in rows])
        self.sweep_id = sweep_id

    def _id(self) -> int:
        if self.sweep_id is None:
            raise RuntimeError("ledger not created")
        return self.sweep_id

    def rows(self) -> list[SiteRow]:
        with self.engine.connect() as conn:
            got = conn.execute(
                select(sites).where(sites.c.sweep_id == self._id()).order_by(sites.c.position)
            )
            return [
                SiteRow(**{k: v for k, v in r._mapping.items() if k != "sweep_id"}) for r in got
            ]

    def requeue(self, max_attempts: int) -> list[SiteRow]:
        """After a coordinator stopped: in-flight sites, and retryable ones, queued again."""
        with self.engine.begin() as conn:
            conn.execute(
                update(sites)
                .where(sites.c.sweep_id == self._id(), sites.c.state == "running")
                .values(state="queued", error="coordinator stopped while in flight")
            )
            conn.execute(
                update(sites)
                .where(
                    sites.c.sweep_id == self._id(),
                    sites.c.state == "infra_error",
                    sites.c.attempts < max_attempts,
                )
                .values(state="queued")
            )
            conn.execute(update(sweeps).where(sweeps.c.id == self._id()).values(complete=False))
        return [r for r in self.rows() if r.state == "queued"]

    def start(self, site_id: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(sites)
                .where(sites.c.id == site_id)
                .values(state="running", attempts=sites.c.attempts + 1, started_at=now())
            )

    def finish(self, site_id: int, state: State, **values: object) -> None:
        """A final (or retry) state with its outcome; timings from the recorded start."""
        with self.engine.begin() as conn:
            began = conn.execute(select(sites.c.started_at).where(sites.c.id == site_id)).scalar()
            ended = now()
            duration = None
            if isinstance(began, datetime):
                start = began if began.tzinfo else began.replace(tzinfo=UTC)
                duration = round((ended - start).total_seconds(), 3)
            conn.execute(
                update(sites)
                .where(sites.c.id == site_id)
                .values(state=state, finished_at=ended, duration_s=duration, **values)
            )

    def interrupt(self, site_id: int, why: str) -> None:
        """Stopped by the user, not failed: queued again, and the attempt not counted (the
        retry budget is for the machine's failures)."""
        with self.engine.begin() as conn:
            conn.execute(
                update(sites)
                .where(sites.c.id == site_id)
                .values(state="queued", attempts=sites.c.attempts - 1, error=why)
            )

    def mark_complete(self, complete: bool) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(sweeps).where(sweeps.c.id == self._id()).values(complete=complete))

    def complete(self) -> bool:
        with self.engine.connect() as conn:
            got = conn.execute(select(sweeps.c.complete).where(sweeps.c.id == self._id()))
            return bool(got.scalar())


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


__all__ = [
    "FINAL_STATES",
    "Ledger",
    "SiteRow",
    "State",
    "audits",
    "open_db",
    "sites",
    "sqlite_url",
    "sweeps",
]
