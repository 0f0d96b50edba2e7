from rulecase import Case, Page, Walk, channel, chat, email, observations, phone, signal

CASES = [
    Case("phone", "pass", observations(channels=[phone()])),
    Case("email and a bot", "pass", observations(channels=[email(), chat(human=False)])),
    Case("staffed chat", "pass", observations(channels=[chat(human=True)])),
    Case("nothing", "fail", observations()),
    Case("bot only", "fail", observations(channels=[chat(human=False)])),
    Case("postal only", "fail", observations(channels=[channel("postal", "1 High St")])),
    Case("chat of unknown kind", "needs_review", observations(channels=[chat()])),
    Case(
        "chat of unknown kind, site says people answer",
        "pass",
        observations(
            Walk(pages=[Page("/", signals=[signal("human_chat", "/", "Chat with our team")])]),
            channels=[chat()],
        ),
    ),
    Case(
        "nothing, but the walk hit a bot wall",
        "needs_review",
        observations(status="inconclusive", status_reason="bot wall"),
    ),
]
