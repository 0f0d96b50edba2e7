"""Phones: tel: links, plain text in every language, cost classes, no false positives."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given
from hypothesis import strategies as st
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from auditor.observe.facts import observe_page
from auditor.observe.phones import find_phones, normalise_phone, phone_cost, phone_from_href

from ._states import link, state


@pytest.mark.parametrize(
    ("text", "region", "value", "cost"),
    [
        ("Llámanos al 902 123 456 de lunes a viernes", "ES", "+34902123456", "shared_cost"),
        ("Teléfono: 91 123 45 67", "ES", "+34911234567", "standard"),
        ("Atención al cliente 900 123 456 (gratuito)", "ES", "+34900123456", "free"),
        ("Llámanos al 905 123 456", "ES", "+34905123456", "premium"),
        ("Call us on 0845 123 4567", "GB", "+448451234567", "shared_cost"),
        ("Phone: +44 (0)20 7946 0000", "GB", "+442079460000", "standard"),
        ("Premium line 0906 123 4567", "GB", "+449061234567", "premium"),
        ("Rufen Sie uns an: 0180 6 123456", "DE", "+491806123456", "shared_cost"),
        ("Hotline 0900 1 234567 (1,99 €/Min.)", "DE", "+499001234567", "premium"),
        ("Telefon: 030 12345678", "DE", "+493012345678", "standard"),
        ("Appelez le 01 23 45 67 89", "FR", "+33123456789", "standard"),
        ("Service client : 0891 12 34 56", "FR", "+33891123456", "premium"),
        ("חייגו 03-1234567", "IL", "+97231234567", "standard"),
        ("מוקד שירות 1-700-700-123", "IL", "+9721700700123", "shared_cost"),
        ("Ligue 808 123 456", "PT", "+351808123456", "shared_cost"),
        ("Linha de apoio: 21 123 4567", "PT", "+351211234567", "standard"),
        ("Numero verde 800 123 456", "IT", "+39800123456", "free"),
        ("Chiama il 899 123456", "IT", "+39899123456", "premium"),
        ("Contact +34 912 345 678", None, "+34912345678", "standard"),
    ],
)
def test_phone_in_text(text: str, region: str | None, value: str, cost: str) -> None:
    found = find_phones(text, region)
    assert [(m.value, m.cost) for m in found] == [(value, cost)]
    assert found[0].raw in text


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Pedido nº 912345678 enviado", "ES"),
        ("Precio: 1.299,00 €", "ES"),
        ("Total 912 345,00 €", "ES"),
        ("IBAN ES91 2100 0418 4502 0005 1332", "ES"),
        ("Fecha: 15/01/2024", "ES"),
        ("28001 Madrid", "ES"),
        ("Copyright 2019-2024", "ES"),
        ("CIF B12345678, Registro Mercantil de Madrid, Tomo 12345, Folio 67", "ES"),
        ("Order number 0123 456 789", "GB"),
        ("Company number 01234567, VAT GB123456789", "GB"),
        ("USt-IdNr.: DE123456789", "DE"),
        ("HRB 123456 Amtsgericht München", "DE"),
        ("Kundennummer 0171 1234567", "DE"),
        ("Geändert am 01.02.2024", "DE"),
        ("SIRET 123 456 789 00012", "FR"),
        ("Commande 0123456789 expédiée", "FR"),
        ("מספר הזמנה 031234567", "IL"),
        ("P.IVA 01234567890", "IT"),
        ("NIF 501234567", "PT"),
        ("Our office hours are 08:00-20:00", "GB"),
        ("912345678", "ES"),
        ("Fax: 030 12345679", "DE"),
    ],
)
def test_no_false_positives(text: str, region: str) -> None:
    assert find_phones(text, region) == []


def test_fax_is_not_taken_for_the_phone() -> None:
    found = find_phones("Tel. 030 12345678, Fax 030 12345679", "DE")
    assert [m.value for m in found] == ["+493012345678"]


def test_israeli_star_number_kept_as_written() -> None:
    found = find_phones("חייגו *2707 או 03-1234567", "IL")
    assert [m.value for m in found] == ["*2707", "+97231234567"]
    assert found[0].cost == "standard"


def test_star_number_needs_israeli_context() -> None:
    assert find_phones("Terms apply *100 offers", "GB") == []


def test_bidi_marks_do_not_break_numbers() -> None:
    found = find_phones("טלפון: \u200e03-123\u200f4567\u200e", "IL")
    assert [m.value for m in found] == ["+97231234567"]


def test_duplicates_collapse() -> None:
    text = "Tel. 91 123 45 67 · Teléfono 911 234 567"
    assert [m.value for m in find_phones(text, "ES")] == ["+34911234567"]


@pytest.mark.parametrize(
    ("href", "region", "value", "cost"),
    [
        ("tel:+34902123456", None, "+34902123456", "shared_cost"),
        ("tel:900%20123%20456", "ES", "+34900123456", "free"),
        ("tel:*2707", "IL", "*2707", "standard"),
        ("TEL:+49-30-12345678", None, "+493012345678", "standard"),
        ("tel:0800-123-4567", "GB", "+448001234567", "free"),
    ],
)
def test_tel_links(href: str, region: str | None, value: str, cost: str) -> None:
    match = phone_from_href(href, region)
    assert match is not None
    assert (match.value, match.cost) == (value, cost)


def test_tel_link_without_digits_is_dropped() -> None:
    assert phone_from_href("tel:", "ES") is None
    assert phone_from_href("mailto:a@b.es", "ES") is None


def test_phone_cost_of_e164() -> None:
    assert phone_cost("+34902123456") == "shared_cost"
    assert phone_cost("+448001234567") == "free"
    assert phone_cost("not a number") == "unknown"


_REGIONS = ["ES", "GB", "DE", "FR", "IL", "PT", "IT", "US"]
_TYPES = [
    PhoneNumberType.FIXED_LINE,
    PhoneNumberType.MOBILE,
    PhoneNumberType.TOLL_FREE,
    PhoneNumberType.SHARED_COST,
    PhoneNumberType.PREMIUM_RATE,
]


def _examples() -> list[tuple[str, phonenumbers.PhoneNumber]]:
    out = []
    for region in _REGIONS:
        for kind in _TYPES:
            number = phonenumbers.example_number_for_type(region, kind)
            if number is not None:
                out.append((region, number))
    return out


@given(
    st.sampled_from(_examples()),
    st.sampled_from([PhoneNumberFormat.NATIONAL, PhoneNumberFormat.INTERNATIONAL]),
    st.sampled_from(
        ["Tel: {}", "Call us on {}.", "Teléfono {}", "טלפון {}", "Telefon: {} (Mo-Fr)"]
    ),
)
def test_e164_round_trip(
    example: tuple[str, phonenumbers.PhoneNumber], fmt: int, template: str
) -> None:
    region, number = example
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    written = phonenumbers.format_number(number, fmt)
    assert normalise_phone(written, region) == e164
    assert [m.value for m in find_phones(template.format(written), region)] == [e164]


@given(st.sampled_from(_examples()), st.sampled_from(_REGIONS))
def test_normalise_phone_is_idempotent(
    example: tuple[str, phonenumbers.PhoneNumber], region: str
) -> None:
    e164 = phonenumbers.format_number(example[1], PhoneNumberFormat.E164)
    once = normalise_phone(e164, region)
    assert once == e164
    assert normalise_phone(once, region) == once


@given(st.text(alphabet="0123456789 ./-,:€", max_size=30))
def test_bare_digit_noise_is_never_a_phone(text: str) -> None:
    for match in find_phones(text, "ES"):
        # Without a phone word, only phone-like groupings may pass.
        assert len([g for g in match.raw.replace("-", " ").split() if g]) >= 2


@pytest.mark.parametrize("region", ["CR", "US", "GB", None])
def test_two_numbers_in_one_line_with_bracketed_country_codes(region: str | None) -> None:
    found = find_phones("Tel: (506) 2221-4130 / (506) 2241-6330", region)
    assert [m.value for m in found] == ["+50622214130", "+50622416330"]


def test_a_bracketed_area_code_stays_local() -> None:
    assert [m.value for m in find_phones("Tel: (020) 7946 0000", "GB")] == ["+442079460000"]


def test_two_national_numbers_in_one_line_keep_their_cost() -> None:
    found = find_phones("Tel. 902 123 456 / 91 123 45 68", "ES")
    assert [(m.value, m.cost) for m in found] == [
        ("+34902123456", "shared_cost"),
        ("+34911234568", "standard"),
    ]


def test_a_malformed_tel_href_yields_the_number_it_means_or_none() -> None:
    trunk = phone_from_href("tel:+44 (0)20 7946 0000 ext", "GB")
    assert trunk is not None and trunk.value == "+442079460000" and trunk.valid

    # An Italian number one digit short is still a valid number: only the visible text
    # can tell, so a tel: link's text wins over its href.
    page = state(
        "https://www.negozio.it/assistenza",
        elements=[link("02 8000 4455", "tel:+39028000445", 1)],
    )
    phones = [s.value for s in observe_page(page, region="IT").channels if s.kind == "phone"]
    assert phones == ["+390280004455"]


def test_a_tel_link_prefers_the_number_its_text_shows() -> None:
    page = state(
        "https://www.brand.co.uk/",
        elements=[link("020 7946 0000", "tel:+44 (0)20 7946 0000 ext", 1, region="footer")],
    )
    phones = [s.value for s in observe_page(page, region="GB").channels if s.kind == "phone"]
    assert phones == ["+442079460000"]


def test_a_tel_link_whose_href_and_text_are_both_broken_is_no_channel() -> None:
    page = state("https://www.brand.co.uk/", elements=[link("Call us", "tel:+44 00", 1)])
    assert not [s for s in observe_page(page, region="GB").channels if s.kind == "phone"]


# North American numbers on sites whose region is a guess (a .com site in "en" reads as
# GB): written without "+", "00" or a trunk "0", in North American shape, they are NANP.
_NANP_SHAPES = [
    ("Call 800.356.9378", "800.356.9378"),
    ("Call (800) 356-9378", "(800) 356-9378"),
    ("Call 1-800-356-9378", "1-800-356-9378"),
    ("Call 1 (800) 356-9378", "1 (800) 356-9378"),
    ("Call +1 800 356 9378", "+1 800 356 9378"),
    ("Customer service: 1.800.356.9378 (toll-free)", "1.800.356.9378"),
]


@pytest.mark.parametrize("region", ["GB", None, "AU", "IL", "DE", "IE"])
@pytest.mark.parametrize(("text", "raw"), _NANP_SHAPES)
def test_north_american_shape_is_read_as_nanp(text: str, raw: str, region: str | None) -> None:
    found = find_phones(text, region)
    assert [(m.value, m.raw, m.cost) for m in found] == [("+18003569378", raw, "free")]


def test_north_american_number_with_a_local_area_code_on_a_british_guess() -> None:
    found = find_phones("Questions? Call us at (212) 736-5000, Mon-Fri.", "GB")
    assert [(m.value, m.cost) for m in found] == [("+12127365000", "standard")]
    assert phonenumbers.region_code_for_number(phonenumbers.parse(found[0].value)) == "US"


def test_canadian_number_is_read_as_canadian() -> None:
    found = find_phones("Call 1-416-555-0199 today", "GB")
    assert [m.value for m in found] == ["+14165550199"]
    assert phonenumbers.region_code_for_number(phonenumbers.parse(found[0].value)) == "CA"


@pytest.mark.parametrize(
    ("text", "region", "value", "cost"),
    [
        ("Call us on 020 7946 0000", "GB", "+442079460000", "standard"),
        ("Freephone 0800 123 4567", "GB", "+448001234567", "free"),
        ("Call us on +44 20 7946 0000", "GB", "+442079460000", "standard"),
        ("Call us on +44 207 946 0000", "GB", "+442079460000", "standard"),
        ("Call us on +44 (0) 207 946 0000", "GB", "+442079460000", "standard"),
        ("Call us on +44 207 946 0000", None, "+442079460000", "standard"),
        ("Call 1800 123 456", "AU", "+611800123456", "free"),
        ("Call 1300 123 456", "AU", "+611300123456", "shared_cost"),
        ("מוקד שירות 1-800-800-800", "IL", "+9721800800800", "free"),
        ("Chiama il 312 345 6789", "IT", "+393123456789", "standard"),
    ],
)
def test_national_numbers_keep_their_region(
    text: str, region: str | None, value: str, cost: str
) -> None:
    assert [(m.value, m.cost) for m in find_phones(text, region)] == [(value, cost)]


@pytest.mark.parametrize(
    ("text", "raw", "value"),
    [
        ("Llámenos al 1-800-356-9378", "1-800-356-9378", "+18003569378"),
        ("Teléfono en EE. UU.: (212) 736-5000", "(212) 736-5000", "+12127365000"),
    ],
)
def test_nanp_number_invalid_in_a_region_without_trunk_prefix(
    text: str, raw: str, value: str
) -> None:
    assert [(m.value, m.raw) for m in find_phones(text, "ES")] == [(value, raw)]
    assert normalise_phone(raw, "ES") == value


def test_a_number_valid_in_a_region_without_trunk_prefix_stays_there() -> None:
    assert normalise_phone("312 345 6789", "IT") == "+393123456789"
    assert [m.value for m in find_phones("Llámanos al 912 345 678", "ES")] == ["+34912345678"]


@pytest.mark.parametrize(
    ("href", "region"),
    [
        ("tel:1-800-FLOWERS", "GB"),
        ("tel:1-800-FLOWERS", None),
        ("tel:1-800-FLOWERS", "US"),
        ("tel:1-800-flowers", "AU"),
        ("tel:+1-800-FLOWERS", "ES"),
    ],
)
def test_vanity_tel_link(href: str, region: str | None) -> None:
    match = phone_from_href(href, region)
    assert match is not None
    assert (match.value, match.raw, match.cost, match.valid) == (
        "+18003569377",
        href[4:],
        "free",
        True,
    )


@pytest.mark.parametrize(
    ("href", "region", "value"),
    [
        ("tel:1-800-356-9378", "GB", "+18003569378"),
        ("tel:(800)%20356-9378", "GB", "+18003569378"),
        ("tel:18003569378", "GB", "+18003569378"),
        ("tel:8003569378", "ES", "+18003569378"),
        ("tel:+1 888 NEW-DELL", "GB", "+18886393355"),
        ("tel:1800123456", "AU", "+611800123456"),
        ("tel:1-800-800-800", "IL", "+9721800800800"),
        ("tel:0800-123-4567", "GB", "+448001234567"),
    ],
)
def test_tel_links_follow_the_north_american_rule(
    href: str, region: str | None, value: str
) -> None:
    match = phone_from_href(href, region)
    assert match is not None and match.valid
    assert match.value == value


@pytest.mark.parametrize(
    ("raw", "region", "value"),
    [
        ("1-800-356-9378", "GB", "+18003569378"),
        ("(800) 356-9378", None, "+18003569378"),
        ("1-800-FLOWERS", "GB", "+18003569377"),
        ("0800 356 9378", "GB", "+448003569378"),
        ("1300 123 456", "AU", "+611300123456"),
    ],
)
def test_normalise_phone_follows_the_north_american_rule(
    raw: str, region: str | None, value: str
) -> None:
    assert normalise_phone(raw, region) == value


@pytest.mark.parametrize(
    ("text", "raw", "value"),
    [
        ("Send flowers: call 1-800-FLOWERS today", "1-800-FLOWERS", "+18003569377"),
        ("Junk removal 1 (800) GOT-JUNK", "1 (800) GOT-JUNK", "+18004685865"),
        ("Sales +1-888-NEW-DELL", "+1-888-NEW-DELL", "+18886393355"),
        ("Call 800-FLOWERS", "800-FLOWERS", "+18003569377"),
    ],
)
@pytest.mark.parametrize("region", ["GB", None, "US"])
def test_vanity_number_in_text(text: str, raw: str, value: str, region: str | None) -> None:
    found = find_phones(text, region)
    assert [(m.value, m.raw, m.cost) for m in found] == [(value, raw, "free")]
    assert found[0].raw in text


@pytest.mark.parametrize(
    "text",
    [
        "Your order REF-800-ABCDEFG has shipped",
        "Order reference 1-800-ABCDEFG",
        "Order number 800-356-9378",
        "Fax: 1-800-356-9378",
        "Visit 1-800-FLOWERS.com for gifts",
        "Model 800-ABCDEFG in stock",
        "Call 1-800-FLOWERSX",
        "Call 1-800-CALL-NOW-PLEASE",
    ],
)
def test_north_american_look_alikes_are_not_phones(text: str) -> None:
    assert find_phones(text, "GB") == []
    assert find_phones(text, None) == []


def test_a_blocked_nanp_shape_does_not_come_back_as_a_british_number() -> None:
    assert find_phones("Invoice 800.356.9378", "GB") == []


@pytest.mark.parametrize("value", ["+18003569378", "+18003569377", "+18886393355"])
def test_nanp_toll_free_cost(value: str) -> None:
    assert phone_cost(value) == "free"


@pytest.mark.parametrize(
    ("text", "href", "region", "dialled", "cost"),
    [
        ("0800 048 1234", "tel:+449098790124", "GB", "+449098790124", "premium"),
        ("900 123 456", "tel:+34807123456", "ES", "+34807123456", "premium"),
        ("0800 048 1234", "tel:+441134960000", "GB", "+441134960000", "standard"),
    ],
)
def test_a_tel_link_that_dials_another_line_keeps_both(
    text: str, href: str, region: str, dialled: str, cost: str
) -> None:
    """The customer reads one number and the press dials another: both are the page's
    channels, the dialled one at its own cost and marked as such."""
    page = state("https://www.brand.example/moving", elements=[link(text, href, 1)])
    phones = {s.value: s for s in observe_page(page, region=region).channels if s.kind == "phone"}
    assert len(phones) == 2 and dialled in phones
    assert phones[dialled].cost == cost
    assert "dialled by a tel: link" in phones[dialled].notes


def test_a_four_digit_identifier_is_no_directory_line() -> None:
    """ "Store 1180" starts like a UK 118 line but is too short to be one."""
    found = find_phones("Store 1180: call 0161 496 0393. Directory: 118 118", "GB")
    assert [m.value for m in found] == ["+441614960393", "+44118118"]
