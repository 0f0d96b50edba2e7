"""Lexicon: intents, support scores and the controls the walk may or may not press."""

from __future__ import annotations

import time

import pytest

from auditor.observe import lexicon as lx


@pytest.mark.parametrize(
    ("label", "href", "intent"),
    [
        ("Contact us", None, "contact"),
        ("Customer Service", None, "contact"),
        ("Complaints procedure", None, "complaint"),
        ("Financial Ombudsman Service", None, "escalation"),
        ("Cancel subscription", None, "cancel"),
        ("Atención al cliente", None, "contact"),
        ("Hoja de reclamaciones", None, "complaint"),
        ("Junta Arbitral de Consumo", None, "escalation"),
        ("Darse de baja", None, "cancel"),
        ("Aviso legal", None, "legal"),
        ("צרו קשר", None, "contact"),
        ("לשירות הלקוחות", None, "contact"),
        ("ובתלונות", None, "complaint"),
        ("נציב תלונות הציבור", None, "escalation"),
        ("ביטול עסקה", None, "cancel"),
        ("Kontaktformular", None, "contact"),
        ("Kundenbeschwerde", None, "complaint"),
        ("Verbraucherschlichtung", None, "escalation"),
        ("Verträge hier kündigen", None, "cancel"),
        ("Impressum", None, "legal"),
        ("Contactez-nous", None, "contact"),
        ("Centre d’aide", None, "help"),
        ("Déposer une réclamation", None, "complaint"),
        ("Médiateur de la consommation", None, "escalation"),
        ("Mentions légales", None, "legal"),
        ("Résilier mon contrat", None, "cancel"),
        ("Fale conosco", None, "contact"),
        ("Livro de Reclamações", None, "complaint"),
        ("Ouvidoria", None, "escalation"),
        ("Cancelar assinatura", None, "cancel"),
        ("Contattaci", None, "contact"),
        ("Presentare un reclamo", None, "complaint"),
        ("Arbitro Bancario Finanziario", None, "escalation"),
        ("Disdetta", None, "cancel"),
        ("Note legali", None, "legal"),
        ("Click here", "/es/atencion-al-cliente/", "contact"),
        ("More", "https://example.fr/aide/centre-d-aide", "help"),
        ("Sign in", None, "login"),
        ("Mi cuenta", None, "account"),
    ],
)
def test_intents_by_language(label: str, href: str | None, intent: str) -> None:
    assert intent in lx.intents(label, href)


@pytest.mark.parametrize(
    "label",
    ["Products", "About", "Sac à dos", "Quiénes somos", "Über uns", "Nos produits", "מוצרים"],
)
def test_unrelated_labels_score_zero(label: str) -> None:
    assert lx.support_score(label, "/shop/items") == 0.0
    assert lx.intents(label) == set()


def test_weights_rise_from_contact_to_cancellation() -> None:
    legal = lx.support_score("Impressum")
    contact = lx.support_score("Contact us")
    complaint = lx.support_score("Reclamaciones")
    escalation = lx.support_score("Ombudsman")
    cancel = lx.support_score("Kündigung")
    assert 0 < legal < contact < complaint < escalation < cancel


def test_url_only_intent_counts_less_than_label() -> None:
    assert 0 < lx.support_score("Click here", "/contact") < lx.support_score("Contact")


def test_support_score_is_fast_for_thousands_of_links() -> None:
    labels = [f"Item {i} in our summer collection" for i in range(3000)]
    lx.support_score("warm up the compiled lexicon", "/x")
    start = time.perf_counter()
    for label in labels:
        lx.support_score(label, f"/shop/{label[-10:]}")
    assert time.perf_counter() - start < 2.0


@pytest.mark.parametrize(
    "label",
    [
        "Submit",
        "Send",
        "Pay now",
        "Buy now",
        "Place order",
        "Delete account",
        "Log in",
        "Sign in",
        "Subscribe",
        "Confirm cancellation",
        "Cancel now",
        "Enviar",
        "Pagar",
        "Iniciar sesión",
        "Eliminar",
        "Darse de baja ahora",
        "Envoyer",
        "Payer",
        "Se connecter",
        "Résilier maintenant",
        "שלח",
        "שליחה",
        "התחבר",
        "מחק",
        "Senden",
        "Bezahlen",
        "Anmelden",
        "Löschen",
        "Jetzt kündigen",
        "Zahlungspflichtig bestellen",
        "Enviar mensagem",
        "Iniciar sessão",
        "Invia",
        "Accedi",
        "Conferma disdetta",
    ],
)
def test_acting_controls_are_refused(label: str) -> None:
    assert lx.is_acting_control(label)


@pytest.mark.parametrize(
    "label",
    [
        "Menu",
        "Verträge hier kündigen",
        "Cancel subscription",
        "Order tracking",
        "Contact us",
        "Still need help?",
        "Atención al cliente",
        "צור קשר",
        "Mehr anzeigen",
    ],
)
def test_non_acting_controls_are_allowed(label: str) -> None:
    assert not lx.is_acting_control(label)


@pytest.mark.parametrize(
    "label",
    [
        "Menu",
        "More options",
        "Still need help?",
        "Show more",
        "Need more help?",
        "¿Necesitas más ayuda?",
        "Mehr",
        "Plus d'options",
        "עוד",
        "Mais opções",
        "Altre opzioni",
    ],
)
def test_disclosure_labels(label: str) -> None:
    assert lx.is_disclosure_label(label)


@pytest.mark.parametrize("label", ["Contact us", "Products", "Menuiserie", "Submit"])
def test_not_disclosure_labels(label: str) -> None:
    assert not lx.is_disclosure_label(label)


@pytest.mark.parametrize(
    "text",
    [
        "Was this article helpful?",
        "¿Te ha sido útil?",
        "War dieser Artikel hilfreich?",
        "Cet article vous a-t-il été utile ?",
        "האם המאמר עזר לך?",
        "Este artigo foi útil?",
        "Questo articolo ti è stato utile?",
    ],
)
def test_helpful_prompts(text: str) -> None:
    assert lx.is_helpful_prompt(text)


def test_not_helpful_prompt() -> None:
    assert not lx.is_helpful_prompt("Our helpful staff will call you back")


@pytest.mark.parametrize(
    "label", ["No", "Nein", "Non", "לא", "Não", "No, I need help", "👎", "No 👎"]
)
def test_negative_answers(label: str) -> None:
    assert lx.is_negative_answer(label)


@pytest.mark.parametrize("label", ["Yes", "Not now", "Notify me", "לאומי", "Nonna", "Noticias"])
def test_not_negative_answers(label: str) -> None:
    assert not lx.is_negative_answer(label)


@pytest.mark.parametrize(
    "label",
    [
        "Accept all cookies",
        "Accept",
        "Aceptar",
        "Aceptar todas",
        "Alle akzeptieren",
        "Tout accepter",
        "אישור",
        "Aceitar todos",
        "Accetta tutti",
    ],
)
def test_consent_accept(label: str) -> None:
    assert lx.is_consent_accept(label)


@pytest.mark.parametrize(
    "label", ["Reject all", "Cookie settings", "Rechazar", "Alle ablehnen", "Tout refuser"]
)
def test_consent_not_accept(label: str) -> None:
    assert not lx.is_consent_accept(label)
