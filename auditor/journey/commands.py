"""What the ``auditor journey`` command does: run a file, publish the schema, import codegen."""

from __future__ import annotations

from pathlib import Path

from auditor.api.evidence import check_out, prepare_out
from auditor.api.results import RunResult
from auditor.api.runs import judge_and_render
from auditor.api.targets import check_start_url
from auditor.errors import UsageError
from auditor.journey.model import load_journey, schema_text
from auditor.models import Settings


def import_codegen(source: Path) -> tuple[str, list[str]]:
    """The journey YAML for a codegen recording, and what could not be converted."""
    from auditor.journey.codegen import convert
    from auditor.journey.model import JourneyError

    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise JourneyError(f"cannot read {source}: {exc.__class__.__name__}") from None
    return convert(text, str(source))


def write_schema(out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(schema_text(), encoding="utf-8")
    return out


def run_file(
    path: Path,
    out: Path | None,
    *,
    replace: bool = False,
    formats: list[str] | None = None,
    profile: str = "generic",
    settings: Settings | None = None,
) -> RunResult:
    """Validate, run in Chromium, judge and render like an audit (exit codes as DESIGN §9)."""
    import os

    from auditor.journey.runner import run_journey, secrets

    journey = load_journey(path)
    if out is None:
        raise UsageError("give an output folder (--out)")
    check_start_url(journey.start)
    secrets(journey, os.environ)  # a missing variable is a usage error before any browser
    check_out(out, replace=replace)
    prepare_out(out, replace=replace)
    obs = run_journey(journey, settings or Settings(), out)
    return judge_and_render(
        obs, out, profile=profile, formats=formats or ["json", "html"], artifact=str(path)
    )
