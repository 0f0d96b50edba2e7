from rulecase import Case, Page, Walk, chat, email, observations, phone, signal

BOT = [chat("ada", human=False), email()]

CASES = [
    Case(
        "phone line",
        "pass",
        observations(channels=[phone(), chat(human=False)]),
        profile="es",
        as_of="2027-01-01",
    ),
    Case(
        "bot and e-mail only", "fail", observations(channels=BOT), profile="es", as_of="2027-01-01"
    ),
    Case(
        "unknown chat, page says virtual assistant",
        "fail",
        observations(
            Walk(pages=[Page("/", signals=[signal("bot", "/", "Ask our virtual assistant")])]),
            channels=[chat()],
        ),
        profile="es",
        as_of="2027-01-01",
    ),
    Case(
        "written only",
        "needs_review",
        observations(channels=[email()]),
        profile="es",
        as_of="2027-01-01",
    ),
    Case(
        "before the law is in force",
        "not_applicable",
        observations(channels=BOT),
        profile="es",
        as_of="2026-12-26",
    ),
    Case(
        "on the day it is in force",
        "fail",
        observations(channels=BOT),
        profile="es",
        as_of="2026-12-27",
    ),
    Case("no channel at all", "not_applicable", observations(), profile="es", as_of="2027-01-01"),
]
