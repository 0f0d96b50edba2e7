from rulecase import Case, Page, Walk, observations

CASES = [
    Case(
        "contact page indexable",
        "pass",
        observations(Walk(pages=[Page("/", kind="home"), Page("/contact", kind="contact")])),
    ),
    Case(
        "contact page noindex",
        "fail",
        observations(
            Walk(
                pages=[
                    Page("/", kind="home"),
                    Page("/contact", kind="contact", meta_robots="noindex, nofollow"),
                ]
            )
        ),
    ),
    Case(
        "complaints disallowed by robots.txt",
        "fail",
        observations(Walk(skipped_by_robots=["/complaints/"])),
    ),
    Case(
        "only private pages disallowed",
        "not_applicable",
        observations(Walk(skipped_by_robots=["/private/"])),
    ),
]
