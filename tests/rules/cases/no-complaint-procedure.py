from rulecase import Case, observations, reached, unreached

CASES = [
    Case("complaints page reached", "pass", observations(milestones={"complaint": reached(2)})),
    Case("not reached", "fail", observations(milestones={"complaint": unreached()})),
    Case(
        "reached after a journey typed the address",
        "needs_review",
        observations(milestones={"complaint": reached(1, typed_address="https://brand.example/x")}),
    ),
    Case(
        "not reached on a partial walk",
        "needs_review",
        observations(status="partial", status_reason="page budget"),
    ),
]
