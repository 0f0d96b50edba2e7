"""Chat vendors and human / bot cues."""

from __future__ import annotations

import pytest

from auditor.models import Element
from auditor.observe.chat import CHAT_GLOBALS, chat_human, detect_chats, vendors

from ._states import block, state


def test_all_vendors_have_fingerprints() -> None:
    expected = {
        "intercom",
        "zendesk",
        "salesforce",
        "liveperson",
        "drift",
        "hubspot",
        "freshchat",
        "tidio",
        "crisp",
        "tawkto",
        "livechat",
        "genesys",
        "gorgias",
        "gladly",
        "kustomer",
        "ada",
        "helpshift",
    }
    assert expected <= set(vendors())
    for prints in vendors().values():
        assert prints["scripts"] and prints["globals"]
    assert "Intercom" in CHAT_GLOBALS and "zE" in CHAT_GLOBALS and "lpTag" in CHAT_GLOBALS


@pytest.mark.parametrize(
    ("script", "vendor"),
    [
        ("https://widget.intercom.io/widget/abc", "intercom"),
        ("http://127.0.0.1:8000/_vendor/widget.intercom.io/widget.js", "intercom"),
        ("https://static.zdassets.com/ekr/snippet.js?key=x", "zendesk"),
        ("https://lptag.liveperson.net/tag/tag.js?site=1", "liveperson"),
        ("https://js.driftt.com/include/1/abc.js", "drift"),
        ("https://code.tidio.co/abc.js", "tidio"),
        ("https://embed.tawk.to/abc/default", "tawkto"),
        ("https://apps.mypurecloud.ie/genesys-bootstrap/genesys.min.js", "genesys"),
        ("https://static.ada.support/embed2.js", "ada"),
    ],
)
def test_vendor_from_script(script: str, vendor: str) -> None:
    chats = detect_chats(state(scripts=[script]))
    assert [c.vendor for c in chats] == [vendor]


def test_vendor_from_global_is_active() -> None:
    chats = detect_chats(state(globals=["Tawk_API"]))
    assert [(c.vendor, c.active) for c in chats] == [("tawkto", True)]


def test_no_vendor_on_plain_page() -> None:
    assert detect_chats(state(scripts=["/assets/main.js"], globals=["jQuery"])) == []


@pytest.mark.parametrize(
    ("text", "human"),
    [
        ("Live chat with our team", True),
        ("Chatea con un agente", True),
        ("Live-Chat mit unseren Mitarbeitern", True),
        ("Discutez avec nos conseillers", True),
        ("שיחה עם נציג אנושי", True),
        ("A member of our team will be with you shortly", True),
        ("Ein Mitarbeiter ist gleich für Sie da.", True),
        ("Unsere Beraterinnen und Berater sind für Sie da", True),
        ("Un agente te atenderá en breve", True),
        ("Un nostro operatore ti risponderà", True),
        ("Um operador vai atendê-lo em breve", True),
        ("Un de nos conseillers vous répond", True),
        ("Hola, soy un agente virtual", False),
        ("Chat with our virtual assistant", False),
        ("Habla con nuestro asistente virtual", False),
        ("Unser virtueller Assistent hilft", False),
        ("Votre assistant virtuel", False),
        ("עוזר וירטואלי", False),
        ("Ask our chatbot", False),
        ("Chat", None),
    ],
)
def test_chat_human(text: str, human: bool | None) -> None:
    assert chat_human(text) is human


def test_launcher_label_decides_human() -> None:
    launcher = Element(
        id="c1",
        tag="button",
        kind="button",
        text="Chat with our virtual assistant",
        name="Chat with our virtual assistant",
        visible=True,
        selector="#chat-launcher",
    )
    page = state(
        scripts=["/_vendor/widget.intercom.io/widget.js"],
        globals=["Intercom"],
        elements=[launcher],
        text_blocks=[block("Our team is here to help")],
    )
    [chat] = detect_chats(page)
    assert chat.human is False and chat.launcher is launcher


@pytest.mark.parametrize(
    ("text", "human"),
    [
        ("Chat with our virtual agent", False),
        ("נציג וירטואלי", False),
        ("Our agents answer 9-18; at other times our virtual assistant helps", False),
        ("Our agents answer 9–18, Monday to Friday.", True),
    ],
)
def test_a_bot_cue_wins_over_a_human_word(text: str, human: bool | None) -> None:
    assert chat_human(text) is human


def test_a_framed_launcher_is_judged_by_its_own_frame_first() -> None:
    frame = "https://widget.example/frame.html"
    launcher = Element(
        id="F1_e0",
        tag="button",
        kind="button",
        text="Chat",
        name="Chat",
        visible=True,
        selector="#intercom-launcher",
        frame=frame,
    )
    greeting = block("Our agents answer 9-18")
    greeting.frame = frame
    page = state(
        globals=["Intercom"],
        elements=[launcher],
        text_blocks=[greeting, block("Ask our virtual assistant about tariffs")],
    )
    [chat] = detect_chats(page)
    assert chat.human is True and chat.launcher is launcher


def test_the_page_s_team_is_not_the_chat_s_team() -> None:
    # An icon-only launcher says nothing; "notre équipe" about the workshop is no promise
    # that people answer the chat (the fr-bot-chat probe: it was counted human).
    launcher = Element(
        id="c1", tag="button", kind="button", text="", name="", visible=True,
        selector="#crisp-client > button",
    )  # fmt: skip
    about = block("Qui sommes-nous ? Notre équipe de douze ébénistes travaille à Lyon.")
    page = state(globals=["$crisp"], elements=[launcher], text_blocks=[about])
    [chat] = detect_chats(page)
    assert chat.human is None
    # What the page says about its chat does speak for it, and so does the opened panel.
    talk = block("Besoin d'aide ? Notre équipe vous répond par chat de 9h à 18h.", 1)
    [chat] = detect_chats(state(globals=["$crisp"], elements=[launcher], text_blocks=[about, talk]))
    assert chat.human is True
    panel = block("Je suis votre assistante virtuelle.", 2, revealed_by="c1")
    page = state(globals=["$crisp"], elements=[launcher], text_blocks=[about, talk, panel])
    [chat] = detect_chats(page)
    assert chat.human is False
