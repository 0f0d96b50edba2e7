from rulecase import Case, Page, Walk, observations, phone, reached, sighting, signal, url

from auditor.models import StaticCandidate, StaticMap

SITEMAP = url("/sitemap.xml")


def _static(*paths: str) -> StaticMap:
    return StaticMap(
        candidates=[StaticCandidate(url=url(p), sitemap=SITEMAP, proposed=True) for p in paths]
    )


# The complaint procedure was loaded only because the sitemap lists it: no link, no clicks.
ORPHAN_COMPLAINTS = Walk(
    pages=[
        Page("/", kind="home"),
        Page("/contact", kind="contact"),
        Page(
            "/complaints-procedure",
            kind="complaint",
            signals=[signal("complaint_procedure", "/complaints-procedure")],
            orphan=True,
        ),
    ],
    edges=[("/", "/contact", "Contact us")],
)
ORPHAN_CONTACT = Walk(
    pages=[
        Page("/", kind="home"),
        Page(
            "/help/contact-us",
            kind="contact",
            sightings=[sighting("phone", "+442079460000", "/help/contact-us")],
            orphan=True,
        ),
    ],
)
# A sitemap-only page that promises nothing the journey lacks.
ORPHAN_ELSEWHERE = Walk(
    pages=[Page("/", kind="home"), Page("/contact", kind="contact"), Page("/old", orphan=True)],
    edges=[("/", "/contact", "Contact us")],
)
BOUNDED = Walk(
    pages=ORPHAN_COMPLAINTS.pages,
    edges=ORPHAN_COMPLAINTS.edges,
    budget_exhausted=["pages"],
)

CASES = [
    Case(
        "complaint procedure only in the sitemap",
        "fail",
        observations(
            ORPHAN_COMPLAINTS,
            milestones={"contact": reached(1)},
            static=_static("/complaints-procedure"),
        ),
    ),
    Case(
        "contact page only in the sitemap",
        "fail",
        observations(ORPHAN_CONTACT, channels=[phone()], static=_static("/help/contact-us")),
    ),
    Case(
        "the complaint milestone is reached through links: an orphan copy does not matter",
        "pass",
        observations(
            ORPHAN_COMPLAINTS,
            milestones={"contact": reached(1), "complaint": reached(2, "/complaints")},
            static=_static("/complaints-procedure"),
        ),
    ),
    Case(
        "an orphan page that is not a support page",
        "pass",
        observations(ORPHAN_ELSEWHERE, milestones={"contact": reached(1)}, static=_static("/old")),
    ),
    Case(
        "the walk ran out of pages before it could find a link",
        "needs_review",
        observations(
            BOUNDED, milestones={"contact": reached(1)}, static=_static("/complaints-procedure")
        ),
    ),
    Case("no sitemap was read", "not_applicable", observations(ORPHAN_COMPLAINTS)),
]
