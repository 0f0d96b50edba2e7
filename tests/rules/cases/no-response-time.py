from rulecase import Case, Page, Walk, email, observations, phone, reached, signal

STATED = Walk(
    pages=[
        Page(
            "/contact",
            signals=[signal("response_time", "/contact", "within 2 working days", hours=48)],
        )
    ]
)
SLOW = Walk(
    pages=[
        Page(
            "/contact", signals=[signal("response_time", "/contact", "within 8 weeks", hours=1344)]
        )
    ]
)

CASES = [
    Case("stated", "pass", observations(STATED, channels=[email()])),
    Case("e-mail without a time", "fail", observations(channels=[email()])),
    Case(
        "complaint page without a time",
        "fail",
        observations(channels=[phone()], milestones={"complaint": reached(2, "/complaints")}),
    ),
    Case("slower than the profile allows", "needs_review", observations(SLOW, channels=[email()])),
    Case("8 weeks is fine under uk", "pass", observations(SLOW, channels=[email()]), profile="uk"),
    Case("phone only, no complaint page", "not_applicable", observations(channels=[phone()])),
]
