"""The complaint procedure and the escalation route, read in context.

A complaint procedure tells the customer how to complain to this business (where, how,
what happens next).  A signpost, the GDPR right to complain to a data-protection
authority, a police complaint, a passing mention in the terms and a claims service
that sells "reclamaciones" are not one.  An escalation is a named route beyond
first-line support, in every jurisdiction the profiles cover; a data-protection
authority and a regulatory-status line are not.
"""

from __future__ import annotations

import pytest

from auditor.models import PageFacts
from auditor.observe.facts import observe_page
from auditor.observe.signals import escalation_bodies

from ._states import block, state


def _facts(url: str, *blocks: tuple[str, str], title: str = "") -> PageFacts:
    text_blocks = [
        block(text, i, selector=f"main > {tag}#b{i}", region="main")
        for i, (tag, text) in enumerate(blocks)
    ]
    return observe_page(state(url, title=title, text_blocks=text_blocks), region=None)


def _procedure(facts: PageFacts) -> bool:
    return any(s.kind == "complaint_procedure" for s in facts.signals)


def test_a_section_that_explains_how_to_complain_is_the_procedure() -> None:
    facts = _facts(
        "https://www.brand.co.uk/help",
        ("h2", "How to make a complaint"),
        ("p", "Email complaints@brand.co.uk. We acknowledge within 2 working days and send "
              "our final response within 8 weeks."),
    )  # fmt: skip
    assert _procedure(facts)


def test_a_signpost_is_not_the_procedure() -> None:
    facts = _facts(
        "https://www.brand.co.uk/help",
        ("h2", "Want to complain?"),
        ("p", "See our complaints page for how to make a complaint."),
    )
    assert not _procedure(facts)


def test_the_gdpr_right_to_complain_to_the_authority_is_not_the_procedure() -> None:
    facts = _facts(
        "https://www.brand.co.uk/privacy",
        ("h2", "Your rights"),
        ("p", "You have the right to lodge a complaint with a supervisory authority, the "
              "Information Commissioner's Office, which will respond within 30 days."),
        title="Privacy notice",
    )  # fmt: skip
    assert not _procedure(facts)
    assert not [s for s in facts.signals if s.kind == "escalation_body"]


def test_a_police_complaint_is_not_the_procedure() -> None:
    facts = _facts(
        "https://www.marque.fr/securite",
        ("h2", "Fraude"),
        ("p", "En cas de fraude, déposez plainte au commissariat dans les 48 heures."),
    )
    assert not _procedure(facts)


def test_a_passing_mention_in_the_terms_is_not_the_procedure() -> None:
    facts = _facts(
        "https://www.brand.co.uk/terms",
        ("p", "12. Liability. We are not liable for delays; if you make a complaint within "
              "28 days we will investigate it."),
        title="Terms and conditions",
    )  # fmt: skip
    assert not _procedure(facts)


def test_a_claims_service_called_reclamaciones_is_not_the_procedure() -> None:
    facts = _facts(
        "https://www.vuelos.es/reclamaciones",
        ("h1", "Reclamaciones de vuelos"),
        ("p", "Te ayudamos a reclamar tu indemnización por retraso. Solo cobramos si "
              "ganamos: 25 % de la compensación. Respuesta en 24 horas."),
        title="Reclamaciones de vuelos",
    )  # fmt: skip
    assert not _procedure(facts)


def test_a_complaints_page_with_only_a_title_is_not_the_procedure() -> None:
    facts = _facts(
        "https://www.brand.co.uk/complaints",
        ("h1", "Complaints"),
        ("p", "Read our latest news."),
        title="Complaints",
    )
    assert facts.kind == "complaint"
    assert not _procedure(facts)


def test_a_complaints_page_that_explains_is_the_procedure() -> None:
    facts = _facts(
        "https://www.marca.es/reclamaciones",
        ("h1", "Reclamaciones"),
        ("p", "Puedes presentar tu reclamación por escrito; te responderemos en un plazo "
              "máximo de 15 días hábiles."),
        title="Reclamaciones",
    )  # fmt: skip
    assert _procedure(facts)


ESCALATIONS = [
    ("US", "You may also file a complaint with the Better Business Bureau."),
    ("US", "Contact your state Attorney General's consumer protection office."),
    ("US", "You can submit a complaint to the Consumer Financial Protection Bureau."),
    ("US", "File an informal complaint with the FCC."),
    ("UK", "You can refer your complaint to the Financial Ombudsman Service."),
    ("UK", "Contact the Energy Ombudsman if we cannot resolve it."),
    ("IE", "You may refer it to the Financial Services and Pensions Ombudsman."),
    ("IE", "If you remain unhappy, contact ComReg."),
    (
        "CA",
        "You can escalate to the Commission for Complaints for Telecom-television Services (CCTS).",
    ),
    ("CA", "Contact the Ombudsman for Banking Services and Investments (OBSI)."),
    ("AU", "You can contact the Australian Financial Complaints Authority (AFCA)."),
    ("AU", "Contact the Telecommunications Industry Ombudsman."),
    ("IL", "ניתן לפנות לנציב תלונות הציבור."),
    ("IL", "ניתן לפנות לפיקוח על הבנקים."),
    ("ES", "Puede acudir a la Junta Arbitral de Consumo."),
    ("ES", "Puede reclamar ante la Agencia Estatal de Seguridad Aérea (AESA)."),
    ("DE", "Sie können die Schlichtungsstelle Energie anrufen."),
    ("FR", "Vous pouvez saisir le médiateur de la consommation."),
    ("IT", "Può rivolgersi all'Arbitro Bancario Finanziario."),
    ("PT", "Pode recorrer a um centro de arbitragem de conflitos de consumo."),
    ("UK", "Ask for your complaint to be reviewed by our Complaints Manager."),
]


@pytest.mark.parametrize(("where", "sentence"), ESCALATIONS)
def test_escalation_bodies_in_every_jurisdiction(where: str, sentence: str) -> None:
    assert escalation_bodies(sentence), f"{where}: {sentence}"


NOT_ESCALATIONS = [
    "You can lodge a complaint with the supervisory authority.",
    "Sie haben das Recht, sich bei einer Aufsichtsbehörde zu beschweren.",
    "Vous pouvez introduire une réclamation auprès de la CNIL.",
    "Puede presentar una reclamación ante la Agencia Española de Protección de Datos.",
    "Authorised and regulated by the Financial Conduct Authority (FRN 123456).",
    "Zuständige Aufsichtsbehörde: BaFin, Graurheindorfer Str. 108, Bonn.",
    "Report fraud to the police.",
]


@pytest.mark.parametrize("sentence", NOT_ESCALATIONS)
def test_data_protection_police_and_regulatory_status_are_not_escalations(sentence: str) -> None:
    assert not escalation_bodies(sentence), sentence
