"""Canonical URLs, URL templates and which links the walk may follow (issue 13)."""

from __future__ import annotations

import pytest

from auditor.models import PageState
from auditor.walk.scope import Scope, acting_url, acts, normalise_url, path_template


def test_session_ids_and_tracking_parameters_do_not_make_new_pages() -> None:
    base = "https://brand.example/contact"
    for variant in (
        "https://brand.example/contact;jsessionid=0A1B2C",
        "https://brand.example/contact?utm_source=mail&utm_campaign=x",
        "https://brand.example/contact?PHPSESSID=abc&gclid=1&fbclid=2",
        "https://BRAND.example:443/contact#form",
        "https://brand.example/contact?sid=99",
    ):
        assert normalise_url(variant) == base, variant
    assert normalise_url("https://brand.example/a?b=2&a=1") == "https://brand.example/a?a=1&b=2"
    assert normalise_url("https://brand.example/a?page=2") == "https://brand.example/a?page=2"
    assert normalise_url("tel:+442079460000") == "tel:+442079460000"


def test_calendar_pages_share_one_template() -> None:
    months = [f"http://127.0.0.1:5000/events/2026/{m:02d}" for m in range(1, 13)]
    assert len({path_template(u) for u in months}) == 1
    assert path_template("https://b.example/help/billing") != path_template(
        "https://b.example/help/moving-home"
    )


def test_the_template_budget_stops_traps_but_never_a_support_link() -> None:
    scope = Scope("http://127.0.0.1:5000/", per_template=3)
    urls = [f"http://127.0.0.1:5000/events/2026/{m:02d}" for m in range(1, 8)]
    admitted = [u for u in urls if scope.admits(u, "Next month")]
    assert admitted == urls[:3]
    assert scope.skipped_by_template == urls[3:]
    assert scope.admits(urls[0], "Next month"), "an admitted URL stays admitted"
    assert scope.admits("http://127.0.0.1:5000/events/2026/09", "Contact us")


def test_links_whose_label_acts_are_never_followed() -> None:
    scope = Scope("https://brand.example/")
    for label in ("Confirm cancellation", "Jetzt kündigen", "Pay now", "Delete account"):
        assert acts(label) and not scope.admits("https://brand.example/x", label), label
    for label in ("Cancel subscription", "Verträge hier kündigen", "Contact us", ""):
        assert not acts(label) and scope.admits("https://brand.example/y", label), label


def test_a_page_that_lands_off_site_is_marked_not_observed() -> None:
    scope = Scope("https://brand.co.uk/")
    away = PageState(url="https://elsewhere.com/x", requested_url="https://brand.co.uk/r")
    home = PageState(url="https://www.brand.co.uk/", requested_url="https://brand.co.uk/")
    assert scope.mark_offsite(away) and away.offsite == "https://elsewhere.com/x"
    assert not scope.mark_offsite(home) and home.offsite is None


@pytest.mark.parametrize(
    "url",
    [
        "https://brand.example/account/logout",
        "https://brand.example/account/signout",
        "https://brand.example/logout.php",
        "https://brand.example/newsletter/unsubscribe?token=77aa",
        "https://brand.example/account/close?now=1",
        "https://brand.example/konto/loeschen",
        "https://brand.example/account/cancel?confirm=1",
        "https://brand.example/kontakt?action=delete",
        "https://brand.example/de/abmelden",
    ],
)
def test_addresses_that_act_when_fetched(url: str) -> None:
    assert acting_url(url)
    assert acts("Manage my account", url)


@pytest.mark.parametrize(
    "url",
    [
        "https://brand.example/help/how-to-log-out",
        "https://brand.example/account/",
        "https://brand.example/account/cancel",  # the cancellation page the law wants reachable
        "https://brand.example/konto/kuendigen",
        "https://brand.example/contact?topic=billing",
        "https://brand.example/shop?action=browse",
    ],
)
def test_addresses_about_acting_are_pages(url: str) -> None:
    assert not acting_url(url)


@pytest.mark.parametrize("label", ["Log out", "Sign out", "Abmelden", "Se déconnecter", "התנתקות"])
def test_sign_out_labels_act(label: str) -> None:
    assert acts(label, "https://brand.example/account/x")
