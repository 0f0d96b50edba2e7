"""The layered configuration: defaults < file < AUDITOR_* < options, with sources."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from auditor.config import KEYS, AuditorConfig, cli_flag, env_name, resolve
from auditor.errors import ConfigError
from auditor.models import Settings
from reports.diff import DEFAULT_TOLERANCE

DOC = Path(__file__).resolve().parents[2] / "docs" / "configuration.md"


def test_each_layer_beats_the_one_below_and_is_recorded(tmp_path: Path) -> None:
    (tmp_path / "auditor.toml").write_text(
        'max_pages = 11\nmax_depth = 5\nprofile = "eu"\nformats = ["json", "sarif"]\n'
    )
    env = {"AUDITOR_MAX_PAGES": "22", "AUDITOR_MAX_DEPTH": "", "AUDITOR_FORMATS": "md,json"}
    got = resolve({"max_pages": 33, "region": None}, cwd=tmp_path, env=env)
    assert got.config.max_pages == 33 and got.source("max_pages") == "--max-pages"
    assert got.config.max_depth == 5 and got.source("max_depth").endswith("auditor.toml")
    assert got.config.formats == ["md", "json"] and got.source("formats") == "AUDITOR_FORMATS"
    assert got.config.profile == "eu"
    assert got.config.time_limit == Settings().time_limit_s and got.source("time_limit") == (
        "default"
    )
    assert got.config.region is None


def test_command_defaults_sit_under_the_file(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.auditor]\nregion = "es"\n')
    got = resolve({}, cwd=tmp_path, env={}, command_defaults={"region": "GB", "out": "demo"})
    assert got.config.region == "ES" and got.config.out == Path("demo")
    assert got.source("out") == "default"


def test_env_values_are_parsed_like_the_file() -> None:
    env = {
        "AUDITOR_IGNORE_ROBOTS": "yes",
        "AUDITOR_SCREENSHOTS": "0",
        "AUDITOR_AS_OF": "2026-06-19",
        "AUDITOR_TIME_LIMIT": "12.5",
        "AUDITOR_CHROMIUM": "/not/a/key",
    }
    config = resolve({}, cwd=Path("/nonexistent"), env=env).config
    assert config.ignore_robots and not config.screenshots
    assert config.as_of == date(2026, 6, 19) and config.time_limit == 12.5
    settings = config.settings()
    assert not settings.obey_robots and settings.time_limit_s == 12.5


@pytest.mark.parametrize(
    ("env", "cli", "expected"),
    [
        ({"AUDITOR_MAX_PAGES": "lots"}, {}, "environment variable AUDITOR_MAX_PAGES"),
        ({"AUDITOR_MAX_PAGEZ": "3"}, {}, "AUDITOR_MAX_PAGEZ: unknown setting"),
        ({}, {"time_limit": -1.0}, "option --time-limit"),
        ({}, {"max_pages": 0}, "option --max-pages"),
        ({}, {"viewport": "tablet"}, "option --viewport"),
        ({}, {"as_of": "yesterday"}, "option --as-of: Value error, must be a date"),
        ({"AUDITOR_FORMATS": "html,docx"}, {}, "AUDITOR_FORMATS"),
    ],
)
def test_bad_values_name_their_source(
    env: dict[str, str], cli: dict[str, object], expected: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        resolve(cli, cwd=Path("/nonexistent"), env=env)
    assert expected in str(caught.value) and "\n" not in str(caught.value)


def test_unknown_file_key_names_the_file_and_the_key(tmp_path: Path) -> None:
    (tmp_path / "auditor.toml").write_text("[auditor]\nmax_pagez = 3\n")
    with pytest.raises(ConfigError, match=r"auditor\.toml: max_pagez: unknown key"):
        resolve({}, cwd=tmp_path, env={})


def test_walk_defaults_have_one_source() -> None:
    """Settings() and the CLI's defaults agree (they once disagreed on the rate: 20 vs 10)."""
    walk, config = Settings(), AuditorConfig().settings()
    assert config == walk
    assert walk.rate_per_host == 10.0
    assert AuditorConfig().tolerance == DEFAULT_TOLERANCE


def test_the_docs_list_every_key_with_its_env_var_and_flag() -> None:
    rows = [line for line in DOC.read_text(encoding="utf-8").splitlines() if line.startswith("|")]
    for key in KEYS:
        row = next((r for r in rows if r.startswith(f"| `{key}` |")), None)
        assert row is not None, f"docs/configuration.md does not list {key}"
        assert f"`{env_name(key)}`" in row and f"`{cli_flag(key)}`" in row, row
    listed = {m.group(1) for r in rows if (m := re.match(r"\| `(\w+)` \|", r))}
    assert listed == set(KEYS), "docs/configuration.md lists keys the model does not have"
