"""Which controls a determined customer would press, and which must never be pressed.

Each press is one click on the path (DESIGN §4).  Controls that act (submit, pay,
delete, log in, "jetzt kündigen") are refused by a multilingual deny-list, by
form-submit detection and by the method of the form they sit in, before anything else
is considered (DESIGN §8).

Besides disclosures (menus, accordions, tabs, "No" to "Was this helpful?"), the planner
proposes the controls of single-page apps and decision trees (issue 11):

- *navigate*: ``role=link`` elements, clickable cards and buttons whose label or
  surrounding question promises support (ranked by ``lexicon.support_score``, like
  links); a press that changes the URL becomes a page transition;
- *choose*: one option of a radio group (the one whose label promises support most),
  recorded as an ``answer`` step labelled ``choose: <option>``;
- *proceed*: the wizard's "Continue" / "Next" (``type=button``), pressed after a choice.
  Inside a form that does not use GET only choices and proceed buttons that are not
  submit buttons may be pressed: they change what the page shows, they send nothing;
- *branches*: once the most promising path is walked, the other options of every group
  whose answer changed the page are tried too, each after replaying the steps before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from auditor.observe import lexicon
from auditor.observe.text import fold
from auditor.walk.actions import CHOICE_PREFIX

PressAction = Literal["press", "expand", "answer"]
PressRole = Literal["disclose", "navigate", "choose", "proceed"]

# Budgets: a 6-step wizard (choose + continue per step) plus a disclosure or two fits
# in one path; the presses on one page are bounded in number and in time.
MAX_PRESSES_PER_PAGE = 24
MAX_PRESS_DEPTH = 14
MAX_PAGE_PRESS_S = 25.0
# Options of a decision tree the first pass did not take, come back for afterwards.
MAX_ALTERNATIVES_PER_GROUP = 4
MAX_BRANCHES_PER_PAGE = 8
# A "load more" pager pressed again while it shows more: bounded, one click each.
MAX_PAGER_PRESSES = 5
# Chained page transitions by press (SPA route → route → …) observed in place.
MAX_PRESS_HOPS = 6
MAX_LABEL_LEN = 80
# What the last press revealed is pressed first: a decision tree is walked to its end.
REVEALED_BONUS = 2.5
# A topic card with no support word of its own: pressed, after the controls that promise.
TOPIC_CARD_PRIORITY = 0.3

_TOGGLE_CLASS = re.compile(
    r"hamburger|burger|menu-?toggle|nav-?toggle|navbar-toggler|accordion|collapse|toggle|"
    r"disclosure|expander|dropdown|menu-button|menu-btn|mobile-menu|offcanvas",
    re.I,
)
_CAROUSEL = re.compile(r"carousel|slider|slick|swiper|gallery|play|pause|video", re.I)
# "Continue" / "Next" in the supported languages: a wizard step that moves on.
_PROCEED_TERMS = [
    "^continue",
    "^next",
    "^next step",
    "^proceed",
    "^go on",
    "^continuar",
    "^siguiente",
    "^seguir",
    "^weiter",
    "^fortfahren",
    "^nachster schritt",
    "^continuer",
    "^suivant",
    "^etape suivante",
    "^avanti",
    "^prossimo",
    "^proximo",
    "^המשך",
    "^הבא",
    "^לשלב הבא",
]
_PROCEED = lexicon.Matcher(_PROCEED_TERMS)
_INPUT_NEVER = frozenset({"submit", "image", "reset", "file", "password", "checkbox"})


@dataclass(frozen=True)
class Candidate:
    element_id: str
    action: PressAction
    label: str
    selector: str
    priority: float
    hover: bool = False
    role: PressRole = "disclose"
    scope: str = ""


def label_of(raw: dict[str, Any]) -> str:
    return str(raw.get("name") or raw.get("text") or "").strip()


def is_proceed_label(label: str) -> bool:
    """A wizard's "Continue" / "Next" / "Weiter" / "Suivant" / "המשך"."""
    folded = fold(label)
    return bool(folded) and len(folded) <= 40 and _PROCEED.search(folded)


def is_choice(raw: dict[str, Any]) -> bool:
    """A radio option (native or ARIA), a listbox option or a drop-down."""
    return raw.get("input") in ("radio", "select") or raw.get("role") in ("radio", "option")


def best_option(raw: dict[str, Any]) -> str:
    """The option of a drop-down whose label promises support most (the first on a tie).

    A first option that only asks to choose ("Choose a topic", value set) is no answer:
    choosing it moves no wizard on, so it never wins a tie.
    """
    options = [str(o) for o in raw.get("options") or [] if str(o).strip()]
    if options and len(options) > 1 and _is_placeholder(options[0]):
        options = options[1:]
    if not options:
        return ""
    return max(options, key=lambda o: (lexicon.support_score(o), -options.index(o)))


def choice_label(raw: dict[str, Any]) -> str:
    """What choosing means for the path: the option picked."""
    return best_option(raw) if raw.get("input") == "select" else label_of(raw)


def is_forbidden(raw: dict[str, Any]) -> bool:
    """Never press: submits, acting labels, and anything else inside a non-GET form.

    A choice or a ``type=button`` proceed control inside such a form changes only what
    the page shows (the guard answers any request it would make locally, and the tests
    prove none reaches the site); every other control there may send the form.
    """
    if raw.get("submits"):
        return True
    if raw.get("tag") == "input" and str(raw.get("input") or "") in _INPUT_NEVER:
        return True  # (a <button> outside a form submits nothing, whatever its type)
    label = label_of(raw)
    if label and lexicon.is_acting_control(label):
        return True
    method = str(raw.get("form_method") or "")
    if method and method != "get":
        if is_choice(raw):
            return False
        return not (raw.get("input") == "button" and is_proceed_label(label))
    return False


def classify(raw: dict[str, Any]) -> tuple[PressAction, PressRole] | None:
    """What pressing this control would be, or None when it is not worth (or safe) pressing."""
    if is_forbidden(raw) or not raw.get("visible"):
        return None
    label = label_of(raw)
    if is_choice(raw):
        return None if raw.get("checked") or not choice_label(raw) else ("answer", "choose")
    context = str(raw.get("context") or "")
    if lexicon.is_negative_answer(label) and lexicon.is_helpful_prompt(context):
        return "answer", "disclose"
    if raw.get("summary"):
        return "expand", "disclose"
    if raw.get("expanded") is True:
        return None
    cls = str(raw.get("cls") or "")
    if _CAROUSEL.search(cls) or _CAROUSEL.search(label):
        return None
    if raw.get("expanded") is False or raw.get("controls") or raw.get("haspopup"):
        return "expand", "disclose"
    if raw.get("role") == "tab":
        return "press", "disclose"
    if _TOGGLE_CLASS.search(cls):
        return "expand", "disclose"
    if label and lexicon.is_disclosure_label(label):
        return "press", "disclose"
    if not label or len(label) > MAX_LABEL_LEN:
        return None
    if is_proceed_label(label):
        return "press", "proceed"
    if raw.get("role") == "link" or raw.get("tag") == "a":
        return "press", "navigate"
    if lexicon.support_score(label) > 0 or lexicon.support_score(context[:160]) > 0:
        # A button or card that promises support, or a topic in a "How can we help?"
        # picker: it may navigate (pushState, location) or reveal the next step.
        return "press", "navigate"
    if in_topic_picker(raw):
        return "press", "navigate"
    return None


def in_topic_picker(raw: dict[str, Any]) -> bool:
    """A card under "How can we help?" / "Wählen Sie Ihr Anliegen" / a support heading.

    Topic cards name topics ("Billing", "Mein Vertrag"), not support, yet each is a
    step towards contact; the heading over the grid, or the question around it, says so.
    """
    heading = str(raw.get("heading") or "")
    context = str(raw.get("context") or "")[:160]
    if lexicon.is_topic_prompt(heading) or lexicon.is_topic_prompt(context):
        return True
    return lexicon.support_score(heading) > 0


def priority_of(raw: dict[str, Any], action: PressAction, role: PressRole) -> float:
    """Support promise first (the same lexicon as links), then where the control sits."""
    label = label_of(raw)
    context = str(raw.get("context") or "")[:80]
    if role == "choose":
        return _choice_priority(choice_label(raw), raw)
    score = lexicon.support_score(f"{label} {context}")
    if role == "navigate":
        score = 0.7 * score + 0.5 * lexicon.support_score(label)
        if score == 0 and in_topic_picker(raw):
            score = TOPIC_CARD_PRIORITY
    region_bonus = 1.0 if raw.get("region") in ("header", "nav") else 0.0
    answer_bonus = 3.0 if action == "answer" else 0.0
    return score + region_bonus + answer_bonus


def _choice_priority(option: str, raw: dict[str, Any]) -> float:
    """How much choosing ``option`` (of the group ``raw`` belongs to) promises support."""
    question = str(raw.get("question") or "")
    return 1.0 + 1.5 * lexicon.support_score(option) + 0.2 * lexicon.support_score(question)


def candidates(controls: list[dict[str, Any]], done: set[str]) -> list[Candidate]:
    """Controls not pressed yet, most promising first; one option per radio group."""
    out: list[Candidate] = []
    for raw in controls:
        if raw["id"] in done:
            continue
        kind = classify(raw)
        if kind is None:
            continue
        action, role = kind
        label = label_of(raw)
        out.append(
            Candidate(
                element_id=raw["id"],
                action=action,
                label=(CHOICE_PREFIX + choice_label(raw) if role == "choose" else label)[:120],
                selector=str(raw.get("selector", "")),
                priority=priority_of(raw, action, role),
                role=role,
                scope=_group_of(raw),
            )
        )
    out = _one_per_group(out, done, controls)
    out.sort(key=lambda c: -c.priority)
    return out


def _group_of(raw: dict[str, Any]) -> str:
    if not is_choice(raw):
        return str(raw.get("scope") or "")
    return str(raw.get("group") or raw.get("question") or raw.get("scope") or "")


def _one_per_group(
    cands: list[Candidate], done: set[str], controls: list[dict[str, Any]]
) -> list[Candidate]:
    """A radio group is answered once: by its most promising option (document order on a tie).

    A group already answered (an option in ``done``, or one checked) offers nothing more.
    """
    answered = {
        _group_of(raw)
        for raw in controls
        if is_choice(raw) and (raw["id"] in done or raw.get("checked"))
    }
    best: dict[str, Candidate] = {}
    others: list[Candidate] = []
    for cand in cands:
        if cand.role != "choose":
            others.append(cand)
            continue
        if cand.scope in answered:
            continue
        held = best.get(cand.scope)
        if held is None or cand.priority > held.priority:
            best[cand.scope] = cand
    return others + list(best.values())


def alternatives(
    controls: list[dict[str, Any]], chosen: Candidate, raw_chosen: dict[str, Any] | None
) -> list[Candidate]:
    """The other options of a group the walk just answered, most promising first.

    A decision tree hides routes behind the options its first pass did not take ("Something
    else" → "Still need help?" → the phone number): the walk comes back for them, each one
    click after the same earlier steps, while the page's press budget lasts.
    """
    options: list[tuple[str, str, dict[str, Any]]] = []  # (element id, option, its control)
    if raw_chosen is not None and raw_chosen.get("input") == "select":
        picked = chosen.label[len(CHOICE_PREFIX) :]
        listed = [str(o) for o in raw_chosen.get("options") or [] if str(o).strip()]
        placeholder = listed[0] if listed and _is_placeholder(listed[0]) else None
        options = [
            (chosen.element_id, o, raw_chosen) for o in listed if o not in (picked, placeholder)
        ]
    else:
        options = [
            (str(raw["id"]), choice_label(raw), raw)
            for raw in controls
            if raw["id"] != chosen.element_id
            and is_choice(raw)
            and _group_of(raw) == chosen.scope
            and classify(raw) is not None
        ]
    out = [
        Candidate(
            element_id,
            "answer",
            (CHOICE_PREFIX + option)[:120],
            str(raw.get("selector", "")),
            _choice_priority(option, raw),
            role="choose",
            scope=chosen.scope,
        )
        for element_id, option, raw in options
    ]
    out.sort(key=lambda c: -c.priority)
    return out[:MAX_ALTERNATIVES_PER_GROUP]


_PLACEHOLDER = re.compile(
    r"^(?:-+|please|choose|select|pick|bitte|auswahl|wahlen sie|veuillez|choisi|seleccion|elige"
    r"|escoge|seleziona|scegli|selecione|escolha|בחר)"
)


def _is_placeholder(option: str) -> bool:
    """ "Please choose" / "— Select —": the empty first option of a drop-down."""
    return bool(_PLACEHOLDER.search(fold(option).strip("-— ")) or not fold(option).strip("-— "))


def proceed_for(
    controls: list[dict[str, Any]], choice: dict[str, Any] | None
) -> dict[str, Any] | None:
    """The "Continue" that moves a wizard on after ``choice``: same step first, else any."""
    steps = [
        raw
        for raw in controls
        if raw.get("visible") and not is_forbidden(raw) and is_proceed_label(label_of(raw))
    ]
    if not steps:
        return None
    scope = str((choice or {}).get("scope") or "")
    same = [raw for raw in steps if scope and raw.get("scope") == scope]
    return (same or steps)[-1]


def is_pager(label: str) -> bool:
    """Does a control's label offer more of a list ("Load more", "Ver más artículos")?"""
    return lexicon.matcher("load_more").search(fold(label))
