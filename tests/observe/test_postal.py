"""Postal addresses from JSON-LD and legal-notice text."""

from __future__ import annotations

import json

import pytest

from auditor.observe.postal import find_addresses, jsonld_contacts


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("MovilPlus S.L., Calle de Alcalá 123, 28009 Madrid", "Calle de Alcalá 123, 28009 Madrid"),
        ("Beispiel GmbH, Musterstraße 12, 10115 Berlin", "Musterstraße 12, 10115 Berlin"),
        ("Siège : 12 rue de la Paix, 75002 Paris", "12 rue de la Paix, 75002 Paris"),
        ("Via Roma 10, 20121 Milano", "Via Roma 10, 20121 Milano"),
        ("Rua Augusta 100, 1100-053 Lisboa", "Rua Augusta 100, 1100-053 Lisboa"),
        ("Brand Ltd, 10 Downing Street, London SW1A 2AA", "10 Downing Street, London SW1A 2AA"),
        ("רחוב הרצל 10, תל אביב 6100000", "רחוב הרצל 10, תל אביב 6100000"),
        # North America and Australia: street or box, city, region, postcode.
        (
            "Write to us: Acme Corp, 123 Main Street, Suite 400, Austin, TX 78701. We answer.",
            "123 Main Street, Suite 400, Austin, TX 78701",
        ),
        (
            "Customer Relations, P.O. Box 66100, Chicago, IL 60666-0100",
            "P.O. Box 66100, Chicago, IL 60666-0100",
        ),
        ("350 Fifth Avenue, New York, NY 10118", "350 Fifth Avenue, New York, NY 10118"),
        (
            "Toronto office: 100 King Street West, Toronto, ON M5X 1A9",
            "100 King Street West, Toronto, ON M5X 1A9",
        ),
        (
            "Service client, 1000, rue Sherbrooke Ouest, Montréal (Québec) H3A 3G4",
            "1000, rue Sherbrooke Ouest, Montréal (Québec) H3A 3G4",
        ),
        ("Complaints, Locked Bag 5000, Sydney NSW 2000", "Locked Bag 5000, Sydney NSW 2000"),
        ("GPO Box 1234, Melbourne VIC 3001", "GPO Box 1234, Melbourne VIC 3001"),
        (
            "Level 12, 1 Martin Place, Sydney NSW 2000, Australia",
            "Level 12, 1 Martin Place, Sydney NSW 2000",
        ),
    ],
)
def test_address_blocks(text: str, address: str) -> None:
    assert find_addresses(text) == [address]


@pytest.mark.parametrize(
    "text",
    [
        "Open Monday to Friday, 9 to 5",
        "Pedido 12345 enviado a 28009",
        "Fibra 600 Mb",
        # Region codes and postcode-like numbers in prose are not addresses.
        "In 2023 we served 78701 customers in TX and 2000 in NSW.",
        "Call 1-800-555-0100 between 9 and 5. Plans from $2000 in CA 90210 style.",
        "Our stores in New York 10001 and elsewhere",
        "Order NY 10118X shipped; WA 6000% growth; NSW 2000.5 points",
    ],
)
def test_no_address(text: str) -> None:
    assert find_addresses(text) == []


def test_jsonld_contacts() -> None:
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Calle Mayor 1",
            "postalCode": "28013",
            "addressLocality": "Madrid",
            "addressCountry": "ES",
        },
        "contactPoint": [
            {"@type": "ContactPoint", "telephone": "+34 900 123 456", "email": "Ayuda@Marca.es"}
        ],
    }
    found = jsonld_contacts([json.dumps(data), "{not json"])
    assert found.addresses == ["Calle Mayor 1, 28013 Madrid, ES"]
    assert found.phones == ["+34 900 123 456"]
    assert found.emails == ["ayuda@marca.es"]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        (
            "Tell us by phone on 0800 048 1234, by email to or in writing to Brightwatt "
            "Complaints, 4 Canal Wharf, Leeds LS11 5PS.",
            "4 Canal Wharf, Leeds LS11 5PS",
        ),
        (
            "Call 0161 496 0000, or write to us at 10 Downing Street, London SW1A 2AA",
            "10 Downing Street, London SW1A 2AA",
        ),
    ],
)
def test_an_address_after_a_phone_number_in_one_sentence_starts_at_the_street(
    text: str, address: str
) -> None:
    """The sentence's phone number and prose are not lines of the address after them."""
    assert find_addresses(text) == [address]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        (
            "Écrivez à La Médiation de l'Assurance, TSA 50110, 75441 Paris Cedex 09.",
            "TSA 50110, 75441 Paris Cedex 09",
        ),
        (
            "Schreiben Sie an: Versicherungsombudsmann e.V., Postfach 08 06 32, 10006 Berlin",
            "Postfach 08 06 32, 10006 Berlin",
        ),
        ("Apartado de Correos 1234, 28080 Madrid", "Apartado de Correos 1234, 28080 Madrid"),
        ("Casella Postale 123, 20100 Milano.", "Casella Postale 123, 20100 Milano"),
        ("Apartado 1234, 1000-001 Lisboa", "Apartado 1234, 1000-001 Lisboa"),
        ('הפיקוח על הבנקים, ת"ד 780, ירושלים 9100701', 'ת"ד 780, ירושלים 9100701'),
    ],
)
def test_a_postal_box_without_a_street(text: str, address: str) -> None:
    """Ombudsmen and regulators often give only a box, a postcode and a town."""
    assert find_addresses(text) == [address]


@pytest.mark.parametrize(
    "text",
    ["Our BP 12 results were up 12345 percent", "See section CS 30001 for details"],
)
def test_box_words_in_prose_are_no_address(text: str) -> None:
    assert find_addresses(text) == []
