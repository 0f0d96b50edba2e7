"""Turn the in-page evaluation into typed records, remembering what each press revealed.

A page is observed once after load and once after each press.  Each later evaluation only
returns what changed, so an element first seen visible after press P gets ``depth`` =
P's depth and ``revealed_by`` = P: the clicks of anything on a page are known without
re-loading it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from auditor.models import Box, Element, FormField, FormInfo, PageState, TextBlock


@cache
def _script(name: str) -> str:
    return (resources.files("auditor.walk") / name).read_text(encoding="utf-8")


def extract_script() -> str:
    """The in-page observation (one evaluation per page state and frame)."""
    return _script("extract.js")


def late_init_script() -> str:
    """Installed in every frame before the page's scripts: pending work, closed roots."""
    return _script("late_init.js")


def settle_late_script() -> str:
    """The bounded scroll-through and wait for late content after a load."""
    return _script("settle_late.js")


@dataclass
class Hover:
    id: str
    label: str
    selector: str
    region: str


@dataclass
class Snapshot:
    """What one evaluation returned, parsed."""

    elements: list[dict[str, Any]]
    text_blocks: list[dict[str, Any]]
    forms: list[dict[str, Any]]
    hovers: list[Hover]
    page: dict[str, Any]

    @classmethod
    def parse(cls, raw: str) -> Snapshot:
        data = json.loads(raw)
        page = {k: v for k, v in data.items() if k not in ("elements", "text_blocks", "forms")}
        return cls(
            elements=data.get("elements", []),
            text_blocks=data.get("text_blocks", []),
            forms=data.get("forms", []),
            hovers=[Hover(**h) for h in data.get("hovers", [])],
            page=page,
        )

    def merge_frame(self, other: Snapshot) -> None:
        """Add what one iframe showed: it is part of the page that embeds it (DESIGN §4)."""
        self.elements += other.elements
        self.text_blocks += other.text_blocks
        self.forms += other.forms


@dataclass
class StateBook:
    """Accumulates the records of one page across its evaluations."""

    state: PageState
    elements: dict[str, Element] = field(default_factory=dict)
    blocks: dict[str, TextBlock] = field(default_factory=dict)
    forms: dict[str, FormInfo] = field(default_factory=dict)
    controls: dict[str, dict[str, Any]] = field(default_factory=dict)

    def known(self) -> dict[str, int]:
        """Ids already recorded, 1 when visible: the script skips those."""
        out: dict[str, int] = {}
        for eid, el in self.elements.items():
            out[eid] = 1 if el.visible else 0
        for bid, b in self.blocks.items():
            out[bid] = 1 if b.visible else 0
        for fid, f in self.forms.items():
            out[fid] = 1 if f.visible else 0
        return out

    def absorb(self, snap: Snapshot, depth: int, revealed_by: str | None) -> list[Element]:
        """Merge one evaluation; return the elements that became visible in it."""
        fresh: list[Element] = []
        for raw in snap.elements:
            el = _element(raw)
            old = self.elements.get(el.id)
            refreshed = bool(raw.get("refreshed")) and el.visible
            if old is not None and (old.visible or not el.visible) and not refreshed:
                continue
            el.depth, el.revealed_by = depth, revealed_by
            self.elements[el.id] = el
            if el.kind != "link":
                self.controls[el.id] = raw
            if el.visible:
                fresh.append(el)
        for raw in snap.text_blocks:
            block = TextBlock(
                id=raw["id"],
                text=raw["text"],
                visible=raw["visible"],
                region=raw.get("region", "other"),
                selector=raw.get("selector", ""),
                depth=depth,
                revealed_by=revealed_by,
                frame=raw.get("frame"),
            )
            if block.id in self.blocks and not block.visible:
                continue
            self.blocks[block.id] = block
        for raw in snap.forms:
            fields = [FormField(**f) for f in raw.pop("fields", [])]
            form = FormInfo(fields=fields, depth=depth, revealed_by=revealed_by, **raw)
            old_form = self.forms.get(form.id)
            if old_form is not None and (old_form.visible or not form.visible):
                continue
            self.forms[form.id] = form
        return fresh

    def finish(self) -> PageState:
        """Write the accumulated records into the page state, hidden ones included."""
        self.state.elements = list(self.elements.values())
        self.state.text_blocks = _drop_hidden_twins(self.blocks)
        self.state.forms = list(self.forms.values())
        return self.state


def _drop_hidden_twins(blocks: dict[str, TextBlock]) -> list[TextBlock]:
    """A block seen hidden and later visible is kept once, as visible."""
    out = []
    for bid, block in blocks.items():
        if bid.endswith("~h") and bid[:-2] in blocks:
            twin = blocks[bid[:-2]]
            if twin.visible and twin.text == block.text:
                continue
        out.append(block)
    return out


def _element(raw: dict[str, Any]) -> Element:
    box = raw.get("box")
    return Element(
        id=raw["id"],
        tag=raw["tag"],
        kind=raw["kind"],
        text=raw.get("text", ""),
        name=raw.get("name", ""),
        href=raw.get("href"),
        selector=raw.get("selector", ""),
        box=Box(**box) if box else None,
        visible=bool(raw.get("visible")),
        font_size=raw.get("font_size"),
        contrast=raw.get("contrast"),
        region=raw.get("region", "other"),
        above_fold=bool(raw.get("above_fold")),
        expanded=raw.get("expanded"),
        submits=bool(raw.get("submits")),
        frame=raw.get("frame"),
    )
