"""Small builders of recorded page states for observer tests."""

from __future__ import annotations

from typing import Any

from auditor.models import Element, FormInfo, PageState, TextBlock


def block(text: str, i: int = 0, **kw: Any) -> TextBlock:
    data: dict[str, Any] = {"id": f"b{i}", "text": text, "visible": True, "selector": f"#b{i}"}
    data.update(kw)
    return TextBlock.model_validate(data)


def link(label: str, href: str, i: int = 0, **kw: Any) -> Element:
    data: dict[str, Any] = {
        "id": f"e{i}",
        "tag": "a",
        "kind": "link",
        "text": label,
        "name": label,
        "href": href,
        "visible": True,
        "selector": f"#e{i}",
    }
    data.update(kw)
    return Element.model_validate(data)


def state(url: str = "https://www.example.es/contacto", **kw: Any) -> PageState:
    data: dict[str, Any] = {"url": url, "requested_url": url}
    data.update(kw)
    return PageState.model_validate(data)


def form(**kw: Any) -> FormInfo:
    data: dict[str, Any] = {"id": "f0", "visible": True}
    data.update(kw)
    return FormInfo.model_validate(data)
