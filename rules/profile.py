"""Profiles: which rules a jurisdiction applies, how it weighs them, and its thresholds.

Weights and thresholds are data (``rules/profiles/<id>.toml``), not code, so a regulator
can read and argue with them.  A profile may ``extends`` another; the child's tables are
merged over the parent's, its ``add``/``exclude`` lists adjust the parent's rules, and its
``jurisdictions`` decide which legal references date a rule (see ``rules.engine``).
"""

from __future__ import annotations

import re
import tomllib
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from auditor.errors import ProfileError
from rules.model import CATEGORIES, Category, Reference

PROFILE_PACKAGE = "rules.profiles"
_ID = re.compile(r"^[a-z][a-z0-9-]{0,31}$")


class Curve(BaseModel):
    """A numeric measure → friction 0..1 through two control points.

    ``lognormal``: friction 0.1 at ``p10`` and 0.5 at ``median`` (Lighthouse's scoring
    curve turned round: a log-normal CDF, so the first extra clicks cost most).
    ``linear``: friction 0 at ``zero`` and 1 at ``one``, clamped.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    kind: Literal["lognormal", "linear"]
    p10: float | None = None
    median: float | None = None
    zero: float | None = None
    one: float | None = None

    @model_validator(mode="after")
    def _points(self) -> Curve:
        if self.kind == "lognormal":
            if self.p10 is None or self.median is None or not 0 < self.p10 < self.median:
                raise ValueError("a lognormal curve needs 0 < p10 < median")
        elif self.zero is None or self.one is None or self.zero == self.one:
            raise ValueError("a linear curve needs two different points zero and one")
        return self


class ProfileReference(Reference):
    """A reference a profile adds to one rule (``rule`` is the slug)."""

    rule: str


class Profile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    name: str
    description: str = ""
    jurisdictions: tuple[str, ...] = ()
    rules: tuple[str, ...]
    weights: dict[Category, float]
    thresholds: dict[str, float] = Field(default_factory=dict)
    curves: dict[str, Curve] = Field(default_factory=dict)
    references: tuple[ProfileReference, ...] = ()

    def extra_references(self, slug: str) -> list[Reference]:
        return [
            Reference(**r.model_dump(exclude={"rule"})) for r in self.references if r.rule == slug
        ]


def list_profiles() -> list[str]:
    """Ids of the bundled profiles, sorted, ``generic`` first."""
    folder = resources.files(PROFILE_PACKAGE)
    ids = sorted(f.name[:-5] for f in folder.iterdir() if f.name.endswith(".toml"))
    return sorted(ids, key=lambda i: (i != "generic", i))


def is_profile_file(profile: str) -> bool:
    """A custom profile is named by its file (``./my.toml``), a bundled one by its id."""
    return profile.endswith(".toml")


def _file_raw(path: Path) -> dict[str, Any]:
    """A custom profile file: a table like the bundled ones, which must ``extends`` one.

    Its id is its ``id`` key, else the file name; it may not take a bundled profile's id
    (a report saying ``eu`` must mean the bundled ``eu``).
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProfileError(f"profile file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(f"profile file {path}: cannot read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"profile file {path} is not valid TOML: {exc}") from None
    if "extends" not in data:
        known = ", ".join(list_profiles())
        raise ProfileError(f"profile file {path}: give `extends` = one of {known}")
    pid = str(data.pop("id", path.stem)).lower()
    if not _ID.match(pid):
        raise ProfileError(f"profile file {path}: id {pid!r} must be lower-case letters/digits/-")
    if pid in list_profiles():
        raise ProfileError(f"profile file {path}: id {pid!r} is taken by a bundled profile")
    data.setdefault("name", pid)
    data["_id"] = pid
    return data


def _raw(profile_id: str) -> dict[str, Any]:
    if is_profile_file(profile_id):
        return _file_raw(Path(profile_id))
    if not _ID.match(profile_id) or profile_id not in list_profiles():
        known = ", ".join(list_profiles())
        raise ProfileError(f"unknown profile {profile_id!r} (choose from {known})")
    text = resources.files(PROFILE_PACKAGE).joinpath(f"{profile_id}.toml").read_text("utf-8")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"profile {profile_id!r} is not valid TOML: {exc}") from None


def _resolve(profile_id: str, chain: tuple[str, ...] = ()) -> dict[str, Any]:
    """The profile's table with its parents merged in (child wins)."""
    if profile_id in chain:
        raise ProfileError(f"profile {profile_id!r} extends itself: {' → '.join(chain)}")
    raw = _raw(profile_id)
    own_id = str(raw.pop("_id", profile_id))
    parent_id = raw.pop("extends", None)
    if parent_id is not None and is_profile_file(str(parent_id)) and is_profile_file(profile_id):
        parent_id = str(Path(profile_id).parent / str(parent_id))  # relative to the child
    add = list(raw.pop("add", []))
    exclude = set(raw.pop("exclude", []))
    if parent_id is None:
        merged = dict(raw)
        merged.setdefault("rules", [])
    else:
        parent = _resolve(str(parent_id), (*chain, profile_id))
        merged = {**parent, **{k: v for k, v in raw.items() if not isinstance(v, dict)}}
        for table in ("weights", "thresholds", "curves"):
            merged[table] = {**parent.get(table, {}), **raw.get(table, {})}
        merged["references"] = [*parent.get("references", []), *raw.get("references", [])]
        if "rules" not in raw:
            merged["rules"] = list(parent.get("rules", []))
    rules = [s for s in merged["rules"] if s not in exclude]
    merged["rules"] = rules + [s for s in add if s not in rules]
    merged["id"] = own_id
    return merged


def _check(profile: Profile, known_slugs: set[str]) -> None:
    unknown = [s for s in profile.rules if s not in known_slugs]
    unknown += [r.rule for r in profile.references if r.rule not in known_slugs]
    unknown += [s for s in profile.curves if s not in known_slugs]
    if unknown:
        raise ProfileError(f"profile {profile.id!r} names unknown rule(s): {', '.join(unknown)}")
    missing = [c for c in CATEGORIES if c not in profile.weights]
    if missing:
        raise ProfileError(f"profile {profile.id!r} has no weight for: {', '.join(missing)}")
    if any(w < 0 for w in profile.weights.values()):
        raise ProfileError(f"profile {profile.id!r} has a negative weight")
    for ref in profile.references:
        for value in (ref.effective_from, ref.effective_to):
            if value not in (None, "always"):
                date.fromisoformat(str(value))


def load_profile(profile_id: str) -> Profile:
    """A bundled profile by id, or a custom one by its ``.toml`` path (``extends`` a preset).

    ``ProfileError`` (a usage error) names the choices when it is unknown or invalid.
    """
    if is_profile_file(profile_id):
        return _load(str(Path(profile_id).resolve()), _mtime(Path(profile_id)))
    return _load(profile_id, 0.0)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


@lru_cache(maxsize=32)
def _load(profile_id: str, _stamp: float) -> Profile:
    """Cached per id (and per file version: an edited profile file is read again)."""
    from rules.registry import slugs

    data = _resolve(profile_id)
    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        raise ProfileError(f"profile {profile_id!r} is invalid: {exc}") from None
    _check(profile, set(slugs()))
    return profile
