from rulecase import Case, Page, Walk, no_walks, observations, signal

REFUSAL = signal(
    "adr_refusal",
    "/impressum",
    "Wir sind nicht bereit, an Streitbeilegungsverfahren teilzunehmen",
    visible=False,
)

CASES = [
    Case(
        "refuses",
        "fail",
        observations(Walk(pages=[Page("/impressum", kind="legal", signals=[REFUSAL])])),
    ),
    Case("no refusal", "pass", observations()),
    Case("nothing walked", "error", no_walks()),
]
