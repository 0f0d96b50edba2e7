from rulecase import Case, Page, Walk, chat, email, observations, phone, signal

HOURS = Walk(
    pages=[Page("/contact", signals=[signal("business_hours", "/contact", "Mon-Fri 8am-8pm")])]
)


def _stated(text: str, data: dict[str, str]) -> Walk:
    """A contact page whose only hours signal says ``text``, read as ``data``."""
    return Walk(
        pages=[Page("/contact", signals=[signal("business_hours", "/contact", text, data=data)])]
    )


DAYS_ONLY = _stated(
    "open seven days a week", {d: "open" for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
)
TIMES_ONLY = _stated("lines are open 8am to 8pm", {"days_unsaid": "08:00-20:00"})
SIX_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat")
STORE_HOURS = _stated(
    "our stores are open monday to saturday 9am-8pm",
    {**dict.fromkeys(SIX_DAYS, "09:00-20:00"), "premises": "stores"},
)
STORES = {"mon": "09:00-20:00", "premises": "stores"}
BOTH = Walk(
    pages=[
        Page(
            "/contact",
            signals=[
                signal("business_hours", "/contact", "stores 9am-8pm", data=STORES),
                signal(
                    "business_hours", "/contact", "lines open 8am-6pm", data={"mon": "08:00-18:00"}
                ),
            ],
        )
    ]
)

CASES = [
    Case("phone with hours", "pass", observations(HOURS, channels=[phone()])),
    Case("hours without days", "pass", observations(TIMES_ONLY, channels=[phone()])),
    Case("days without hours", "needs_review", observations(DAYS_ONLY, channels=[phone()])),
    Case("only store hours", "needs_review", observations(STORE_HOURS, channels=[phone()])),
    Case("store and line hours", "pass", observations(BOTH, channels=[phone()])),
    Case("phone without hours", "fail", observations(channels=[phone()])),
    Case("live chat without hours", "fail", observations(channels=[chat(human=True)])),
    Case("e-mail only", "not_applicable", observations(channels=[email(), chat(human=False)])),
]
