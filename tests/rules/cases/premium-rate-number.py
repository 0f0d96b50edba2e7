from rulecase import Case, email, observations, phone

PREMIUM = [phone("+34902123456", cost="shared_cost")]

CASES = [
    Case("geographic number", "pass", observations(channels=[phone(cost="standard")])),
    Case("free phone", "pass", observations(channels=[phone("+448001234567", cost="free")])),
    Case("ES 902 shared cost", "fail", observations(channels=PREMIUM)),
    Case("UK 09 premium", "fail", observations(channels=[phone("+449012345678", cost="premium")])),
    Case("no phone", "not_applicable", observations(channels=[email()])),
    Case(
        "a shared-cost number nobody owns is a doubt, not a pass",
        "needs_review",
        observations(
            channels=[
                phone(cost="standard"),
                phone("+441618001234", cost="shared_cost", owner="unknown"),
            ]
        ),
    ),
    Case(
        "a hidden shared-cost number nobody owns is not shown",
        "pass",
        observations(
            channels=[
                phone(cost="standard"),
                phone("+441618001234", cost="shared_cost", owner="unknown", clicks=None),
            ]
        ),
    ),
    Case(
        "a third party's premium line is not the brand's",
        "pass",
        observations(
            channels=[
                phone(cost="standard"),
                phone("+449012345678", cost="premium", owner="third_party"),
            ]
        ),
    ),
    Case(
        "es profile before the 2025 law: RDL 1/2007 (2014) applies",
        "fail",
        observations(channels=PREMIUM),
        profile="es",
        as_of="2026-06-01",
    ),
    Case(
        "es profile before any Spanish or EU basis",
        "not_applicable",
        observations(channels=PREMIUM),
        profile="es",
        as_of="2013-01-01",
    ),
    Case(
        "generic has no legal gating: best practice on any date",
        "fail",
        observations(channels=PREMIUM),
        as_of="2013-01-01",
    ),
]
