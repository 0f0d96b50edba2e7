"""Signals: response times, business hours, complaint / escalation cues, refusals, ODR."""

from __future__ import annotations

import pytest

from auditor.observe.signals import (
    DAYS_UNSAID,
    OPEN,
    PREMISES,
    business_hours,
    cue,
    escalation_bodies,
    is_odr_link,
    response_times,
)


@pytest.mark.parametrize(
    ("text", "hours", "working"),
    [
        ("We will reply within 24 hours.", 24, False),
        ("We will send you a final response within 8 weeks.", 8 * 168, False),
        ("Le responderemos en un plazo de 48 horas.", 48, False),
        ("Resolveremos tu reclamación en 15 días hábiles.", 15 * 24, True),
        ("Wir antworten innerhalb von 2 Werktagen.", 48, True),
        ("Réponse sous 48h.", 48, False),
        ("נחזור אליך תוך 14 ימי עבודה", 14 * 24, True),
        ("Riceverai una risposta entro 5 giorni lavorativi.", 120, True),
        ("Responderemos em até 3 dias úteis.", 72, True),
    ],
)
def test_response_times(text: str, hours: float, working: bool) -> None:
    found = response_times(text)
    assert [(f.hours, f.working_days) for f in found] == [(hours, working)]


@pytest.mark.parametrize(
    "text",
    [
        "Free trial for 8 weeks",
        "Fibra 600 Mb por 30 € al mes",
        "Entrega en 24 horas",  # delivery, no response promise... but "en" + number + unit
    ][:2],
)
def test_no_response_time(text: str) -> None:
    assert response_times(text) == []


@pytest.mark.parametrize(
    ("text", "schedule"),
    [
        (
            "Lunes a viernes de 9:00 a 21:00",
            {d: "09:00-21:00" for d in ("mon", "tue", "wed", "thu", "fri")},
        ),
        (
            "Mon–Fri 8am–8pm, Sat 9am-5pm",
            {
                **{d: "08:00-20:00" for d in ("mon", "tue", "wed", "thu", "fri")},
                "sat": "09:00-17:00",
            },
        ),
        ("Mo–Fr 8–20 Uhr", {d: "08:00-20:00" for d in ("mon", "tue", "wed", "thu", "fri")}),
        (
            "du lundi au vendredi de 9h à 18h",
            {d: "09:00-18:00" for d in ("mon", "tue", "wed", "thu", "fri")},
        ),
        ("א'-ה' 08:00-20:00", {d: "08:00-20:00" for d in ("sun", "mon", "tue", "wed", "thu")}),
        (
            "Segunda a sexta das 9h às 18h",
            {d: "09:00-18:00" for d in ("mon", "tue", "wed", "thu", "fri")},
        ),
        ("lun-ven 9-18", {d: "09:00-18:00" for d in ("mon", "tue", "wed", "thu", "fri")}),
        ("Atención 24/7", {"always": "24/7"}),
        ("Wir sind rund um die Uhr für Sie da", {"always": "24/7"}),
    ],
)
def test_business_hours(text: str, schedule: dict[str, str]) -> None:
    found = business_hours(text)
    assert len(found) == 1
    assert found[0].data == schedule


def test_no_business_hours_in_prices() -> None:
    assert business_hours("Fibra 600 Mb: 30,00 € al mes durante 12 meses") == []


WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MON_FRI = WEEK[:5]
MON_SAT = WEEK[:6]
SUN_THU = ("sun", "mon", "tue", "wed", "thu")


def _hours(days: tuple[str, ...], value: str) -> dict[str, str]:
    return dict.fromkeys(days, value)


def _schedule(text: str) -> dict[str, str]:
    found = business_hours(text)
    assert len(found) == 1, found
    assert found[0].kind == "business_hours" and found[0].value
    return found[0].data


@pytest.mark.parametrize(
    ("text", "schedule"),
    [
        ("8am–10pm, 7 days a week", _hours(WEEK, "08:00-22:00")),
        ("Open daily 9:00–17:00", _hours(WEEK, "09:00-17:00")),
        ("Every day 8am to 8pm", _hours(WEEK, "08:00-20:00")),
        ("Todos los días de 9 a 21 h", _hours(WEEK, "09:00-21:00")),
        ("Täglich von 8 bis 22 Uhr", _hours(WEEK, "08:00-22:00")),
        ("Wir sind 7 Tage die Woche von 8 bis 20 Uhr für Sie da", _hours(WEEK, "08:00-20:00")),
        ("Service client 7j/7 de 8h à 20h", _hours(WEEK, "08:00-20:00")),
        ("Tous les jours de 9h à 18h", _hours(WEEK, "09:00-18:00")),
        ("Tutti i giorni dalle 9 alle 18", _hours(WEEK, "09:00-18:00")),
        ("Il servizio clienti è attivo 7 giorni su 7, 8.00-22.00", _hours(WEEK, "08:00-22:00")),
        ("Todos os dias das 8h às 22h", _hours(WEEK, "08:00-22:00")),
        ("כל יום 9:00-21:00", _hours(WEEK, "09:00-21:00")),
        ("Open every day from noon to midnight", _hours(WEEK, "12:00-24:00")),
    ],
)
def test_business_hours_every_day(text: str, schedule: dict[str, str]) -> None:
    assert _schedule(text) == schedule


@pytest.mark.parametrize(
    ("text", "schedule"),
    [
        ("8am-8pm, Monday to Friday", _hours(MON_FRI, "08:00-20:00")),
        ("8 a.m. to 10 p.m. Eastern, seven days a week", _hours(WEEK, "08:00-22:00")),
        (
            "Our Customer Care team is available from 8am to 8pm, seven days a week.",
            _hours(WEEK, "08:00-20:00"),
        ),
        ("Between 9am and 5pm Monday to Friday", _hours(MON_FRI, "09:00-17:00")),
        ("Our agents answer 9–18, Monday to Friday.", _hours(MON_FRI, "09:00-18:00")),
        (
            "Phone lines: 0345 123 4567, 8am-6pm Mon-Fri, 9am-1pm Sat",
            {**_hours(MON_FRI, "08:00-18:00"), "sat": "09:00-13:00"},
        ),
        ("9:00–18:00 de lunes a viernes", _hours(MON_FRI, "09:00-18:00")),
        ("Horario de atención: de 9 a 18 h de lunes a viernes", _hours(MON_FRI, "09:00-18:00")),
        ("von 8 bis 20 Uhr, Montag bis Freitag", _hours(MON_FRI, "08:00-20:00")),
        ("de 9h à 18h du lundi au samedi", _hours(MON_SAT, "09:00-18:00")),
        ("dalle 9 alle 18 dal lunedì al venerdì", _hours(MON_FRI, "09:00-18:00")),
        ("das 8h às 20h, de segunda a sexta", _hours(MON_FRI, "08:00-20:00")),
        ("בין השעות 9:00-18:00 בימים א'-ה'", _hours(SUN_THU, "09:00-18:00")),
        ("מענה טלפוני מ-8:00 עד 20:00 בימים א'-ה'", _hours(SUN_THU, "08:00-20:00")),
    ],
)
def test_business_hours_times_before_days(text: str, schedule: dict[str, str]) -> None:
    assert _schedule(text) == schedule


@pytest.mark.parametrize(
    ("text", "schedule"),
    [
        ("M-F 9-5", _hours(MON_FRI, "09:00-17:00")),
        ("Mon-Sat 9am-6pm", _hours(MON_SAT, "09:00-18:00")),
        (
            "Weekdays 8am–6pm, weekends 10am–4pm",
            {**_hours(MON_FRI, "08:00-18:00"), "sat": "10:00-16:00", "sun": "10:00-16:00"},
        ),
        ("9-5 weekdays", _hours(MON_FRI, "09:00-17:00")),
        ("Sat & Sun 10am–4pm", {"sat": "10:00-16:00", "sun": "10:00-16:00"}),
        ("Mon, Wed and Fri 10am–2pm", _hours(("mon", "wed", "fri"), "10:00-14:00")),
        ("Laborables de 8:00 a 20:00", _hours(MON_FRI, "08:00-20:00")),
        ("L-V de 9 a 18 h", _hours(MON_FRI, "09:00-18:00")),
        ("Fines de semana de 10:00 a 14:00", {"sat": "10:00-14:00", "sun": "10:00-14:00"}),
        # Werktage are Monday to Saturday (BUrlG §3); a Saturday of its own wins.
        ("Werktags 8–20 Uhr", _hours(MON_SAT, "08:00-20:00")),
        (
            "Werktags von 8 bis 20 Uhr, samstags von 9 bis 14 Uhr",
            {**_hours(MON_FRI, "08:00-20:00"), "sat": "09:00-14:00"},
        ),
        (
            "Mo–Fr 8–20 Uhr, Sa/So 10–16 Uhr",
            {**_hours(MON_FRI, "08:00-20:00"), "sat": "10:00-16:00", "sun": "10:00-16:00"},
        ),
        (
            "En semaine de 9h à 19h, le samedi de 10h à 17h",
            {**_hours(MON_FRI, "09:00-19:00"), "sat": "10:00-17:00"},
        ),
        ("Dal lunedì al venerdì dalle 9:00 alle 18:00", _hours(MON_FRI, "09:00-18:00")),
        (
            "Feriali 9-19, sabato 9-13",
            {**_hours(MON_FRI, "09:00-19:00"), "sat": "09:00-13:00"},
        ),
        ("Dias úteis das 8h às 20h", _hours(MON_FRI, "08:00-20:00")),
        ("De segunda a sexta, das 9h às 18h", _hours(MON_FRI, "09:00-18:00")),
        (
            "ימים א'-ה' 8:00-17:00, ו' 8:00-13:00",
            {**_hours(SUN_THU, "08:00-17:00"), "fri": "08:00-13:00"},
        ),
        ("בימי חול 8:00-20:00", _hours(SUN_THU, "08:00-20:00")),
        ('סופ"ש 10:00-14:00', {"fri": "10:00-14:00", "sat": "10:00-14:00"}),
    ],
)
def test_business_hours_day_groups(text: str, schedule: dict[str, str]) -> None:
    assert _schedule(text) == schedule


@pytest.mark.parametrize(
    ("text", "schedule"),
    [
        (
            "De lunes a viernes, de 9 a 14 y de 16 a 20 h",
            _hours(MON_FRI, "09:00-14:00,16:00-20:00"),
        ),
        (
            "Du lundi au vendredi de 9h à 12h et de 14h à 18h",
            _hours(MON_FRI, "09:00-12:00,14:00-18:00"),
        ),
        ("Orari: lun-ven 9-13 e 14-18", _hours(MON_FRI, "09:00-13:00,14:00-18:00")),
        (
            "Mon–Sat 9am–5pm, Sun closed",
            {**_hours(MON_SAT, "09:00-17:00"), "sun": "closed"},
        ),
        (
            "8am–8pm daily except Sundays",
            {**_hours(MON_SAT, "08:00-20:00"), "sun": "closed"},
        ),
        (
            "Daily 9am–5pm, Sundays 10am–4pm",
            {**_hours(MON_SAT, "09:00-17:00"), "sun": "10:00-16:00"},
        ),
        (
            "Lun-Vie 9:00-18:00, Sáb 10:00-14:00, Dom cerrado",
            {**_hours(MON_FRI, "09:00-18:00"), "sat": "10:00-14:00", "sun": "closed"},
        ),
        (
            "Sa./So. geschlossen, Mo.–Fr. 8.00–20.00 Uhr",
            {**_hours(MON_FRI, "08:00-20:00"), "sat": "closed", "sun": "closed"},
        ),
        (
            "שעות פעילות: א'-ה' 9:00-18:00, ו' 9:00-13:00, שבת סגור",
            {**_hours(SUN_THU, "09:00-18:00"), "fri": "09:00-13:00", "sat": "closed"},
        ),
    ],
)
def test_business_hours_shifts_and_closed_days(text: str, schedule: dict[str, str]) -> None:
    assert _schedule(text) == schedule


@pytest.mark.parametrize(
    ("text", "schedule"),
    [
        # "Di" and "Do" are days here, though Italian "di" links words and "do" is
        # Portuguese for "of the".
        ("Di 9-18 Uhr", {"tue": "09:00-18:00"}),
        (
            "Mo–Mi 8–18, Do 8–20, Fr 8–16",
            {
                **_hours(("mon", "tue", "wed"), "08:00-18:00"),
                "thu": "08:00-20:00",
                "fri": "08:00-16:00",
            },
        ),
        ("Todos os dias do meio-dia à meia-noite", _hours(WEEK, "12:00-24:00")),
    ],
)
def test_business_hours_short_day_names(text: str, schedule: dict[str, str]) -> None:
    assert _schedule(text) == schedule


@pytest.mark.parametrize(
    ("text", "schedule"),
    [
        ("We're open seven days a week", _hours(WEEK, OPEN)),
        ("Lines are open Monday to Friday", _hours(MON_FRI, OPEN)),
        ("We're here for you weekdays", _hours(MON_FRI, OPEN)),
        ("Atención telefónica todos los días", _hours(WEEK, OPEN)),
        ("Wir sind werktags erreichbar.", _hours(MON_SAT, OPEN)),
        ("Par téléphone : 01 84 60 12 34, du lundi au vendredi.", _hours(MON_FRI, OPEN)),
        ("Nous sommes ouverts 7j/7", _hours(WEEK, OPEN)),
        ("Siamo aperti dal lunedì al sabato", _hours(MON_SAT, OPEN)),
        ("Atendimento de segunda a sexta", _hours(MON_FRI, OPEN)),
        ("המוקד זמין כל ימות השבוע", _hours(WEEK, OPEN)),
        # Seven days a week is not round the clock; 24h/24 and 7j/7 together are.
        ("24h/24 et 7j/7", {"always": "24/7"}),
        ("24 hours a day, 7 days a week", {"always": "24/7"}),
    ],
)
def test_business_hours_days_without_times(text: str, schedule: dict[str, str]) -> None:
    assert _schedule(text) == schedule


@pytest.mark.parametrize(
    "text",
    [
        "Returns within 7 days",
        "Daily deals on electronics",
        "Daily deals from 9-5",
        "Open a ticket any day",
        "Prendas cómodas para todos los días.",
        "Your bill shows the unit rate and the daily standing charge for each fuel.",
        "Ofertas de lunes a viernes",
        "Täglich neue Angebote",
        "Des promos tous les jours",
        "Offerte speciali tutti i giorni",
        "Promoções todos os dias",
        "מבצעים חדשים כל יום",
        # periods
        "Respondemos em até 3 dias úteis.",
        "Atendimento em 2-3 dias úteis",
        "Entrega en 2-3 días laborables",
        "Versand innerhalb von 2-3 Werktagen",
        "משלוח תוך 3-5 ימי עסקים",
        "Order 24-48 hours in advance Mon-Fri",
        # prices and percentages
        "Prices from £9-£19 Mon-Fri",
        "Weekend deals: 20-50% off",
        "Save 10-20% every day",
        "Tarifa 9,99-19,99 € de lunes a viernes",
        # dates
        "Sale ends Monday 12-14 March",
        "Del 1 al 15 de marzo, todos los días",
        "Monday 12/05/2025",
        "Friday 12.05.2024",
        "2024-2025 season, Sundays",
        # day abbreviations that are words
        "So erreichen Sie uns: Telefon 089 123456",
        "Vista al mar, abierto de 9 a 18",
        "Mon compte 9-18",
    ],
)
def test_no_business_hours(text: str) -> None:
    assert business_hours(text) == []


def test_business_hours_snippet_is_the_schedule() -> None:
    (found,) = business_hours("Questions? Call us, 8am-8pm, Monday to Friday. Thanks!")
    assert "8am-8pm, monday to friday" in found.value


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("You can refer it to the Financial Ombudsman Service.", "financial ombudsman service"),
        ("Puede acudir a la Junta Arbitral de Consumo.", "junta arbitral de consumo"),
        ("ניתן לפנות לנציב תלונות הציבור", "נציב תלונות הציבור"),
        ("Sie können die Schlichtungsstelle Energie anrufen.", "schlichtungsstelle energie"),
        ("Vous pouvez saisir le médiateur de la consommation.", "mediateur de la consommation"),
        ("Pode recorrer ao Provedor do Cliente.", "provedor do cliente"),
        ("Puoi rivolgerti all'Arbitro Bancario Finanziario.", "arbitro bancario finanziario"),
        ("Se não resolvermos, procure o Procon.", "procon"),
    ],
)
def test_escalation_bodies(text: str, body: str) -> None:
    found = escalation_bodies(text)
    assert found
    assert body in found[0].value


@pytest.mark.parametrize(
    "text",
    [
        "Wir sind nicht bereit und nicht verpflichtet, an Streitbeilegungsverfahren vor einer "
        "Verbraucherschlichtungsstelle teilzunehmen.",
        "We do not participate in ADR proceedings before a consumer ombudsman.",
        "No participamos en procedimientos de arbitraje de consumo.",
        "Nous n'adhérons à aucun médiateur de la consommation.",
    ],
)
def test_refusal_is_not_escalation(text: str) -> None:
    assert cue("adr_refusal", text, "adr_refusal") is not None
    assert escalation_bodies(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "How to make a complaint",
        "Hojas de reclamaciones a disposición del cliente",
        "Unser Beschwerdemanagement",
        "Déposer une réclamation",
        "הגשת תלונה",
        "Livro de Reclamações Eletrónico",
        "Gestione reclami",
    ],
)
def test_complaint_procedure(text: str) -> None:
    assert cue("complaint_procedure", text, "complaint_procedure") is not None


@pytest.mark.parametrize(
    "text",
    [
        "Please check our FAQ before contacting us.",
        "Consulta nuestras preguntas frecuentes antes de contactar.",
        "Bevor Sie uns kontaktieren, lesen Sie die FAQ.",
        "Avant de nous contacter, consultez l'aide.",
    ],
)
def test_deflection(text: str) -> None:
    assert cue("deflection", text, "deflection") is not None


def test_odr_links() -> None:
    assert is_odr_link("https://ec.europa.eu/consumers/odr/main/?event=main.home2.show")
    assert is_odr_link("https://webgate.ec.europa.eu/odr/")
    assert not is_odr_link("https://example.com/order")
    assert not is_odr_link(None)


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("Our phone lines are open 8am to 8pm.", "08:00-20:00"),
        ("Wir sind von 8 bis 20 Uhr für Sie da.", "08:00-20:00"),
        ("Service client joignable de 9h à 18h.", "09:00-18:00"),
        ("Atención al cliente de 9:00 a 21:00 h.", "09:00-21:00"),
        ("Servizio clienti attivo dalle 9:00 alle 18:00.", "09:00-18:00"),
        ("Atendimento das 9h às 18h.", "09:00-18:00"),
        ("מוקד שירות הלקוחות זמין בין 08:00 ל-20:00", "08:00-20:00"),
        ("Call 020 7946 0555, 9am to 5pm", "09:00-17:00"),
        ("Llame al 910 555 000 de 9:00 a 18:00 h", "09:00-18:00"),
    ],
)
def test_business_hours_without_days(text: str, hours: str) -> None:
    """The hour to call is known though the days are not said: no "no hours" failure."""
    assert _schedule(text) == {DAYS_UNSAID: hours}


@pytest.mark.parametrize(
    "text",
    [
        "Delivery between 8am and 8pm",
        "Order by 8pm for next-day delivery",
        "The event runs 7pm-11pm",
        "Call 0800 123 4567, 9-5",
        "Vista al mar, abierto de 9 a 18",
    ],
)
def test_no_business_hours_without_days(text: str) -> None:
    assert business_hours(text) == []


@pytest.mark.parametrize(
    ("text", "heading", "place"),
    [
        ("Our stores are open Monday to Saturday 9am-8pm, Sunday 11am-5pm.", "", "stores"),
        ("Mon-Sat 9:00-20:00, Sun 11:00-17:00", "Store opening hours", "store"),
        ("Unsere Filialen sind Mo-Fr von 9 bis 18 Uhr geöffnet.", "", "filialen"),
        ("Nos magasins sont ouverts du lundi au samedi de 10h à 19h.", "", "magasins"),
        ("Nuestras tiendas abren de lunes a sábado de 10:00 a 21:00.", "", "tiendas"),
        ("I nostri negozi sono aperti dal lunedì al sabato dalle 9 alle 19.", "", "negozi"),
        ("As nossas lojas estão abertas de segunda a sábado das 10h às 22h.", "", "lojas"),
        ("הסניפים פתוחים בימים א'-ה' בין השעות 08:30-13:00", "", "הסניפים"),
    ],
)
def test_business_hours_of_premises(text: str, heading: str, place: str) -> None:
    """A store's or branch's hours say nothing of when the line is staffed."""
    found = business_hours(text, heading)
    assert len(found) == 1, found
    assert found[0].data.get(PREMISES) == place


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("Our stores and phone lines are open Monday to Saturday 9am-8pm.", ""),
        ("Mon-Fri 8am-8pm", "Customer service"),
        ("Kundenservice: Mo-Fr 8-20 Uhr, auch in unseren Filialen.", ""),
        ("Nos conseillers vous répondent du lundi au vendredi de 9h à 18h.", "Nos magasins"),
        ("Lines are open 8am to 8pm, seven days a week.", ""),
    ],
)
def test_business_hours_of_the_service(text: str, heading: str) -> None:
    """Hours that name the line, chat or team are the service's, stores or not."""
    found = business_hours(text, heading)
    assert len(found) == 1, found
    assert PREMISES not in found[0].data
