"""Start URLs the auditor accepts, checked before any browser starts.

Credentials in a URL (``user:pass@host``) are refused rather than redacted: the URL is
copied into every output, and an audit that needs a login declares it in a journey.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from auditor.errors import InputFileError, TargetError


def check_start_url(url: str, where: str = "") -> str:
    """The URL unchanged, or :class:`TargetError` saying in one line what is wrong."""
    prefix = f"{where}: " if where else ""
    text = url.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise TargetError(f"{prefix}not a valid URL ({exc}): {_shown(text)!r}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise TargetError(f"{prefix}not an http(s) URL: {_shown(text)!r}")
    if port == 0:
        raise TargetError(f"{prefix}port 0 is not a port: {_shown(text)!r}")
    if parts.username is not None or parts.password is not None:
        raise TargetError(
            f"{prefix}refusing a URL with credentials in it ({parts.hostname}): "
            "they would be copied into every output"
        )
    if any(ch.isspace() for ch in text):
        raise TargetError(f"{prefix}a URL has no spaces: {_shown(text)!r}")
    return text


def _shown(text: str) -> str:
    """The URL for a message, without anything before an '@' (it may be a password)."""
    scheme, sep, rest = text.partition("://")
    if sep and "@" in rest.split("/", 1)[0]:
        return f"{scheme}://…@{rest.split('@', 1)[1]}"
    return text


def read_url_list(path: Path) -> list[str]:
    """One URL per line; blank lines and # comments skipped; a bad line is a usage error."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise InputFileError(f"cannot read {path}: {reason or exc}") from None
    urls: list[str] = []
    for number, line in enumerate(lines, 1):
        text = line.split("#", 1)[0].strip()
        if text:
            urls.append(check_start_url(text, f"{path}:{number}"))
    if not urls:
        raise InputFileError(f"{path}: no URLs")
    return urls


def folder_name(url: str, taken: set[str]) -> str:
    """A readable, unique folder per site: host, port and path, filesystem-safe."""
    parts = urlsplit(url)
    raw = f"{parts.hostname}{'-' + str(parts.port) if parts.port else ''}{parts.path}"
    name = "".join(ch if ch.isalnum() or ch in ".-" else "-" for ch in raw).strip("-.") or "site"
    unique, n = name, 2
    while unique in taken:
        unique, n = f"{name}-{n}", n + 1
    taken.add(unique)
    return unique
