"""`auditor bench --static`: page loads to the contact milestone with and without the
static tier, on a generated 2,000-page help centre (auditor.bench.generate).

Each run is its own process (as in ``auditor bench``); the desktop walk alone is measured.
The count is honest about orphans: a page first loaded as a sitemap proposal counts for
the milestone only once the walk has also loaded every page on the path that links to it.
"""

from __future__ import annotations

import json
import subprocess
import sys

from auditor.bench.generate import generate_help_centre
from auditor.demo.serve import StaticServer

MAX_PAGES = 160


def _run(url: str, static: bool, parallel: int) -> dict[str, object]:
    cmd = [
        sys.executable,
        "-m",
        "auditor.bench.one",
        "--mode",
        "auditor",
        "--url",
        url,
        "--max-pages",
        str(MAX_PAGES),
        "--parallel",
        str(parallel),
        "--static",
        "on" if static else "off",
    ]
    done = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"bench-static run failed (exit {done.returncode})")
    data: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return data


def _num(value: object) -> float:
    return float(value) if isinstance(value, int | float) else float("nan")


def run_static_bench(parallel: int = 4) -> int:
    site = generate_help_centre()
    truth = site.truth
    print(f"bench-static: generated site of {site.pages} pages, sitemap of all of them")
    with StaticServer(files=site.files) as server:
        url = server.url + "/"
        without = _run(url, False, parallel)
        print(f"bench-static: without {json.dumps(without)}", flush=True)
        with_ = _run(url, True, parallel)
        print(f"bench-static: with {json.dumps({k: v for k, v in with_.items()})}", flush=True)
    correct = all(
        r.get("contact_clicks") == truth["contact_clicks"]
        and r.get("contact_url") == truth["contact_url"]
        for r in (without, with_)
    )
    loads_without, loads_with = _num(without["loads_to_contact"]), _num(with_["loads_to_contact"])
    ratio = loads_without / loads_with if loads_with else float("nan")
    print(
        f"bench-static: pages={site.pages} loads_to_contact_without={without['loads_to_contact']} "
        f"loads_to_contact_with={with_['loads_to_contact']} ratio={ratio:.1f} "
        f"wall_s_without={_num(without['wall_to_contact']):.1f} "
        f"wall_s_with={_num(with_['wall_to_contact']):.1f} "
        f"static_s={_num(with_['static_s']):.1f} correct={str(correct).lower()}"
    )
    return 0 if correct and ratio >= 3 else 1
