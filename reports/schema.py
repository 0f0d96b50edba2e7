"""The JSON Schema of report.json, generated from the pydantic models (DESIGN §5).

The schema file in ``docs/`` is what CI scripts and dashboards validate against; it is
generated, never hand-edited, and a test fails when it no longer matches the models.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reports.model import REPORT_SCHEMA_VERSION, Report

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "docs" / "report.schema.json"
SCHEMA_ID = "https://complaint-friction-auditor.invalid/schemas/report-v{version}.json"


def report_json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of report.json as serialised."""
    schema = Report.model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID.format(version=REPORT_SCHEMA_VERSION),
        **schema,
    }


def schema_text() -> str:
    """Deterministic text of the schema file (stable key order, trailing newline)."""
    return json.dumps(report_json_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schema(path: str | Path = SCHEMA_PATH) -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(schema_text(), encoding="utf-8")
    return target


def schema_is_fresh(path: str | Path = SCHEMA_PATH) -> bool:
    """True when the file on disk matches the models."""
    try:
        return Path(path).read_text(encoding="utf-8") == schema_text()
    except OSError:
        return False
