from rulecase import Case, chat, email, form, observations, phone

CASES = [
    Case("e-mail and form", "pass", observations(channels=[email(), form()])),
    Case("phone", "pass", observations(channels=[phone()])),
    Case("e-mail only", "fail", observations(channels=[email()])),
    Case("e-mail and a bot", "fail", observations(channels=[email(), chat(human=False)])),
    Case("nothing human", "not_applicable", observations(channels=[chat(human=False)])),
]
