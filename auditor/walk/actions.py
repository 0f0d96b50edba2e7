"""The one action interpreter: a ``Step`` executed against a ``PageDriver``.

The walk and the evidence replay both act through it, so a replay does what the walk
did: it loads the same URL, observes with the same script (which stamps element ids in
document order), dismisses the same consent banner without counting a click, and
presses an element only after checking that it is the one the walk pressed: same id,
same accessible name, same link target.  When the page no longer has that element the
step is reported as diverged; nothing else is pressed or photographed in its place.

A scripted journey's steps (goto, click, hover, press, fill, wait_for, expect) run
through ``Interpreter.act`` on the same tab and clock; a step that names an acting
control (submit, "confirm cancellation", "log in") is refused, never pressed.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from auditor.models import ElementRef, Step
from auditor.observe import lexicon
from auditor.walk.driver import DriverError, JourneyDriver, Loaded, Located, PageDriver
from auditor.walk.scope import normalise_url
from auditor.walk.snapshot import Snapshot

if TYPE_CHECKING:
    from auditor.journey.model import JourneyStep, Target

LINK_NAVIGATION_S = 3.0
# A press that started a navigation (its request is out) waits this long for it to commit.
PENDING_NAVIGATION_S = 5.0
PRESSES = frozenset({"press", "expand", "answer"})
# A choice in a wizard (radio or drop-down option) is an ``answer`` step with this label
# prefix; for a drop-down the rest of the label is the option to select.
CHOICE_PREFIX = "choose: "


@dataclass
class Result:
    """What one step did: ``ok`` is False on a failure or a divergence (``note`` says which)."""

    ok: bool
    note: str = ""
    loaded: Loaded | None = None
    element_id: str | None = None
    diverged: bool = False
    error: DriverError | None = None
    navigated: bool = False
    refused: bool = False
    located: Located | None = None


def label_of(raw: dict[str, Any]) -> str:
    return str(raw.get("name") or raw.get("text") or raw.get("label") or "").strip()


def ref_of(raw: dict[str, Any]) -> ElementRef:
    """The identity of an element as ``extract.js`` reported it."""
    return ElementRef(
        id=str(raw["id"]),
        tag=str(raw.get("tag") or ""),
        kind=str(raw.get("kind") or ""),
        role=raw.get("role") or None,
        name=label_of(raw)[:200],
        href=raw.get("href") or None,
        selector=str(raw.get("selector") or ""),
    )


def _same_href(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return not a and not b
    return normalise_url(a) == normalise_url(b)


def matches(raw: dict[str, Any], ref: ElementRef) -> bool:
    """Is this element the one ``ref`` names (ids aside)?"""
    if ref.tag and raw.get("tag") and raw["tag"] != ref.tag:
        return False
    if (ref.role or None) != (raw.get("role") or None) and raw.get("kind") != "hover":
        return False
    if " ".join(label_of(raw)[:200].split()) != " ".join(ref.name.split()):
        return False
    return _same_href(raw.get("href"), ref.href)


class Interpreter:
    """Executes steps on one tab and remembers the elements of the current document."""

    def __init__(self, driver: PageDriver, extract_options: dict[str, Any]) -> None:
        self.driver = driver
        self.options = extract_options
        self.seen: dict[str, dict[str, Any]] = {}

    async def observe(self, known: dict[str, int] | None = None, full: bool = True) -> Snapshot:
        """Run the observation script; its elements become pressable by identity."""
        options = {**self.options, "hover": self.options.get("hover", False) and full}
        snap = await self.driver.extract(known or {}, full, options)
        for raw in snap.elements:
            self.seen[str(raw["id"])] = raw
        for h in snap.hovers:
            self.seen.setdefault(
                h.id, {"id": h.id, "kind": "hover", "name": h.label, "selector": h.selector}
            )
        return snap

    def resolve(self, ref: ElementRef) -> tuple[str | None, str]:
        """The id of the element ``ref`` names in the current document, or why there is none.

        The recorded id first (ids are stamped in document order, so an element present on
        load keeps its id); else the one element with the same name, target and role,
        preferring the same selector (an element revealed by a press may be numbered
        differently when other presses came first on the walk).
        """
        raw = self.seen.get(ref.id)
        if raw is not None and matches(raw, ref):
            return ref.id, ""
        twins = [r for r in self.seen.values() if r.get("visible", True) and matches(r, ref)]
        if len(twins) > 1:
            same_place = [r for r in twins if ref.selector and r.get("selector") == ref.selector]
            twins = same_place or (twins if ref.href else [])
            # Several links with one name and one target lead to the same place.
        if twins:
            return str(twins[0]["id"]), ""
        if raw is not None:
            return None, f"element {ref.id} is now '{label_of(raw)[:60]}', not '{ref.name[:60]}'"
        return None, f"no element '{ref.name[:60]}' on the page any more"

    async def run(self, step: Step) -> Result:
        try:
            if step.action == "load":
                return await self._load(step.url)
            if step.action == "follow":
                return await self._follow(step)
            if step.action in PRESSES:
                return await self._press(step)
        except DriverError as exc:
            return Result(False, note=str(exc), error=exc)
        return Result(False, note=f"unknown action {step.action}")

    async def _load(self, url: str) -> Result:
        self.seen = {}
        loaded = await self.driver.load(url)
        return Result(True, loaded=loaded)

    async def _follow(self, step: Step) -> Result:
        """A link is followed by loading its target, once it is known to be on the page."""
        if step.ref is not None and self.seen:
            found, why = self.resolve(step.ref)
            if found is None:
                return Result(False, note=why, diverged=True)
        return await self._load(step.url)

    async def _press(self, step: Step) -> Result:
        if step.ref is None:
            return Result(False, note="no element recorded for this press", diverged=True)
        found, why = self.resolve(step.ref)
        if found is None:
            return Result(False, note=why, diverged=True)
        before = normalise_url(self.driver.url)
        navs, asked = self.driver.navigations, self.driver.navigation_requests
        raw = self.seen.get(found, {})
        if step.hover:
            await self.driver.hover(found)
        elif raw.get("input") == "select" and step.label.startswith(CHOICE_PREFIX):
            await self.driver.select(found, step.label[len(CHOICE_PREFIX) :])
        else:
            await self.driver.press(found)
        try:
            await self.driver.settle()
        except DriverError as exc:
            if exc.kind != "navigated":
                raise
        if self.driver.navigations == navs and self.driver.navigation_requests != asked:
            # A drop-down's change handler setting ``location`` starts a navigation that
            # commits only when the answer arrives: read the URL before that, and the
            # move is blamed on whatever is pressed next.
            await _commit_after(self.driver, navs)
        if self.driver.navigations != navs:
            # A press that navigates (``location``, pushState, a hash route): let a new
            # document load before anything looks at it.
            await self.driver.wait_loaded()
        navigated = normalise_url(self.driver.url) != before
        if navigated:
            self.seen = {}  # a new document: its ids are not the old page's
        return Result(True, element_id=found, navigated=navigated)

    async def act(self, step: JourneyStep, *, authorised: bool = False) -> Result:
        """One journey step; ``authorised`` only for the login step's own submit control."""
        try:
            return await self._act(step, authorised)
        except DriverError as exc:
            return Result(False, note=str(exc), error=exc)

    async def _act(self, step: JourneyStep, authorised: bool) -> Result:
        driver = cast(JourneyDriver, self.driver)
        if step.goto is not None:
            return await self._load(step.goto)
        target = step.click or step.hover or step.press
        if target is not None:
            return await self._element_step(driver, step, target, authorised)
        if step.fill is not None:
            f = step.fill
            found = await driver.locate(f.role, f.name, None, f.selector, False)
            if found is None:
                return Result(False, note="no such field on the page")
            await driver.fill(found.element_id, step.fill.value or "")
            return Result(True, element_id=found.element_id, located=found)
        if step.wait_for is not None:
            w = step.wait_for
            if await driver.wait_for(w.text, w.selector, w.url, w.timeout_s):
                return Result(True)
            return Result(False, note=f"waited {w.timeout_s:g}s in vain")
        return Result(False, note=f"the interpreter does not run '{step.kind}' steps")

    async def _element_step(
        self, driver: JourneyDriver, step: JourneyStep, target: Target, authorised: bool
    ) -> Result:
        """click / hover / press: one click each (DESIGN §4), never on an acting control."""
        found = await driver.locate(
            target.role, target.name, target.text, target.selector, target.exact
        )
        if found is None:
            return Result(False, note=f"no {target.describe()} on the page")
        if not authorised and step.hover is None and _acts(found, step):
            return Result(
                False,
                note=f"refused: '{found.label[:60] or found.tag}' would act (submit, send, "
                "cancel for real): the auditor never presses it",
                refused=True,
                located=found,
            )
        before = normalise_url(self.driver.url)
        if step.hover is not None:
            await driver.hover(found.element_id)
        elif step.press is not None:
            await driver.key(found.element_id, step.press.key)
        else:
            await driver.press(found.element_id)
        try:
            await driver.settle()
        except DriverError as exc:
            if exc.kind != "navigated":
                raise
        if found.href and normalise_url(found.href) != before and step.hover is None:
            await _navigation_after(self.driver, before)
        navigated = normalise_url(self.driver.url) != before
        if navigated:
            self.seen = {}
        return Result(True, element_id=found.element_id, navigated=navigated, located=found)

    async def dismiss_consent(self, snap: Snapshot) -> ElementRef | None:
        """Accept a cookie banner without counting a click (DESIGN §4); the control pressed."""
        for raw in snap.elements:
            if raw.get("kind") == "link" or not raw.get("visible"):
                continue
            if not lexicon.is_consent_accept(label_of(raw)):
                continue
            ref = ref_of(raw)
            done = await self.run(Step(action="press", label=ref.name, url="", ref=ref))
            return ref if done.ok else None
        return None


async def _commit_after(driver: PageDriver, navs: int) -> None:
    """Wait (bounded) for a started navigation to commit; a download, a 204 or a blocked
    request never does, and then the page simply stayed."""
    for _ in range(int(PENDING_NAVIGATION_S / 0.05)):
        if driver.navigations != navs:
            return
        await asyncio.sleep(0.05)


async def _navigation_after(driver: PageDriver, before: str) -> None:
    """A link pressed: its navigation commits a moment later (bounded by the clock)."""
    for _ in range(int(LINK_NAVIGATION_S / 0.05)):
        if normalise_url(driver.url) != before:
            await driver.wait_loaded()
            return
        await asyncio.sleep(0.05)


def _acts(found: Located, step: JourneyStep) -> bool:
    """Would this press act for real: a submit control, an acting label, Enter in a form?"""
    if found.submits or lexicon.is_acting_control(found.label):
        return True
    if step.press is not None and found.in_form:
        return step.press.key.lower() in ("enter", "numpadenter")
    return False
