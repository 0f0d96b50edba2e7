"""Which controls a determined customer would press, and which must never be pressed.

Each press is one click on the path (DESIGN §4).  Controls that act (submit, pay,
delete, log in, "jetzt kündigen") are refused by a multilingual deny-list and by
form-submit detection before anything else is considered (DESIGN §8).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from auditor.observe import lexicon

PressAction = Literal["press", "expand", "answer"]

_TOGGLE_CLASS = re.compile(
    r"hamburger|burger|menu-?toggle|nav-?toggle|navbar-toggler|accordion|collapse|toggle|"
    r"disclosure|expander|dropdown|menu-button|menu-btn|mobile-menu|offcanvas",
    re.I,
)
_CAROUSEL = re.compile(r"carousel|slider|slick|swiper|gallery|play|pause|video", re.I)


@dataclass(frozen=True)
class Candidate:
    element_id: str
    action: PressAction
    label: str
    selector: str
    priority: float
    hover: bool = False


def label_of(raw: dict[str, Any]) -> str:
    return str(raw.get("name") or raw.get("text") or "").strip()


def is_forbidden(raw: dict[str, Any]) -> bool:
    """Never press: form submits and anything whose label acts."""
    if raw.get("submits"):
        return True
    label = label_of(raw)
    return bool(label) and lexicon.is_acting_control(label)


def classify(raw: dict[str, Any]) -> PressAction | None:
    """Is this control a disclosure (menu, accordion, tab, "No" answer)? Which action?"""
    if is_forbidden(raw) or not raw.get("visible"):
        return None
    label = label_of(raw)
    context = str(raw.get("context") or "")
    if lexicon.is_negative_answer(label) and lexicon.is_helpful_prompt(context):
        return "answer"
    if raw.get("summary"):
        return "expand"
    if raw.get("expanded") is True:
        return None
    cls = str(raw.get("cls") or "")
    if _CAROUSEL.search(cls) or _CAROUSEL.search(label):
        return None
    if raw.get("expanded") is False or raw.get("controls") or raw.get("haspopup"):
        return "expand"
    if raw.get("role") == "tab":
        return "press"
    if _TOGGLE_CLASS.search(cls):
        return "expand"
    if label and lexicon.is_disclosure_label(label):
        return "press"
    return None


def candidates(controls: list[dict[str, Any]], done: set[str]) -> list[Candidate]:
    """Disclosure controls not pressed yet, most promising first."""
    out: list[Candidate] = []
    for raw in controls:
        if raw["id"] in done:
            continue
        action = classify(raw)
        if action is None:
            continue
        label = label_of(raw)
        score = lexicon.support_score(f"{label} {raw.get('context', '')[:80]}")
        region_bonus = 1.0 if raw.get("region") in ("header", "nav") else 0.0
        answer_bonus = 3.0 if action == "answer" else 0.0
        out.append(
            Candidate(
                element_id=raw["id"],
                action=action,
                label=label[:120],
                selector=str(raw.get("selector", "")),
                priority=score + region_bonus + answer_bonus,
            )
        )
    out.sort(key=lambda c: -c.priority)
    return out
