"""An in-memory ``PageDriver``: documents of elements whose presses reveal others.

Enough of a browser tab to run the action interpreter without Chromium: ids are stamped
in document order on first extraction, as ``extract.js`` does, so reordering a document
between two visits changes which element an id names.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditor.walk.driver import DriverError, Loaded
from auditor.walk.snapshot import Snapshot


@dataclass
class FakeElement:
    name: str
    kind: str = "button"
    tag: str = "button"
    href: str | None = None
    visible: bool = True
    reveals: list[str] = field(default_factory=list)  # names made visible by a press
    navigates: str | None = None
    role: str | None = None


@dataclass
class FakePage:
    """A site as a map of URL -> list of elements (a fresh copy on every load)."""

    site: dict[str, list[FakeElement]]
    log: list[str] = field(default_factory=list)
    shots: list[tuple[str, str | None]] = field(default_factory=list)
    hung: bool = False
    _url: str = "about:blank"
    _doc: list[FakeElement] = field(default_factory=list)
    _ids: dict[int, str] = field(default_factory=dict)
    _n: int = 0
    _navs: int = 0

    @property
    def url(self) -> str:
        return self._url

    @property
    def navigations(self) -> int:
        return self._navs

    @property
    def navigation_requests(self) -> int:
        return self._navs  # a fake page commits a navigation as it asks for it

    async def load(self, url: str) -> Loaded:
        if url not in self.site:
            raise DriverError("network", f"net::ERR_CONNECTION_REFUSED at {url}")
        self.log.append(f"load {url}")
        self._open(url)
        return Loaded(url=url, status=200, headers={"content-type": "text/html"})

    def _open(self, url: str) -> None:
        self._url = url
        self._doc = [FakeElement(**vars(e)) for e in self.site[url]]
        self._ids, self._n, self._navs = {}, 0, 1

    async def extract(self, known: dict[str, int], full: bool, extra: dict[str, Any]) -> Snapshot:
        if self.hung:
            raise DriverError("timeout", "script")
        elements = []
        for i, el in enumerate(self._doc):
            if i not in self._ids:
                self._ids[i] = f"e{self._n}"
                self._n += 1
            eid = self._ids[i]
            if known.get(eid) == 1 or (known.get(eid) == 0 and not el.visible):
                continue
            elements.append(
                {
                    "id": eid,
                    "tag": el.tag,
                    "kind": el.kind,
                    "name": el.name,
                    "text": el.name,
                    "href": el.href,
                    "visible": el.visible,
                    "role": el.role,
                    "selector": f"{el.tag}:nth-of-type({i + 1})",
                }
            )
        data = {"elements": elements, "text_blocks": [], "forms": [], "hovers": []}
        if full:
            data["title"] = self._url
        return Snapshot.parse(json.dumps(data))

    def _find(self, element_id: str) -> FakeElement:
        for i, eid in self._ids.items():
            if eid == element_id:
                return self._doc[i]
        raise DriverError("not_pressable", f"no element {element_id}")

    async def wait_loaded(self) -> None:
        return

    async def self_navigating(self) -> bool:
        return False

    async def press(self, element_id: str) -> None:
        el = self._find(element_id)
        if not el.visible:
            raise DriverError("not_pressable", f"{element_id} is hidden")
        self.log.append(f"press {el.name}")
        if el.navigates:
            self._open(el.navigates)
            return
        for other in self._doc:
            if other.name in el.reveals:
                other.visible = True

    async def select(self, element_id: str, option: str) -> None:
        await self.press(element_id)

    async def hover(self, element_id: str) -> None:
        await self.press(element_id)

    async def settle(self) -> None:
        return

    async def quiet(self, seconds: float) -> None:
        return

    async def screenshot(self, path: Path, highlight_id: str | None, selector: str | None) -> bool:
        name = self._find(highlight_id).name if highlight_id else None
        self.shots.append((self._url, name))
        return True

    async def close(self) -> None:
        self.log.append("close")
