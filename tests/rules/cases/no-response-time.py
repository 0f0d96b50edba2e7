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
    # Absence never scores better than a bad presence: no written channel at all fails.
    Case("phone only, no complaint page", "fail", observations(channels=[phone()])),
    Case("nothing at all", "fail", observations()),
    Case(
        "a third party's e-mail is not the brand's written channel",
        "fail",
        observations(
            channels=[email("casework@ico.example", owner="third_party", owner_role="regulator")]
        ),
    ),
]
