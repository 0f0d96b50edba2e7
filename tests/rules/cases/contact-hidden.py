from rulecase import Case, observations, reached, unreached

HIDDEN = reached(1, prominent_clicks=None, hidden_reasons=["'Contact' is only in the footer"])
SHORTCUT = reached(2, prominent_clicks=5, hidden_reasons=["'Contact' is tiny text (9px)"])

CASES = [
    Case("prominent path", "pass", observations(milestones={"contact": reached(2)})),
    Case("footer only", "fail", observations(milestones={"contact": HIDDEN})),
    Case(
        "reached after a journey typed the address",
        "needs_review",
        observations(milestones={"contact": reached(0, typed_address="https://brand.example/c")}),
    ),
    Case("only a hidden shortcut", "needs_review", observations(milestones={"contact": SHORTCUT})),
    Case("no contact at all", "not_applicable", observations(milestones={"contact": unreached()})),
]
