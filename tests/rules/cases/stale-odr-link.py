from rulecase import Case, Page, Walk, observations, signal

ODR = Walk(
    pages=[
        Page("/", kind="home"),
        Page(
            "/legal",
            kind="legal",
            signals=[signal("odr_link", "/legal", "ec.europa.eu/consumers/odr")],
        ),
    ]
)

CASES = [
    Case("after closure", "fail", observations(ODR), as_of="2025-07-20"),
    Case("after closure, eu profile", "fail", observations(ODR), profile="eu", as_of="2026-01-01"),
    Case("before closure it was required", "pass", observations(ODR), as_of="2025-07-19"),
    Case("no ODR link", "not_applicable", observations()),
    Case(
        "eu profile before the ODR platform existed",
        "not_applicable",
        observations(ODR),
        profile="eu",
        as_of="2015-01-01",
    ),
]
