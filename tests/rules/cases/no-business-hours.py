from rulecase import Case, Page, Walk, chat, email, observations, phone, signal

HOURS = Walk(
    pages=[Page("/contact", signals=[signal("business_hours", "/contact", "Mon-Fri 8am-8pm")])]
)

DAYS_ONLY = Walk(
    pages=[
        Page(
            "/contact",
            signals=[
                signal(
                    "business_hours",
                    "/contact",
                    "open seven days a week",
                    data={d: "open" for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")},
                )
            ],
        )
    ]
)

TIMES_ONLY = Walk(
    pages=[
        Page(
            "/contact",
            signals=[
                signal(
                    "business_hours",
                    "/contact",
                    "lines are open 8am to 8pm",
                    data={"days_unsaid": "08:00-20:00"},
                )
            ],
        )
    ]
)

CASES = [
    Case("phone with hours", "pass", observations(HOURS, channels=[phone()])),
    Case("hours without days", "pass", observations(TIMES_ONLY, channels=[phone()])),
    Case("days without hours", "needs_review", observations(DAYS_ONLY, channels=[phone()])),
    Case("phone without hours", "fail", observations(channels=[phone()])),
    Case("live chat without hours", "fail", observations(channels=[chat(human=True)])),
    Case("e-mail only", "not_applicable", observations(channels=[email(), chat(human=False)])),
]
