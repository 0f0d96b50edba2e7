from rulecase import HOME, Case, Page, Walk, observations, url

from auditor.models import LinkCheck, PageState, TextBlock

BROKEN_CHECK = Walk(
    link_checks=[LinkCheck(url=url("/contact-old"), source=HOME, label="Contact us", status=404)]
)
OK_CHECK = Walk(
    link_checks=[LinkCheck(url=url("/contact"), source=HOME, label="Contact us", status=200)]
)
BROKEN_PAGE = Walk(
    pages=[Page("/", kind="home"), Page("/help/complaints", status=500)],
    edges=[("/", "/help/complaints", "Complaints")],
)
TIMEOUT_PAGE = Walk(
    pages=[Page("/", kind="home"), Page("/contact", status=None, error="timeout")],
    edges=[("/", "/contact", "Contact")],
)
LOOP_ONLY = Walk(
    link_checks=[
        LinkCheck(url=url("/complaints"), source=HOME, label="Complaints", redirect_loop=True)
    ]
)
SLOW_DOWN_CHECK = Walk(
    link_checks=[
        LinkCheck(url=url("/contact"), source=HOME, label="Contact us", status=200),
        LinkCheck(
            url=url("/complaints"), source=HOME, label="Complaints", status=503, rate_limited=True
        ),
    ]
)
NON_JOURNEY_404 = Walk(
    pages=[Page("/", kind="home"), Page("/press", status=404)],
    edges=[("/", "/press", "Press releases")],
)

# The brand's own 404 page is recorded as a page (a dead end) with its kind: still broken.
DEAD_END_404 = Walk(
    pages=[Page("/", kind="home"), Page("/kontakt", status=404, kind="contact")],
    edges=[("/", "/kontakt", "Kontaktformular")],
)

# A single-page app answers every address with 200 and draws "page not found" itself.
SOFT_404_PAGE = Walk(
    pages=[
        Page("/", kind="home"),
        Page("/contacto", kind="contact", title="Página no encontrada | Marca"),
    ],
    edges=[("/", "/contacto", "Contacto")],
)
SOFT_404_CHECK = Walk(
    link_checks=[
        LinkCheck(
            url=url("/reclamations"),
            source=HOME,
            label="Réclamations",
            status=200,
            title="Banque",
            heading="Cette page n'existe pas",
        )
    ]
)


MISSING = "Oeps! Deze pagina bestaat niet"


def _beside_made_up_address(heading: str) -> Walk:
    """A checked "Klachten" link whose 200 page has ``heading``, beside the site's answer to
    the walk's one made-up address (title "Waterbedrijf", h1 ``MISSING``): a server that
    answers a missing page 200 with its own "not found", in a language the lexicon does
    not speak."""
    check = LinkCheck(
        url=url("/klachten"), source=HOME, label="Klachten", status=200,
        title="Waterbedrijf", heading=heading,
    )  # fmt: skip
    block = TextBlock(id="t1", text=MISSING, visible=True, region="main", selector="h1")
    probe = url("/cfa-no-such-page-1")
    answer = PageState(
        url=probe, requested_url=probe, status=200, title="Waterbedrijf", text_blocks=[block]
    )
    return Walk(link_checks=[check], unknown_address=answer)


LIKE_MADE_UP_CHECK = _beside_made_up_address(MISSING)
UNLIKE_MADE_UP_CHECK = _beside_made_up_address("Klachten")

CASES = [
    Case(
        "a link that only answered 'slow down' is not 'all work'",
        "needs_review",
        observations(SLOW_DOWN_CHECK),
    ),
    Case(
        "a checked link answering as a made-up address does",
        "fail",
        observations(LIKE_MADE_UP_CHECK),
    ),
    Case(
        "a checked link unlike the answer to a made-up address",
        "pass",
        observations(UNLIKE_MADE_UP_CHECK),
    ),
    Case("a contact link to a 'page not found' answered 200", "fail", observations(SOFT_404_PAGE)),
    Case(
        "a checked link whose 200 page says it does not exist", "fail", observations(SOFT_404_CHECK)
    ),
    Case("a contact link to a 404 dead end", "fail", observations(DEAD_END_404)),
    Case("checked link 404", "fail", observations(BROKEN_CHECK)),
    Case("walked complaint page 500", "fail", observations(BROKEN_PAGE)),
    Case("contact page timeout", "fail", observations(TIMEOUT_PAGE)),
    Case("checked link works", "pass", observations(OK_CHECK)),
    Case("loops are another rule", "not_applicable", observations(LOOP_ONLY)),
    Case("404 on a non-journey link", "not_applicable", observations(NON_JOURNEY_404)),
]
