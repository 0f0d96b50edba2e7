"""The labelled sites: each site's files and its ground-truth ``labels.json``.

Fixture sites keep their labels beside their pages (``tests/sites/<name>/labels.json``,
never served).  The bundled demo ships in the product without its labels, which are a test
fixture and live here (``northwind-demo.labels.json``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from auditor.demo import DEMO_SITE
from tests.support.paths import SITES_DIR

DEMO_NAME = "northwind-demo"
DEMO_LABELS = Path(__file__).resolve().with_name(f"{DEMO_NAME}.labels.json")


@dataclass(frozen=True)
class LabelledSite:
    """A site to serve (``root``) and the file that says what an audit must find in it."""

    name: str
    root: Path
    labels: Path


def fixture_sites(sites_dir: Path = SITES_DIR) -> dict[str, LabelledSite]:
    """Every folder of ``sites_dir`` that has a labels.json, by name."""
    return {
        p.name: LabelledSite(p.name, p, p / "labels.json")
        for p in sorted(sites_dir.iterdir())
        if (p / "labels.json").is_file()
    }


def labelled_sites() -> dict[str, LabelledSite]:
    """The fixture sites and the bundled demo (it is labelled too), sorted by name."""
    sites = fixture_sites() | {DEMO_NAME: LabelledSite(DEMO_NAME, DEMO_SITE, DEMO_LABELS)}
    return dict(sorted(sites.items()))
