"""Helpers of the sweep tests: fixture sites on loopback, small audits, the ledger read raw."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from auditor.config import AuditorConfig
from tests.support.paths import SITES_DIR
from tests.support.siteserver import SiteServer

SMALL = {
    "viewport": "desktop",
    "max_pages": 6,
    "time_limit": 60.0,
    "screenshots": False,
    "formats": ["json", "html"],
    "site_margin": 60.0,
}


def config(out: Path, **changes: Any) -> AuditorConfig:
    return AuditorConfig.model_validate({**SMALL, "out": out, **changes})


@contextmanager
def servers(*names: str, latency: float = 0.0) -> Iterator[list[SiteServer]]:
    with ExitStack() as stack:
        started = []
        for name in names:
            server = stack.enter_context(SiteServer(SITES_DIR / name))
            server.latency = latency
            started.append(server)
        yield started


def url_list(path: Path, urls: list[str]) -> Path:
    path.write_text("\n".join(urls) + "\n", encoding="utf-8")
    return path


def ledger_rows(out: Path) -> list[dict[str, Any]]:
    """The ledger as the database has it, read without the auditor's code."""
    with sqlite3.connect(out / "sweep.db", timeout=10) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute("select * from sweep_sites order by position")]


def site_folders(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.is_dir())
