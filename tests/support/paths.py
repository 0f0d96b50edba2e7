"""Where the repository is, found from this file: tests know the checkout, the product does not.

The product writes generated files (rule docs, the report schema) where it is told; the
freshness tests compare those committed files, located here, with what the code generates.
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
"""The source checkout (the folder holding pyproject.toml)."""

SITES_DIR = REPO / "tests" / "sites"
DOCS_DIR = REPO / "docs"
