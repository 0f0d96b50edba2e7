"""Signals: response times, business hours, complaint / escalation cues, refusals, ODR."""

from __future__ import annotations

import pytest

from auditor.observe.signals import (
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
