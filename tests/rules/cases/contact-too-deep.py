from rulecase import Case, observations, reached, unreached

CASES = [
    Case("two clicks pass", "pass", observations(milestones={"contact": reached(2)})),
    Case("five clicks fail", "fail", observations(milestones={"contact": reached(5)})),
    Case("never reached fails", "fail", observations(milestones={"contact": unreached()})),
    Case(
        "reached after a journey typed the address",
        "needs_review",
        observations(
            milestones={"contact": reached(0, typed_address="https://brand.example/contact")}
        ),
    ),
    Case(
        "threshold from options",
        "fail",
        observations(milestones={"contact": reached(3)}),
        thresholds={"max_contact_clicks": 2},
    ),
    Case(
        "profile uk allows the default three",
        "pass",
        observations(milestones={"contact": reached(3)}),
        profile="uk",
    ),
    Case(
        "not reached on a partial walk is only a doubt",
        "needs_review",
        observations(status="partial", status_reason="time limit"),
    ),
    Case(
        "before any guidance reference (OECD 2016) under eu, but e-Commerce applies",
        "fail",
        observations(milestones={"contact": reached(6)}),
        profile="eu",
        as_of="2010-01-01",
    ),
    Case(
        "generic profile before the OECD recommendation: ISO guidance applies always",
        "fail",
        observations(milestones={"contact": reached(6)}),
        as_of="2000-01-01",
    ),
]
