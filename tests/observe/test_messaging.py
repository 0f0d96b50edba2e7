"""Messaging and social links."""

from __future__ import annotations

import pytest

from auditor.observe.messaging import channel_from_href


@pytest.mark.parametrize(
    ("href", "kind", "value"),
    [
        ("https://wa.me/34600123456", "whatsapp", "+34600123456"),
        ("https://api.whatsapp.com/send?phone=972501234567&text=hi", "whatsapp", "+972501234567"),
        ("whatsapp://send?phone=4915112345678", "whatsapp", "+4915112345678"),
        ("https://m.me/brand", "messaging", "https://m.me/brand"),
        ("https://t.me/brand_support", "messaging", "https://t.me/brand_support"),
        ("sms:+34600123456", "messaging", "+34600123456"),
        ("viber://chat?number=%2B972501234567", "messaging", "+972501234567"),
        ("https://www.facebook.com/brand/?ref=footer", "social", "https://www.facebook.com/brand"),
        ("https://x.com/brand", "social", "https://x.com/brand"),
        ("https://www.instagram.com/brand/", "social", "https://www.instagram.com/brand"),
        (
            "https://www.linkedin.com/company/brand",
            "social",
            "https://www.linkedin.com/company/brand",
        ),
        ("https://www.youtube.com/@brand", "social", "https://www.youtube.com/@brand"),
        ("https://www.tiktok.com/@brand", "social", "https://www.tiktok.com/@brand"),
    ],
)
def test_channel_links(href: str, kind: str, value: str) -> None:
    found = channel_from_href(href)
    assert found is not None
    assert (found.kind, found.value) == (kind, value)


@pytest.mark.parametrize(
    "href",
    [
        "https://www.facebook.com/sharer/sharer.php?u=x",
        "https://twitter.com/intent/tweet?url=x",
        "https://www.facebook.com/",
        "https://example.com/contact",
        "/contacto.html",
        "mailto:a@b.es",
    ],
)
def test_not_channels(href: str) -> None:
    assert channel_from_href(href) is None
