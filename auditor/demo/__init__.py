"""The bundled demo brand ("Northwind Energy"), audited by `auditor demo` without internet.

The site ships as package data under ``site/`` and is played by the small static server
in :mod:`auditor.demo.serve`; its ground-truth labels are a test fixture and live in the
repository's ``tests/support/``, not in the product.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["DEMO_SITE"]

DEMO_SITE = Path(__file__).resolve().parent / "site"
"""Folder of the demo site (inside the installed package, never the source checkout)."""
