"""One configuration model, resolved in layers, for every command.

defaults < command defaults < ``auditor.toml`` / ``[tool.auditor]`` < ``AUDITOR_*``
environment variables < command line.  A CI job keeps its settings in the repository and
overrides one of them per job from the environment; a typo anywhere must fail loudly with
its source and key named, not be ignored.  The resolver records where every value came
from, so ``auditor config`` can show it and a report can cite it.

``docs/configuration.md`` lists every key (a test keeps it complete).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from auditor.errors import ConfigError
from auditor.models import Settings, ViewportName

Format = Literal["html", "json", "pdf", "md", "sarif", "junit", "csv"]
FORMATS: tuple[str, ...] = get_args(Format)
Impact = Literal["minor", "moderate", "serious", "critical"]
IMPACTS: tuple[str, ...] = get_args(Impact)
ViewportChoice = Literal["desktop", "mobile", "both"]
Level = Literal["off", "warn", "error"]
LEVELS: tuple[str, ...] = get_args(Level)

ENV_PREFIX = "AUDITOR_"
RESERVED_ENV = {
    "AUDITOR_CHROMIUM": "path of the Chromium to drive (auditor/browser.py)",
    "AUDITOR_DEBUG": "show tracebacks instead of one-line errors",
}
"""AUDITOR_* variables that are not configuration keys; any other unknown one is an error."""

FOREIGN_ENV = {"GITHUB_STEP_SUMMARY": "step_summary"}
"""Variables other tools set that fill a key when nothing else does (below AUDITOR_*)."""

CONFIG_FILES = ("auditor.toml", "pyproject.toml")
DEFAULT_REGION_NOTE = "guessed from the start page's language and domain"

_WALK = Settings()
"""Walk defaults live in one place, the Settings model; the configuration reuses them."""


def _key(cli: str, help: str) -> Any:
    """Field metadata: the command-line flag of a key, for messages and the docs."""
    return {"cli": cli, "help": help}


class AuditorConfig(BaseModel):
    """Every setting a command reads.  Commands ignore keys that do not concern them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    url: str | None = Field(None, json_schema_extra=_key("URL", "start URL (audit)"))
    out: Path | None = Field(
        None, json_schema_extra=_key("--out", "output folder (default per command)")
    )
    replace: bool = Field(
        False, json_schema_extra=_key("--replace", "clear an earlier run in --out first")
    )
    formats: list[Format] = Field(
        default_factory=lambda: list[Format](["json", "html"]),
        json_schema_extra=_key("--format", "reports to write (comma-separated)"),
    )
    profile: str = Field(
        "generic",
        json_schema_extra=_key("--profile", "rule profile: bundled id or a .toml extending one"),
    )
    rules: dict[str, Level] = Field(
        default_factory=dict,
        json_schema_extra=_key(
            "--rule", "per-rule level: slug = off, warn or error ([tool.auditor.rules])"
        ),
    )
    only_tags: list[str] = Field(
        default_factory=list,
        json_schema_extra=_key("--only-tags", "run only rules with one of these tags"),
    )
    skip_tags: list[str] = Field(
        default_factory=list,
        json_schema_extra=_key("--skip-tags", "do not run rules with any of these tags"),
    )
    as_of: date | None = Field(
        None, json_schema_extra=_key("--as-of", "judge as of this date (default today)")
    )
    viewport: ViewportChoice = Field(
        "both", json_schema_extra=_key("--viewport", "desktop, mobile or both")
    )
    max_pages: int = Field(
        _WALK.max_pages,
        ge=1,
        le=100_000,
        json_schema_extra=_key("--max-pages", "pages per viewport"),
    )
    max_depth: int = Field(
        _WALK.max_depth, ge=1, le=50, json_schema_extra=_key("--max-depth", "max clicks deep")
    )
    time_limit: float = Field(
        _WALK.time_limit_s,
        gt=0,
        le=86_400,
        json_schema_extra=_key("--time-limit", "seconds for the whole walk"),
    )
    parallel: int = Field(
        _WALK.parallel, ge=1, le=8, json_schema_extra=_key("--parallel", "pages loaded at once")
    )
    rate: float = Field(
        _WALK.rate_per_host,
        gt=0,
        le=100,
        json_schema_extra=_key("--rate", "page loads per second per host, at most"),
    )
    region: str | None = Field(
        None,
        pattern=r"^[A-Za-z]{2}$",
        json_schema_extra=_key("--region", "phone region, e.g. GB, ES, IL"),
    )
    ignore_robots: bool = Field(
        not _WALK.obey_robots,
        json_schema_extra=_key("--ignore-robots", "for an authorised audit only"),
    )
    screenshots: bool = Field(
        _WALK.screenshots,
        json_schema_extra=_key("--screenshots/--no-screenshots", "evidence images"),
    )
    static: bool = Field(
        _WALK.static,
        json_schema_extra=_key(
            "--static/--no-static", "read sitemaps first to rank the walk (static tier)"
        ),
    )
    fail_over: float | None = Field(
        None, ge=0, le=100, json_schema_extra=_key("--fail-over", "exit 1 above this friction")
    )
    fail_on: Impact | None = Field(
        None,
        json_schema_extra=_key("--fail-on", "exit 1 on a fail of this impact or worse"),
    )
    baseline: Path | None = Field(
        None, json_schema_extra=_key("--baseline", "old report.json: exit 1 on regression")
    )
    tolerance: float = Field(
        2.0,  # reports.diff.DEFAULT_TOLERANCE (a test keeps them equal)
        ge=0,
        le=100,
        json_schema_extra=_key("--tolerance", "friction points a score may rise (diff, baseline)"),
    )
    artifact: str | None = Field(
        None,
        json_schema_extra=_key("--artifact", "SARIF: file results point at (default the config)"),
    )
    step_summary: Path | None = Field(
        None,
        json_schema_extra=_key(
            "--step-summary", "append the Markdown summary here (default $GITHUB_STEP_SUMMARY)"
        ),
    )

    @field_validator("only_tags", "skip_tags", mode="before")
    @classmethod
    def _tag_list(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip().lower() for part in value.split(",") if part.strip()]
        return value

    @field_validator("rules", mode="before")
    @classmethod
    def _level_pairs(cls, value: object) -> object:
        """``slug=level,slug=level`` from the environment or the command line."""
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list):
            pairs: dict[str, str] = {}
            for item in (p for part in value for p in str(part).split(",")):
                if not item.strip():
                    continue
                slug, sep, level = item.partition("=")
                if not sep:
                    raise ValueError(f"expected slug=level (off, warn, error), not {item!r}")
                pairs[slug.strip()] = level.strip().lower()
            return pairs
        return value

    workers: int = Field(
        1, ge=1, le=256, json_schema_extra=_key("--workers", "sweep: sites audited at once")
    )
    scheduler: str | None = Field(
        None,
        json_schema_extra=_key("--scheduler", "sweep: Dask scheduler address (tcp://HOST:8786)"),
    )
    history_db: str | None = Field(
        None,
        json_schema_extra=_key("--db", "ledger/history database URL (sweep default: SQLite)"),
    )
    infra_retries: int = Field(
        2,
        ge=0,
        le=10,
        json_schema_extra=_key("--infra-retries", "sweep: retries of a site after a crash"),
    )
    site_margin: float = Field(
        120.0,
        gt=0,
        le=86_400,
        json_schema_extra=_key("--site-margin", "sweep: seconds past time_limit before a kill"),
    )

    @field_validator("formats", mode="before")
    @classmethod
    def _comma_list(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip().lower() for part in value.split(",") if part.strip()]
        return value

    @field_validator("formats")
    @classmethod
    def _some_format(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("give at least one format")
        return list(dict.fromkeys(value))

    @field_validator("as_of", mode="before")
    @classmethod
    def _iso_date(cls, value: object) -> object:
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                raise ValueError(f"must be a date like 2026-06-19, not {value!r}") from None
        return value

    @field_validator("region")
    @classmethod
    def _upper(cls, value: str | None) -> str | None:
        return value.upper() if value else None

    def settings(self) -> Settings:
        """The walk's settings for this configuration."""
        viewports: list[ViewportName] = (
            ["desktop", "mobile"] if self.viewport == "both" else [self.viewport]
        )
        return Settings(
            max_pages=self.max_pages,
            max_depth=self.max_depth,
            time_limit_s=self.time_limit,
            viewports=viewports,
            obey_robots=not self.ignore_robots,
            parallel=self.parallel,
            rate_per_host=self.rate,
            region=self.region,
            screenshots=self.screenshots,
            static=self.static,
        )

    def as_of_text(self) -> str | None:
        return self.as_of.isoformat() if self.as_of else None


KEYS: tuple[str, ...] = tuple(AuditorConfig.model_fields)


def env_name(key: str) -> str:
    return ENV_PREFIX + key.upper()


def cli_flag(key: str) -> str:
    extra = AuditorConfig.model_fields[key].json_schema_extra
    return str(extra["cli"]) if isinstance(extra, dict) else "--" + key.replace("_", "-")


def help_text(key: str) -> str:
    extra = AuditorConfig.model_fields[key].json_schema_extra
    return str(extra["help"]) if isinstance(extra, dict) else ""


@dataclass(frozen=True)
class Resolved:
    """The configuration and, for each key, the layer its value came from."""

    config: AuditorConfig
    sources: dict[str, str]
    file: Path | None

    def source(self, key: str) -> str:
        return self.sources.get(key, "default")


def find_config(explicit: Path | None, cwd: Path) -> Path | None:
    """The file that configures a run: ``--config``, else auditor.toml, else pyproject.toml."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"config file not found: {explicit}")
        return explicit
    for name in CONFIG_FILES:
        candidate = cwd / name
        if candidate.is_file():
            if name == "pyproject.toml" and not _pyproject_section(_read(candidate)):
                continue
            return candidate
    return None


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read TOML: {exc}") from None


def _pyproject_section(data: dict[str, Any]) -> object:
    tool = data.get("tool", {})
    return tool.get("auditor") if isinstance(tool, dict) else None


def file_layer(path: Path | None) -> dict[str, Any]:
    """The raw table of a config file (``[tool.auditor]``, ``[auditor]`` or top level)."""
    if path is None:
        return {}
    data = _read(path)
    if path.name == "pyproject.toml":
        section = _pyproject_section(data) or {}
    elif set(data) == {"auditor"}:
        section = data["auditor"]
    else:
        section = data
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [auditor] must be a table")
    return dict(section)


def env_layer(env: Mapping[str, str]) -> dict[str, str]:
    """``AUDITOR_<KEY>`` variables; empty ones count as unset (CI templates leave them so)."""
    found: dict[str, str] = {}
    for name, value in env.items():
        if not name.startswith(ENV_PREFIX) or name in RESERVED_ENV:
            continue
        key = name[len(ENV_PREFIX) :].lower()
        if key not in AuditorConfig.model_fields:
            raise ConfigError(f"environment variable {name}: unknown setting")
        if value.strip():
            found[key] = value.strip()
    return found


def _validated(layer: Mapping[str, Any], describe: Any) -> dict[str, Any]:
    """Check one layer alone, so an error names the layer that holds the bad value."""
    try:
        model = AuditorConfig.model_validate(dict(layer))
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(p) for p in first["loc"][:1]) or "(root)"
        msg = first["msg"]
        if first["type"] == "extra_forbidden":
            msg = "unknown key (see docs/configuration.md)"
        raise ConfigError(f"{describe(key)}: {msg}") from None
    return {key: getattr(model, key) for key in layer}


def resolve(
    cli: Mapping[str, Any] | None = None,
    *,
    config_file: Path | None = None,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    command_defaults: Mapping[str, Any] | None = None,
) -> Resolved:
    """Merge the layers; ``None`` in ``cli`` means "option not given"."""
    where = cwd or Path.cwd()
    path = find_config(config_file, where)
    environ = os.environ if env is None else env
    layers: list[tuple[str, dict[str, Any]]] = []
    if command_defaults:
        layers.append(("default", _validated(command_defaults, lambda k: f"default {k}")))
    raw_file = file_layer(path)
    layers.append((str(path), _validated(raw_file, lambda k: f"{path}: {k}")))
    foreign = {key: environ[name] for name, key in FOREIGN_ENV.items() if environ.get(name)}
    layers.append(("foreign", _validated(foreign, lambda k: f"environment variable {k}")))
    raw_env = env_layer(environ)
    layers.append(("env", _validated(raw_env, lambda k: f"environment variable {env_name(k)}")))
    given = {k: v for k, v in (cli or {}).items() if v is not None}
    layers.append(("cli", _validated(given, lambda k: f"option {cli_flag(k)}")))
    merged: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for name, values in layers:
        for key, value in values.items():
            merged[key] = value
            if name == "env":
                sources[key] = env_name(key)
            elif name == "foreign":
                sources[key] = next(n for n, k in FOREIGN_ENV.items() if k == key)
            elif name == "cli":
                sources[key] = cli_flag(key)
            else:
                sources[key] = name
    return Resolved(AuditorConfig.model_validate(merged), sources, path)


def load_config(path: Path | None) -> AuditorConfig:
    """The configuration of one file over the defaults (no environment, no options)."""
    return AuditorConfig.model_validate(_validated(file_layer(path), lambda k: f"{path}: {k}"))


def _type_name(key: str) -> str:
    """A readable type for the docs: ``int``, ``one of a, b``, ``list of …``, ``optional``."""
    text = str(AuditorConfig.model_fields[key].annotation)
    optional = "None" in text or "Optional[" in text
    for noise in ("typing.", "pathlib.", "datetime.", "<class '", "'>", "Optional["):
        text = text.replace(noise, "")
    text = text.replace(" | None", "").replace("]]", "]").replace("'", "")
    text = text.replace("list[Literal[", "list of ").replace("Literal[", "one of ").rstrip("]")
    text = text.replace("Path", "path").replace("str", "string")
    text = text.replace("dict[string, one of", "table of rule slug →").replace("list[", "list of ")
    return f"{text} (optional)" if optional else text


def _default_text(key: str) -> str:
    field = AuditorConfig.model_fields[key]
    value = field.default_factory() if field.default_factory else field.default  # type: ignore[call-arg]
    if value is None:
        return "—"
    if isinstance(value, list | dict):
        return ",".join(str(v) for v in value) or "—"
    return str(value).lower() if isinstance(value, bool) else str(value)


def reference_rows() -> list[str]:
    """One Markdown table row per key: key, type, default, env var, flag, meaning."""
    return [
        f"| `{key}` | {_type_name(key)} | {_default_text(key)} | `{env_name(key)}` "
        f"| `{cli_flag(key)}` | {help_text(key)} |"
        for key in KEYS
    ]
