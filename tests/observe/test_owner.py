"""Whose channel is it: one test per owner role, in several languages, plus the brand.

Each case is a page as a customer reads it (heading, sentence, number); the observer
must give the organisation the text names, never the brand by default.
"""

from __future__ import annotations

import pytest

from auditor.models import ChannelSighting
from auditor.observe.facts import observe_page
from auditor.observe.owner import attribute

from ._states import block, link, state


def _sightings(url: str, *blocks: tuple[str, str], **kw: object) -> list[ChannelSighting]:
    """Channels of a page whose blocks are (selector tag, text) in order."""
    text_blocks = [
        block(text, i, selector=f"main > {tag}#b{i}", region="main")
        for i, (tag, text) in enumerate(blocks)
    ]
    region = "US" if ".com/" in url else None
    return observe_page(state(url, text_blocks=text_blocks, **kw), region=region).channels


def _owner_of(sightings: list[ChannelSighting], value: str) -> ChannelSighting:
    return next(s for s in sightings if s.value == value)


THIRD_PARTY = [
    # (page url, blocks, value, role)
    (
        "https://www.brand.co.uk/complaints",
        [
            ("h2", "Still unhappy?"),
            ("p", "You can contact the Financial Ombudsman Service on 0800 023 4567."),
        ],
        "+448000234567",
        "ombudsman_adr",
    ),
    (
        "https://www.brand.co.uk/wellbeing",
        [("p", "If you are struggling, Samaritans are there day or night: call 0330 094 5717.")],
        "+443300945717",
        "helpline",
    ),
    (
        "https://www.brand.co.uk/breakdown",
        [("p", "Breakdown cover is provided by RoadAid Ltd. To claim, call 0800 145 6789.")],
        "+448001456789",
        "partner",
    ),
    (
        "https://www.brand.co.uk/about",
        [("h2", "Careers"), ("p", "Call our recruitment team on 0161 496 0000.")],
        "+441614960000",
        "recruitment",
    ),
    (
        "https://www.brand.co.uk/privacy",
        [("p", "You can complain to the Information Commissioner's Office on 0303 123 1113.")],
        "+443031231113",
        "data_protection",
    ),
    (
        "https://www.brand.co.uk/security",
        [("p", "Report fraud to Action Fraud on 0300 123 2040.")],
        "+443001232040",
        "police",
    ),
    (
        "https://www.brand.com/legal",
        [("p", "Contact the Federal Communications Commission at 1-888-225-5322.")],
        "+18882255322",
        "regulator",
    ),
    (
        "https://www.marca.es/privacidad",
        [
            (
                "p",
                "Puede reclamar ante la Agencia Española de Protección de Datos, "
                "teléfono 912 663 517.",
            )
        ],
        "+34912663517",
        "data_protection",
    ),
    (
        "https://www.marca.es/empleo",
        [("h2", "Trabaja con nosotros"), ("p", "Envía tu candidatura o llama al 913 456 789.")],
        "+34913456789",
        "recruitment",
    ),
    (
        "https://www.marke.de/datenschutz",
        [
            (
                "p",
                "Sie können sich bei der Landesbeauftragten für Datenschutz beschweren: "
                "Tel. 0211 384240.",
            )
        ],
        "+49211384240",
        "data_protection",
    ),
    (
        "https://www.marque.fr/assurance",
        [("p", "Notre partenaire assureur AssurPlus est joignable au 01 45 67 89 10.")],
        "+33145678910",
        "partner",
    ),
    (
        "https://www.marque.fr/reclamations",
        [("h2", "Médiation"), ("p", "Le médiateur de la consommation CM2C : 01 89 47 00 14.")],
        "+33189470014",
        "ombudsman_adr",
    ),
]


@pytest.mark.parametrize(("url", "blocks", "value", "role"), THIRD_PARTY)
def test_third_party_roles(url: str, blocks: list[tuple[str, str]], value: str, role: str) -> None:
    found = _owner_of(_sightings(url, *blocks), value)
    assert found.owner == "third_party", found.owner_why
    assert found.owner_role == role, found.owner_why
    assert found.owner_name


BRAND = [
    (
        "https://www.brand.co.uk/contact",
        [("p", "Call us on 0800 123 4567, 8am to 8pm.")],
        "+448001234567",
    ),
    ("https://www.brand.co.uk/contact", [("h2", "Phone"), ("p", "0800 123 4567")], "+448001234567"),
    (
        "https://www.brand.co.uk/complaints",
        [
            ("p", "Email our complaints team at complaints@brand.co.uk."),
            (
                "p",
                "If you are not satisfied you can refer your complaint to the Financial "
                "Ombudsman Service.",
            ),
        ],
        "complaints@brand.co.uk",
    ),
    (
        "https://www.marca.es/contacto",
        [("p", "Llámanos al 900 123 456 de lunes a viernes.")],
        "+34900123456",
    ),
    (
        "https://www.brand.co.uk/complaints",
        [("p", "Our customer service team: 0800 123 4567. Not happy? The Ombudsman can help.")],
        "+448001234567",
    ),
]


@pytest.mark.parametrize(("url", "blocks", "value"), BRAND)
def test_brand_channels(url: str, blocks: list[tuple[str, str]], value: str) -> None:
    found = _owner_of(_sightings(url, *blocks), value)
    assert found.owner == "brand", found.owner_why


def test_a_bare_number_on_an_article_page_is_unknown_not_the_brands() -> None:
    found = _owner_of(
        _sightings("https://www.brand.co.uk/blog/winter-tips", ("p", "Number: 0161 496 0123")),
        "+441614960123",
    )
    assert found.owner == "unknown"


def test_a_tel_link_reads_the_sentence_around_it() -> None:
    page = state(
        "https://www.brand.co.uk/wellbeing",
        text_blocks=[
            block("Talk to the Samaritans on", 0, selector="main > p#b0", region="main"),
            block("0330 094 5717", 1, id="te7", selector="main > p > a#e7", region="main"),
        ],
        elements=[link("0330 094 5717", "tel:03300945717", 7, region="main")],
    )
    tel = [s for s in observe_page(page, region="GB").channels if s.element_id == "e7"]
    assert tel and all(s.owner == "third_party" for s in tel)


def test_eu_harmonised_116_numbers_are_helplines() -> None:
    assert attribute(kind="phone", value="+44116123").role == "helpline"


def test_email_on_the_sites_own_domain_is_the_brands() -> None:
    got = attribute(kind="email", value="help@brand.co.uk", page_host="www.brand.co.uk")
    assert got.owner == "brand"
    gov = attribute(kind="email", value="info@consumo.gob.es", page_host="www.marca.es")
    assert gov.owner == "third_party"


def test_json_ld_only_numbers_are_metadata() -> None:
    page = state(
        "https://www.brand.co.uk/",
        jsonld=['{"@type": "Organization", "telephone": "+44 20 7946 0000"}'],
    )
    phone = next(s for s in observe_page(page).channels if s.kind == "phone")
    assert phone.source == "metadata" and phone.visible is False


@pytest.mark.parametrize(
    ("email", "brand"),
    [
        ("care@hartleyandfinch.example", "Hartley & Finch"),
        ("care@hartley-finch.example", "Hartley & Finch"),
        ("service@mullerundsohn.example", "Müller & Sohn"),
        ("contact@duboisetfils.example", "Dubois & Fils"),
        ("hola@garciayhermanos.example", "García y Hermanos"),
    ],
)
def test_an_ampersand_brand_owns_its_spelt_out_domain(email: str, brand: str) -> None:
    """ "&" is written "and", "und", "et", "y" or nothing in a domain: still the brand's,
    when the site's own domain says nothing (the e-mail is on another domain)."""
    got = attribute(kind="email", value=email, page_host="127.0.0.1", brand=(brand,))
    assert got.owner == "brand", got.why


@pytest.mark.parametrize(
    ("before", "owner"),
    [
        ("Il sito è gestito da Voltera Elettronica S.r.l., ", "brand"),
        ("Il servizio di pagamento è gestito da PagaFacile S.p.A., ", "third_party"),
    ],
)
def test_an_operator_cue_naming_the_brand_is_the_brands(before: str, owner: str) -> None:
    """ "Operated by" speaks of a partner only when the operator named is someone else."""
    got = attribute(
        kind="postal",
        value="Via Giovanni Pascoli 14, 20129 Milano",
        before=before,
        brand=("Voltera Elettronica",),
    )
    assert got.owner == owner, got.why


def test_a_domain_proves_nothing_against_a_brand_named_in_another_script() -> None:
    """בנק הגליל cannot be spelt bankhagalil by comparison: the complaints page decides."""
    got = attribute(
        kind="email",
        value="pniyot@bankhagalil.example",
        page_host="127.0.0.1",
        page_kind="complaint",
        brand=("בנק הגליל",),
    )
    assert got.owner == "brand", got.why
    other = attribute(kind="email", value="info@other.example", brand=("Kestrel Insurance",))
    assert other.owner == "third_party"


@pytest.mark.parametrize(
    ("before", "value"),
    [
        ("Vendido por ElectroSur S.L. – Tel. ", "+34955123456"),
        ("Verkauft von TechStore GmbH, Telefon ", "+493012345678"),
        ("Sold by GadgetHub Ltd. Call ", "+441614960000"),
        ("Vendu par Maison Bleue SARL, tél. ", "+33142000000"),
    ],
)
def test_a_marketplace_seller_is_a_partner(before: str, value: str) -> None:
    """A marketplace's seller answers for its own orders: a partner, not the brand."""
    got = attribute(kind="phone", value=value, before=before, brand=("Mercado Sol",))
    assert (got.owner, got.role) == ("third_party", "partner"), got.why


def test_a_link_inside_a_paragraph_is_read_by_what_leads_up_to_it() -> None:
    """The paragraph's text block runs on past the link ("… or refer your complaint to
    ABTA"); whose address it is is said before it."""
    page = state(
        "https://www.heron.example/complaints.html",
        text_blocks=[
            block("Complaints", 0, selector="main > h1", region="main"),
            block(
                "Email us at or refer your complaint to ABTA's independent dispute "
                "resolution scheme.",
                1,
                selector="main > p#b1",
                region="main",
            ),
            block("complaints@heron.example", 5, id="te5", selector="main > p > a", region="main"),
        ],
        elements=[
            link(
                "complaints@heron.example",
                "mailto:complaints@heron.example",
                5,
                region="main",
                lead="Email us at",
            )
        ],
    )
    mail = [s for s in observe_page(page, region="GB").channels if s.kind == "email"]
    assert mail and all(s.owner != "third_party" for s in mail), [s.owner_why for s in mail]
