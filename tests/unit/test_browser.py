"""Browser discovery: the env override first, then system paths, then PATH, then Playwright."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.browser import ENV_VAR, BrowserNotFound, find_chromium, launch_args


def _exe(path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def test_env_override_wins_over_everything(tmp_path: Path) -> None:
    custom = _exe(tmp_path / "custom" / "chrome")
    system = _exe(tmp_path / "usr" / "bin" / "chromium")
    found = find_chromium(
        env={ENV_VAR: custom}, candidates=[system], which=lambda _: system, playwright_dirs=[]
    )
    assert found == custom


def test_env_override_pointing_nowhere_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(BrowserNotFound, match=ENV_VAR):
        find_chromium(env={ENV_VAR: str(tmp_path / "missing")}, candidates=[], playwright_dirs=[])


def test_system_paths_in_order_before_path_and_playwright(tmp_path: Path) -> None:
    first = tmp_path / "a" / "chromium-headless-shell"
    second = _exe(tmp_path / "b" / "chromium")
    pw = tmp_path / "pw"
    _exe(pw / "chromium-1100" / "chrome-linux" / "chrome")
    found = find_chromium(
        env={}, candidates=[str(first), second], which=lambda _: None, playwright_dirs=[pw]
    )
    assert found == second  # the first candidate does not exist
    assert find_chromium(
        env={}, candidates=[_exe(first), second], which=lambda _: None, playwright_dirs=[pw]
    ) == str(first)


def test_path_lookup_before_playwright_cache(tmp_path: Path) -> None:
    on_path = _exe(tmp_path / "bin" / "google-chrome")
    pw = tmp_path / "pw"
    _exe(pw / "chromium-1100" / "chrome-linux" / "chrome")
    found = find_chromium(
        env={},
        candidates=[],
        which=lambda n: on_path if n == "google-chrome" else None,
        playwright_dirs=[pw],
    )
    assert found == on_path


def test_playwright_cache_is_the_last_resort(tmp_path: Path) -> None:
    pw = tmp_path / "pw"
    chrome = _exe(pw / "chromium-1100" / "chrome-linux" / "chrome")
    found = find_chromium(env={}, candidates=[], which=lambda _: None, playwright_dirs=[pw])
    assert found == chrome


def test_nothing_found_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(BrowserNotFound) as err:
        find_chromium(env={}, candidates=[], which=lambda _: None, playwright_dirs=[tmp_path])
    message = str(err.value)
    assert "apt-get install" in message and ENV_VAR in message
    assert "\n" not in message


def test_launch_flags_keep_chromium_off_the_network() -> None:
    args = launch_args(loopback_only=True)
    for flag in (
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ):
        assert flag in args
    assert any(a.startswith("--host-resolver-rules=MAP * ~NOTFOUND") for a in args)
    if os.geteuid() == 0:
        assert "--no-sandbox" in args


def test_cli_missing_browser_is_one_line_exit_2(tmp_path: Path) -> None:
    """No traceback: one line naming the fix, exit code 2."""
    env = dict(os.environ, **{ENV_VAR: str(tmp_path / "no-such-chrome")})
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "auditor",
            "audit",
            "http://127.0.0.1:9/",
            "--out",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert lines[-1].startswith("auditor: ") and ENV_VAR in lines[-1]
