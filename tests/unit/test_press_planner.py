"""The press planner (``auditor.walk.interact``) without a browser: which controls are
candidates, in which order, one option per radio group, the budgets and the deny-list."""

from __future__ import annotations

from typing import Any

from auditor.walk import interact


def ctl(eid: str, name: str, **kw: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "id": eid,
        "tag": "button",
        "kind": "button",
        "name": name,
        "visible": True,
        "region": "main",
        "input": "button",
        "form_method": "",
        "context": "",
    }
    raw.update(kw)
    return raw


def radio(eid: str, name: str, group: str = "q1", **kw: Any) -> dict[str, Any]:
    return ctl(eid, name, tag="input", input="radio", group=group, form_method="post", **kw)


def roles(controls: list[dict[str, Any]]) -> dict[str, str]:
    return {c.label: c.role for c in interact.candidates(controls, set())}


def test_links_without_href_cards_and_support_buttons_are_navigation_candidates() -> None:
    found = roles(
        [
            ctl("e1", "Help and support", tag="div", kind="control", role="link", input=""),
            ctl("e2", "Contact us"),
            ctl("e3", "Billing", context="What do you need help with? Billing Moving"),
            ctl("e4", "Add to wishlist"),
            ctl("e5", "Our story", tag="a", kind="control", input=""),
        ]
    )
    assert found == {
        "Help and support": "navigate",
        "Contact us": "navigate",
        "Billing": "navigate",
        "Our story": "navigate",
    }


def test_navigation_candidates_are_ranked_by_the_support_lexicon() -> None:
    order = [
        c.label
        for c in interact.candidates(
            [
                ctl("e1", "Our tariffs", role="link", tag="div", input=""),
                ctl("e2", "Help centre", role="link", tag="div", input=""),
                ctl("e3", "Make a complaint", role="link", tag="div", input=""),
                ctl("e4", "Contact us", role="link", tag="div", input=""),
            ],
            set(),
        )
    ]
    assert order == ["Make a complaint", "Contact us", "Help centre", "Our tariffs"]


def test_a_radio_group_is_answered_once_by_its_most_promising_option() -> None:
    cands = interact.candidates(
        [
            radio("r1", "Tariffs and prices"),
            radio("r2", "I want to make a complaint"),
            radio("r3", "Moving home"),
            radio("r4", "Yes", group="q2"),
            radio("r5", "No", group="q2"),
        ],
        set(),
    )
    chosen = {c.scope: c for c in cands}
    assert chosen["q1"].label == "choose: I want to make a complaint"
    assert chosen["q1"].action == "answer" and chosen["q1"].role == "choose"
    assert chosen["q2"].label == "choose: Yes", "a tie keeps document order"
    assert len(cands) == 2


def test_an_answered_group_offers_nothing_more() -> None:
    controls = [radio("r1", "Billing"), radio("r2", "Other")]
    assert interact.candidates(controls, {"r1"}) == []
    controls = [radio("r1", "Billing", checked=True), radio("r2", "Other")]
    assert interact.candidates(controls, set()) == []


def test_the_deny_list_and_submits_are_never_candidates() -> None:
    forbidden = [
        ctl("e1", "Send message"),
        ctl("e2", "Absenden"),
        ctl("e3", "Enviar"),
        ctl("e4", "Envoyer"),
        ctl("e5", "שלח"),
        ctl("e6", "Confirm cancellation"),
        ctl("e7", "Pay now"),
        ctl("e8", "Delete my account"),
        ctl("e9", "Log in"),
        ctl("e10", "Contact us", submits=True),
        ctl("e11", "Help", tag="input", input="submit"),
        ctl("e12", "Help", tag="input", input="image"),
    ]
    for raw in forbidden:
        assert interact.is_forbidden(raw), raw["name"]
    assert interact.candidates(forbidden, set()) == []


def test_inside_a_non_get_form_only_choices_and_type_button_steps_may_be_pressed() -> None:
    assert not interact.is_forbidden(ctl("e1", "Continue", form_method="post"))
    assert not interact.is_forbidden(ctl("e1", "Weiter", form_method="post"))
    assert not interact.is_forbidden(radio("r1", "Billing"))
    # Any other control in a POST form may send it; a submit-typed Continue sends it.
    assert interact.is_forbidden(ctl("e2", "Contact us", form_method="post"))
    assert interact.is_forbidden(ctl("e3", "Continue", form_method="post", input="submit"))
    assert interact.is_forbidden(ctl("e4", "More options", form_method="post", input=""))
    # A <button> without a type outside any form sends nothing: a menu toggle, say.
    assert not interact.is_forbidden(ctl("e6", "Menu", input="submit"))
    # In a GET form (a search) the usual rules apply.
    assert not interact.is_forbidden(ctl("e5", "Contact us", form_method="get"))


def test_proceed_labels_in_every_language() -> None:
    for label in ("Continue", "Next step", "Continuar", "Siguiente", "Weiter", "Suivant", "המשך"):
        assert interact.is_proceed_label(label), label
    for label in ("Send", "Contact us", "Continue reading about our long history of service"):
        assert not interact.is_proceed_label(label), label


def test_continue_after_a_choice_is_the_one_of_the_same_step() -> None:
    controls = [
        ctl("c1", "Continue", scope="s1"),
        radio("r1", "Billing", scope="s2"),
        ctl("c2", "Continue", scope="s2"),
        ctl("c3", "Next", scope="s3"),
        ctl("c4", "Continue", scope="s2", visible=False),
    ]
    found = interact.proceed_for(controls, controls[1])
    assert found is not None and found["id"] == "c2"
    other = interact.proceed_for(controls, radio("r9", "X", scope="elsewhere"))
    assert other is not None and other["id"] == "c3", "else the latest visible one"
    assert interact.proceed_for([ctl("e1", "Send message")], controls[1]) is None


def test_disclosures_keep_their_actions_and_the_helpful_no_comes_first() -> None:
    cands = interact.candidates(
        [
            ctl("e1", "Menu", expanded=False, controls="menu", region="header"),
            ctl("e2", "No", context="Was this page helpful? Yes No"),
            ctl("e3", "Still need help?"),
            ctl("e4", "Slide 2", cls="carousel-dot"),
        ],
        set(),
    )
    assert next((c.label, c.action) for c in cands) == ("No", "answer")
    assert {(c.label, c.action, c.role) for c in cands} == {
        ("No", "answer", "disclose"),
        ("Menu", "expand", "disclose"),
        ("Still need help?", "press", "disclose"),
    }


def test_budgets_fit_a_six_step_wizard_and_bound_a_page() -> None:
    six_steps = 6 * 2  # choose + continue per step
    assert six_steps + 1 <= interact.MAX_PRESS_DEPTH
    assert six_steps + 4 <= interact.MAX_PRESSES_PER_PAGE
    assert interact.MAX_PRESSES_PER_PAGE <= 40 and interact.MAX_PAGE_PRESS_S <= 30
    assert interact.MAX_PRESS_HOPS >= 4


def test_hidden_and_long_labelled_controls_are_not_candidates() -> None:
    assert interact.classify(ctl("e1", "Contact us", visible=False)) is None
    assert interact.classify(ctl("e2", "Contact us " + "x" * 100)) is None
    assert interact.classify(ctl("e3", "")) is None


def test_a_drop_down_is_a_choice_of_its_most_promising_option() -> None:
    raw = ctl(
        "s1",
        "Topic",
        tag="select",
        kind="control",
        input="select",
        group="topic",
        form_method="post",
        options=["Tariffs", "I want to complain", "Moving home"],
    )
    (cand,) = interact.candidates([raw], set())
    assert (cand.action, cand.role, cand.label) == (
        "answer",
        "choose",
        "choose: I want to complain",
    )
    assert interact.classify({**raw, "options": []}) is None


def test_the_options_not_taken_are_the_branches_most_promising_first() -> None:
    controls = [
        radio("r1", "Tariffs and prices"),
        radio("r2", "I want to make a complaint"),
        radio("r3", "Moving home"),
        radio("r4", "Yes", group="q2"),
    ]
    chosen = next(c for c in interact.candidates(controls, set()) if c.scope == "q1")
    assert chosen.label == "choose: I want to make a complaint"
    branches = interact.alternatives(controls, chosen, controls[1])
    assert [b.label for b in branches] == ["choose: Tariffs and prices", "choose: Moving home"]
    assert {b.role for b in branches} == {"choose"} and {b.scope for b in branches} == {"q1"}


def test_a_drop_down_offers_its_other_options_but_never_its_placeholder() -> None:
    options = ["Please choose", "Billing", "Make a complaint", "Something else"]
    select = ctl("s1", "Topic", tag="select", input="select", options=options, group="topic")
    chosen = interact.candidates([select], set())[0]
    assert chosen.label == "choose: Make a complaint"
    branches = interact.alternatives([select], chosen, select)
    assert sorted(b.label for b in branches) == ["choose: Billing", "choose: Something else"]
    assert all(b.element_id == "s1" for b in branches)


def test_a_placeholder_with_a_value_never_wins_a_tie_in_any_language() -> None:
    # No option promises support more than another: the first real one is chosen, never
    # the "choose a topic" prompt (which the page reads as no answer at all).
    for prompt in (
        "Choose a topic",
        "Bitte wählen",
        "Seleziona un argomento",
        "Selecione",
        "בחרו נושא",
    ):
        select = ctl(
            "s1", "Topic", tag="select", input="select", options=[prompt, "Tariffs", "Moving home"]
        )
        assert interact.best_option(select) == "Tariffs", prompt
    # A list whose first option is a real answer keeps it.
    select = ctl("s2", "Topic", tag="select", input="select", options=["Tariffs", "Moving home"])
    assert interact.best_option(select) == "Tariffs"


def test_topic_cards_under_a_topic_question_are_pressed_in_every_language() -> None:
    """Cards that name a topic, not support, count when the heading over them asks."""
    headings = {
        "en": "What's your question about?",
        "de": "Wobei können wir Ihnen helfen?",
        "es": "¿En qué podemos ayudarte?",
        "fr": "Quel est l'objet de votre demande ?",
        "it": "Come possiamo aiutarti?",
        "pt": "Escolha um assunto",
        "he": "במה נוכל לעזור?",
    }
    for lang, heading in headings.items():
        card = ctl("c1", "Vertrag", tag="div", kind="control", input="", heading=heading)
        found = interact.candidates([card], set())
        assert [(c.label, c.role) for c in found] == [("Vertrag", "navigate")], lang
        # Below any control that promises support by itself.
        contact = ctl("c2", "Kontakt", heading=heading)
        order = [c.label for c in interact.candidates([card, contact], set())]
        assert order == ["Kontakt", "Vertrag"], lang
    # The same card without the question, or under an unrelated heading, is left alone.
    assert interact.candidates([ctl("c1", "Vertrag", heading="Unsere Tarife")], set()) == []
    assert interact.candidates([ctl("c1", "Vertrag")], set()) == []
    # A card that acts stays refused, whatever heading it sits under.
    acting = ctl("c3", "Jetzt kündigen", heading="Wobei können wir helfen?")
    assert interact.candidates([acting], set()) == []
