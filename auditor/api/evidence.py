"""Runs as evidence: a fresh folder per run, a manifest of exactly its files, a verifier.

Regulators hand these folders on.  A folder that mixed two runs, or a manifest nobody can
check, does not stand up, so a run refuses a non-empty folder unless told to replace an
earlier run, and ``auditor verify`` re-hashes every file against ``manifest.json``.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from auditor import __version__
from auditor.api.results import VerifyResult
from auditor.errors import ManifestError, OutputError

MANIFEST = "manifest.json"
MANIFEST_VERSION = "2"
RUN_MARKERS = (MANIFEST, "observations.json", "report.json", "sweep.csv")
"""Files that show a folder holds an earlier run, which ``--replace`` may clear."""


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def check_out(out: Path, *, replace: bool) -> None:
    """Refuse, before anything starts, an output that cannot hold a fresh run."""
    for parent in (out, *out.parents):
        if parent.exists() and not parent.is_dir():
            raise OutputError(f"--out {out}: {parent} is a file, not a folder")
    if not out.is_dir() or not any(out.iterdir()):
        return
    if not replace:
        raise OutputError(
            f"--out {out} is not empty: choose a new folder, or --replace to clear an earlier run"
        )
    if not any((out / name).exists() for name in RUN_MARKERS):
        raise OutputError(
            f"--replace refuses to clear {out}: it does not hold an earlier run (no {MANIFEST})"
        )
    here = Path.cwd().resolve()
    if out.resolve() in (here, *here.parents, Path.home().resolve()):
        raise OutputError(f"--replace refuses to clear {out}: it holds the working folder")


def prepare_out(out: Path, *, replace: bool) -> None:
    """An empty folder for this run (an earlier run's files removed when ``replace``)."""
    check_out(out, replace=replace)
    if out.is_dir():
        for child in out.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"--out {out}: cannot create ({exc.strerror or exc})") from None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _files(folder: Path) -> dict[str, Path]:
    return {
        p.relative_to(folder).as_posix(): p
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.relative_to(folder).as_posix() != MANIFEST
    }


def write_manifest(
    folder: Path,
    *,
    run: str,
    start_url: str,
    final_url: str | None,
    started_at: str,
    finished_at: str | None = None,
) -> Path:
    """SHA-256 of every file of the run folder, which holds only this run's files."""
    written = utc_now()
    manifest = {
        "manifest_version": MANIFEST_VERSION,
        "created_at": written,
        "tool": {"name": "complaint-friction-auditor", "version": __version__},
        "run": run,
        "target": {"start_url": start_url, "final_url": final_url},
        "started_at": started_at,
        "finished_at": finished_at or written,
        "algorithm": "sha256",
        "files": {name: _sha256(path) for name, path in _files(folder).items()},
    }
    target = folder / MANIFEST
    target.write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
    return target


def _listed(folder: Path) -> dict[str, str]:
    path = folder / MANIFEST
    if not folder.is_dir():
        raise ManifestError(f"{folder}: no such folder")
    if not path.is_file():
        raise ManifestError(f"{folder}: no {MANIFEST}, nothing to verify against")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ManifestError(f"{path}: not a readable manifest ({exc})") from None
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict) or not all(isinstance(v, str) for v in files.values()):
        raise ManifestError(f"{path}: not a manifest (no files table)")
    for name in files:
        pure = PurePosixPath(name)
        if pure.is_absolute() or ".." in pure.parts:
            raise ManifestError(f"{path}: lists a file outside the folder: {name!r}")
    return {str(k): str(v) for k, v in files.items()}


def verify(folder: Path) -> VerifyResult:
    """Every listed file re-hashed: changed, missing and extra files named."""
    listed = _listed(folder)
    present = _files(folder)
    changed = [n for n, h in listed.items() if n in present and _sha256(present[n]) != h]
    missing = [n for n in listed if n not in present]
    extra = [n for n in present if n not in listed]
    return VerifyResult(folder, len(listed), sorted(changed), sorted(missing), sorted(extra))
