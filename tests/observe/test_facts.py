"""observe_page: sightings and signals with their place, in every language."""

from __future__ import annotations

from auditor.models import FormField
from auditor.observe.facts import observe_page

from ._states import block, form, link, state


def test_spanish_contact_page() -> None:
    page = state(
        "https://www.movilplus.es/atencion-cliente.html",
        title="Atención al cliente | MovilPlus",
        lang="es",
        elements=[
            link("901 123 456", "tel:+34901123456", 0, region="main"),
            link("Escríbenos", "mailto:Atencion@MovilPlus.es", 1),
            link("WhatsApp", "https://wa.me/34600123456", 2),
            link("Facebook", "https://www.facebook.com/movilplus/", 3, region="footer"),
            link("Hojas de reclamaciones", "/reclamaciones.html", 4, region="footer"),
        ],
        text_blocks=[
            block("Teléfono de atención al cliente:", 10),
            block("902 123 456", 11, region="main"),
            block("Lunes a viernes de 9:00 a 21:00", 12),
            block("Le responderemos en un plazo de 48 horas.", 13),
            block("Hojas de reclamaciones", 14, region="footer"),
        ],
        forms=[
            form(
                fields=[
                    FormField(name="email", type="email", required=True),
                    FormField(name="mensaje", type="textarea", required=True),
                ],
                captcha="recaptcha",
            )
        ],
    )
    facts = observe_page(page)
    assert facts.kind == "contact" and facts.lang == "es"
    got = {(c.kind, c.value, c.cost) for c in facts.channels}
    assert ("phone", "+34901123456", "shared_cost") in got
    assert ("phone", "+34902123456", "shared_cost") in got
    assert ("email", "atencion@movilplus.es", None) in got
    assert ("whatsapp", "+34600123456", None) in got
    assert ("social", "https://www.facebook.com/movilplus", None) in got
    assert ("form", page.url, None) in got
    plain = next(c for c in facts.channels if c.value == "+34902123456")
    assert plain.element_id == "b11" and plain.region == "main"
    form_sighting = next(c for c in facts.channels if c.kind == "form")
    assert "required=2" in form_sighting.notes and "captcha=recaptcha" in form_sighting.notes
    kinds = {s.kind for s in facts.signals}
    assert {"business_hours", "response_time"} <= kinds
    # The footer link "Hojas de reclamaciones" leads to the procedure; it is not one.
    assert not facts.complaint


def test_hidden_sightings_are_kept_and_do_not_set_milestones() -> None:
    page = state(
        "https://brand.co.uk/complaints",
        title="Help | Brand",
        text_blocks=[
            block("How to make a complaint: call us on 0845 123 4567", 0, visible=False, depth=1),
            block("You can refer it to the Financial Ombudsman Service.", 1, visible=False),
        ],
    )
    facts = observe_page(page)
    phone = next(c for c in facts.channels if c.kind == "phone")
    assert (phone.visible, phone.depth, phone.cost) == (False, 1, "shared_cost")
    assert any(s.kind == "complaint_procedure" and not s.visible for s in facts.signals)
    assert not facts.complaint and not facts.escalation


def test_german_impressum_refusal_and_odr() -> None:
    page = state(
        "https://www.beispiel-shop.de/impressum",
        title="Impressum",
        lang="de",
        elements=[link("OS-Plattform", "https://ec.europa.eu/consumers/odr", 0)],
        text_blocks=[
            block("Beispiel GmbH, Musterstraße 12, 10115 Berlin", 1),
            block("Telefon: 01805 123456 (14 ct/Min.)", 2),
            block("E-Mail: service [at] beispiel-shop [dot] de", 3),
            block(
                "Wir sind nicht bereit und nicht verpflichtet, an Streitbeilegungsverfahren vor "
                "einer Verbraucherschlichtungsstelle teilzunehmen.",
                4,
            ),
        ],
    )
    facts = observe_page(page)
    assert facts.kind == "legal"
    got = {(c.kind, c.value) for c in facts.channels}
    assert ("phone", "+491805123456") in got
    assert ("email", "service@beispiel-shop.de") in got
    assert ("postal", "Musterstraße 12, 10115 Berlin") in got
    kinds = [s.kind for s in facts.signals]
    assert "adr_refusal" in kinds and "odr_link" in kinds
    assert "escalation_body" not in kinds
    assert not facts.escalation


def test_hebrew_complaint_page_with_star_number() -> None:
    page = state(
        "https://www.example.co.il/complaints",
        title="פניות הציבור",
        lang="he",
        text_blocks=[
            block("הגשת תלונה", 0, selector="main h1", region="main"),
            block("מוקד שירות: *2707 או 03-1234567", 1),
            block("נחזור אליך תוך 14 ימי עבודה", 2),
            block("ניתן לפנות לנציב תלונות הציבור", 3),
        ],
    )
    facts = observe_page(page)
    assert facts.kind == "complaint"
    values = [c.value for c in facts.channels if c.kind == "phone"]
    assert values == ["*2707", "+97231234567"]
    rt = next(s for s in facts.signals if s.kind == "response_time")
    assert (rt.hours, rt.working_days) == (336, True)
    assert facts.complaint and facts.escalation


def test_chat_vendor_sighting() -> None:
    page = state(
        "https://brand.fr/aide",
        lang="fr",
        scripts=["https://widget.intercom.io/widget/abc"],
        globals=["Intercom"],
        text_blocks=[block("Discutez avec notre assistant virtuel", 0)],
    )
    facts = observe_page(page)
    chat = next(c for c in facts.channels if c.kind == "chat")
    assert (chat.value, chat.visible, chat.human) == ("intercom", True, False)
    assert any(s.kind == "bot" for s in facts.signals)


def test_store_hours_under_their_heading() -> None:
    """Hours under a "Our stores" heading are the stores', not the phone line's; the
    line's own hours on the same page stay the service's."""
    page = state(
        "https://www.example-retail.co.uk/contact",
        title="Contact us",
        lang="en",
        elements=[link("0345 600 1234", "tel:+443456001234", 0, region="main")],
        text_blocks=[
            block("Visit our stores", 1, selector="main > h2"),
            block("Monday to Saturday 9am-8pm, Sunday 11am-5pm", 2),
            block("Call us", 3, selector="main > h2"),
            block("Lines are open Monday to Friday 8am-6pm", 4),
        ],
    )
    hours = [s for s in observe_page(page).signals if s.kind == "business_hours"]
    assert [(s.data or {}).get("premises") for s in hours] == ["stores", None]
    assert hours[1].data == {d: "08:00-18:00" for d in ("mon", "tue", "wed", "thu", "fri")}


def test_a_complaints_section_naming_who_reviews_it_next_is_the_procedure() -> None:
    """No address and no deadline, but it says what happens next: the procedure."""
    page = state(
        "https://www.magpie.example/complaints.html",
        title="Complaints | Magpie Market",
        lang="en",
        text_blocks=[
            block("Complaints", 1, selector="main > h1"),
            block(
                "Email us with your order number. If we cannot agree, our Customer "
                "Relations Manager will review your complaint.",
                2,
            ),
        ],
    )
    kinds = {s.kind for s in observe_page(page).signals}
    assert {"complaint_procedure", "escalation_body"} <= kinds, kinds
