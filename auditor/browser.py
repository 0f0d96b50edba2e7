"""Finding and launching a Chromium without downloading one.

`playwright install` cannot fetch browsers on locked-down machines, so the auditor uses a
system Chromium first and Playwright's own download only as the last resort.  The order
is: ``AUDITOR_CHROMIUM``, Debian's lighter headless shell, the usual Chromium / Chrome
paths, then Playwright's cache.
"""

from __future__ import annotations

import glob
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from auditor.errors import BrowserNotFound
from auditor.walk.egress import EgressPolicy

ENV_VAR = "AUDITOR_CHROMIUM"

# Real binaries before wrapper scripts: Debian's /usr/bin/chromium is a shell script that
# reads /etc/chromium.d and costs a fork on every launch.
SYSTEM_CANDIDATES: tuple[str, ...] = (
    "/usr/lib/chromium/chromium-headless-shell",
    "/usr/bin/chromium-headless-shell",
    "/usr/lib/chromium/chromium",
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/snap/bin/chromium",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
    "/opt/google/chrome/chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
)

PATH_NAMES: tuple[str, ...] = (
    "chromium-headless-shell",
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
)

PLAYWRIGHT_PATTERNS: tuple[str, ...] = (
    "chromium_headless_shell-*/chrome-*/headless_shell",
    "chromium_headless_shell-*/chrome-*/chrome-headless-shell",
    "chromium-*/chrome-linux*/chrome",
    "chromium-*/chrome-mac*/Chromium.app/Contents/MacOS/Chromium",
    "chromium-*/chrome-win*/chrome.exe",
)

INSTALL_HINT = (
    "no Chromium found: install one (Debian/Ubuntu: `apt-get install -y chromium`) "
    f"or set {ENV_VAR}=/path/to/chromium"
)

BASE_ARGS: tuple[str, ...] = (
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-gpu",
    "--mute-audio",
    "--disable-quic",
)


def _is_executable(path: str | os.PathLike[str]) -> bool:
    p = Path(path)
    return p.is_file() and os.access(p, os.X_OK)


def playwright_browser_dirs() -> list[Path]:
    """Where Playwright keeps downloaded browsers on this OS (env override first)."""
    custom = os.environ.get("PLAYWRIGHT_BROWSERS_PATH")
    dirs = [Path(custom)] if custom and custom != "0" else []
    home = Path.home()
    if sys.platform == "darwin":
        dirs.append(home / "Library" / "Caches" / "ms-playwright")
    elif sys.platform.startswith("win"):
        dirs.append(Path(os.environ.get("LOCALAPPDATA", home)) / "ms-playwright")
    else:
        dirs.append(home / ".cache" / "ms-playwright")
    return dirs


def find_chromium(
    env: dict[str, str] | None = None,
    candidates: Sequence[str] = SYSTEM_CANDIDATES,
    which: Callable[[str], str | None] = shutil.which,
    playwright_dirs: Sequence[Path] | None = None,
) -> str:
    """Return the Chromium to drive, or raise :class:`BrowserNotFound`.

    The parameters exist so the discovery order can be tested without touching the
    machine's real browsers.
    """
    environ = os.environ if env is None else env
    override = environ.get(ENV_VAR)
    if override:
        if _is_executable(override):
            return override
        raise BrowserNotFound(f"{ENV_VAR}={override} is not an executable file")
    for path in candidates:
        if _is_executable(path):
            return path
    for name in PATH_NAMES:
        found = which(name)
        if found and _is_executable(found):
            return found
    for base in playwright_browser_dirs() if playwright_dirs is None else playwright_dirs:
        for pattern in PLAYWRIGHT_PATTERNS:
            for hit in sorted(glob.glob(str(base / pattern)), reverse=True):
                if _is_executable(hit):
                    return hit
    raise BrowserNotFound(INSTALL_HINT)


# A proxy that cannot exist: its name never resolves, so whatever is sent to it fails
# inside Chromium without a packet leaving the machine.
NO_PROXY = "http://no-egress.invalid:9"


def launch_args(
    *, loopback_only: bool = False, start_url: str | None = None, proxy: str | None = None
) -> list[str]:
    """Flags that keep Chromium quiet on a closed network (and sandbox-free as root).

    With ``start_url`` on a loopback or private address, the audit keeps to that exact
    address and port (DESIGN §8): every other destination, whatever the resource type
    (images, scripts, WebSockets, workers), goes to a proxy that cannot be reached, and
    only ``host:port`` of the start URL bypasses it.  A public audit sends everything,
    loopback included, through ``proxy`` (:mod:`auditor.walk.egress_proxy`), which checks
    the resolved address of every connection.
    """
    args = list(BASE_ARGS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")
    pinned = EgressPolicy.for_start(start_url).pinned if start_url else None
    if pinned is not None:
        ip, port = pinned
        host = f"[{ip}]" if ip.version == 6 else str(ip)
        args.append(f"--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE {ip}")
        args.append(f"--proxy-server={NO_PROXY}")
        args.append(f"--proxy-bypass-list=<-loopback>;{host}:{port}")
    elif loopback_only:
        # An audit of a local site must not leak a single request to the outside world.
        args.append("--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1, EXCLUDE localhost")
    else:
        # A public audit: names that mean this machine never resolve, and every request
        # goes through the egress proxy when there is one (loopback too: "<-loopback>").
        args.append("--host-resolver-rules=MAP localhost ~NOTFOUND , MAP *.localhost ~NOTFOUND")
        if proxy:
            args.append(f"--proxy-server={proxy}")
            args.append("--proxy-bypass-list=<-loopback>")
    return args
