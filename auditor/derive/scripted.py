"""Milestones a scripted journey marked, merged with the walk's (DESIGN §11).

A journey's ``milestone: NAME`` step says "here it is", after the clicks the journey
counted (DESIGN §4).  For contact, complaint and escalation the fewer clicks win, the
walk's or the journey's; any other name (cancel, signup, a user's own) is added.
"""

from __future__ import annotations

from auditor.models import JourneyMark, Milestone, Step, ViewportWalk, state_key

PRESS_KINDS = frozenset({"click", "hover", "press", "login"})


def _path(marks: list[JourneyMark], upto: int, start: str) -> list[Step]:
    steps = [Step(action="load", label="start page", url=start, state=state_key(start))]
    for mark in marks[:upto]:
        if not mark.ok:
            continue
        if mark.kind == "goto" and mark.clicks == 0 and mark.url == start:
            steps = steps[:1]  # back at the start: the measurement begins again
        elif mark.kind == "goto":
            steps.append(Step(action="load", label=mark.label, url=mark.url, state=mark.state))
        elif mark.kind in PRESS_KINDS:
            steps.append(
                Step(
                    action="press",
                    label=mark.label,
                    selector=mark.selector,
                    url=mark.url,
                    hover=mark.kind == "hover",
                    state=mark.state,
                )
            )
    return steps


def _typed(marks: list[JourneyMark], upto: int, start: str) -> str | None:
    """The address the journey went to by ``goto`` since it last stood on the start page:
    a customer would have clicked to it, and those clicks were never counted."""
    typed: str | None = None
    for mark in marks[:upto]:
        if mark.ok and mark.kind == "goto":
            typed = None if mark.url == start else mark.url
    return typed


def journey_milestones(walk: ViewportWalk, start: str) -> dict[str, Milestone]:
    """Each marked milestone (the first mark of a name), with the journey's path to it."""
    out: dict[str, Milestone] = {}
    for i, mark in enumerate(walk.journey):
        if mark.kind != "milestone" or not mark.milestone or not mark.ok:
            continue
        if mark.milestone in out:
            continue
        out[mark.milestone] = Milestone(
            reached=True,
            clicks=mark.clicks,
            url=mark.url,
            path=_path(walk.journey, i, start),
            typed_address=_typed(walk.journey, i, start),
        )
    return out


def merge(walked: dict[str, Milestone], scripted: dict[str, Milestone]) -> dict[str, Milestone]:
    """The minimum clicks per milestone; the journey's own names added.  A milestone the
    journey reached through a typed address never beats one the walk counted from the
    start page: its clicks leave out the way to that address."""
    merged = dict(walked)
    for name, m in scripted.items():
        old = merged.get(name)
        if old is not None and old.reached and m.typed_address and not old.typed_address:
            continue
        if old is None or not old.reached or (old.clicks or 0) > (m.clicks or 0):
            merged[name] = m
    return merged
