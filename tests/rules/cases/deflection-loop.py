from rulecase import Case, Page, Walk, observations, sighting

LOOP = Walk(
    pages=[Page("/", kind="home"), Page("/contact", kind="contact"), Page("/faq", kind="faq")],
    edges=[
        ("/", "/contact", "Contact"),
        ("/contact", "/faq", "See our FAQ"),
        ("/faq", "/contact", "Contact"),
    ],
)
LOOP_WITH_PHONE = Walk(
    pages=[
        Page("/", kind="home"),
        Page(
            "/contact", kind="contact", sightings=[sighting("phone", "+442079460000", "/contact")]
        ),
        Page("/faq", kind="faq"),
    ],
    edges=LOOP.edges,
)
HIDDEN_PHONE = Walk(
    pages=[
        Page("/", kind="home"),
        Page(
            "/contact",
            kind="contact",
            sightings=[sighting("phone", "+442079460000", "/contact", visible=False)],
        ),
        Page("/help", kind="help"),
        Page("/faq", kind="faq"),
    ],
    edges=[
        ("/", "/contact", "Contact"),
        ("/contact", "/help", "Help centre"),
        ("/help", "/faq", "FAQ"),
        ("/faq", "/contact", "Still stuck? Contact us"),
    ],
)
DEAD_END = Walk(
    pages=[Page("/", kind="home"), Page("/contact", kind="contact"), Page("/faq", kind="faq")],
    edges=[("/", "/contact", "Contact"), ("/contact", "/faq", "FAQ")],
)

CASES = [
    Case("contact and FAQ point at each other", "fail", observations(LOOP)),
    Case("three-page loop, phone hidden", "fail", observations(HIDDEN_PHONE)),
    Case("contact page shows a phone", "pass", observations(LOOP_WITH_PHONE)),
    Case("no cycle", "pass", observations(DEAD_END)),
    Case("no contact page", "not_applicable", observations()),
]
