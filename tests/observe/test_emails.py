"""E-mails: mailto, text and obfuscations in every language; placeholders ignored."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor.observe.emails import email_from_href, find_emails


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Write to us at help@brand.co.uk", "help@brand.co.uk"),
        ("hello (at) brand (dot) co (dot) uk", "hello@brand.co.uk"),
        ("Escríbenos a atencion@movilplus.es", "atencion@movilplus.es"),
        ("ayuda arroba empresa punto es", "ayuda@empresa.es"),
        ("ayuda[arroba]empresa.es", "ayuda@empresa.es"),
        ("E-Mail: kontakt(at)firma.de", "kontakt@firma.de"),
        ("info [at] firma [dot] de", "info@firma.de"),
        ("Courriel : serviceclient{at}marque{dot}fr", "serviceclient@marque.fr"),
        ('דוא"ל: service@brand.co.il', "service@brand.co.il"),
        ("E-mail: apoio [at] marca [ponto] pt", "apoio@marca.pt"),
        ("Scrivici a assistenza@marchio.it", "assistenza@marchio.it"),
        ("SERVICE@BRAND.COM", "service@brand.com"),
    ],
)
def test_email_in_text(text: str, value: str) -> None:
    assert [m.value for m in find_emails(text)] == [value]


@pytest.mark.parametrize(
    "text",
    [
        "Email: you@example.com",
        "tu@email.com",
        "max.mustermann@beispiel.de",
        "logo@2x.png",
        "Price 20 @ 5",
        "We are at home dot com",
        "Meet us at the shop",
    ],
)
def test_no_false_emails(text: str) -> None:
    assert find_emails(text) == []


def test_duplicates_collapse_case_insensitively() -> None:
    found = find_emails("SERVICE@BRAND.COM and service@brand.com")
    assert [m.value for m in found] == ["service@brand.com"]


def test_mailto_links() -> None:
    assert [m.value for m in email_from_href("mailto:Info@Brand.es?subject=Hola")] == [
        "info@brand.es"
    ]
    assert [m.value for m in email_from_href("mailto:a@shop.com,b@shop.com")] == [
        "a@shop.com",
        "b@shop.com",
    ]
    assert email_from_href("tel:123") == []


_label = st.from_regex(r"[a-z][a-z0-9]{1,10}", fullmatch=True)
_OBFUSCATIONS = [
    ("{l}@{d}.{t}"),
    ("{l} [at] {d} [dot] {t}"),
    ("{l} (at) {d} (dot) {t}"),
    ("{l}[arroba]{d}.{t}"),
    ("{l} arroba {d} punto {t}"),
    ("{l}(at){d}.{t}"),
]


@given(
    _label,
    _label,
    st.sampled_from(["com", "es", "de", "fr", "pt", "it", "org"]),
    st.sampled_from(_OBFUSCATIONS),
)
def test_obfuscation_round_trip(local: str, domain: str, tld: str, form: str) -> None:
    if local in {"you", "your", "name", "tu", "user", "email", "correo", "nome", "seu"}:
        return
    if domain in {"example", "domain", "email", "correo", "test", "company", "dominio"}:
        return
    text = "Contact: " + form.format(l=local, d=domain, t=tld)
    expected = f"{local}@{domain}.{tld}"
    assert [m.value for m in find_emails(text)] == [expected]
    assert [m.value for m in find_emails(text.upper())] == [expected]
    again = find_emails(expected)
    assert [m.value for m in again] == [expected]
