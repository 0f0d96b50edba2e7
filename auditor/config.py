"""Settings from `[tool.auditor]` in pyproject.toml or from auditor.toml, validated.

A CI job keeps its audit settings in the repository; a typo there must fail loudly with
the file and the key named, not be ignored.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError


class ConfigError(ValueError):
    """A configuration problem, worded as one line for the user."""


class AuditConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str | None = None
    out: str | None = None
    formats: list[Literal["html", "json", "md", "sarif", "junit", "csv"]] | None = None
    profile: str | None = None
    as_of: str | None = None
    viewport: Literal["desktop", "mobile", "both"] | None = None
    max_pages: int | None = Field(None, ge=1, le=100_000)
    max_depth: int | None = Field(None, ge=1, le=50)
    time_limit: float | None = Field(None, gt=0)
    parallel: int | None = Field(None, ge=1, le=8)
    rate: float | None = Field(None, gt=0)
    region: str | None = None
    fail_over: float | None = Field(None, ge=0, le=100)
    fail_on: Literal["minor", "moderate", "serious", "critical"] | None = None
    baseline: str | None = None
    ignore_robots: bool | None = None
    screenshots: bool | None = None


def find_config(explicit: Path | None, cwd: Path) -> Path | None:
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"config file not found: {explicit}")
        return explicit
    for name in ("auditor.toml", "pyproject.toml"):
        candidate = cwd / name
        if candidate.is_file():
            if name == "pyproject.toml" and "tool" not in _read(candidate):
                continue
            return candidate
    return None


def _read(path: Path) -> dict[str, object]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read TOML: {exc}") from exc


def load_config(path: Path | None) -> AuditConfig:
    if path is None:
        return AuditConfig()
    data = _read(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        section = tool.get("auditor", {}) if isinstance(tool, dict) else {}
    else:
        section = data.get("auditor", data)
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [auditor] must be a table")
    try:
        return AuditConfig.model_validate(section)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(root)"
        raise ConfigError(f"{path}: {where}: {first['msg']}") from None
