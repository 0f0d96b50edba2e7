from rulecase import Case, Page, Walk, observations, reached, signal, unreached

ODR_ONLY = Walk(pages=[Page("/", signals=[signal("odr_link", "/", "ec.europa.eu/consumers/odr")])])

CASES = [
    Case("ombudsman named", "pass", observations(milestones={"escalation": reached(3)})),
    Case("nothing named", "fail", observations(milestones={"escalation": unreached()})),
    Case(
        "named after a journey typed the address",
        "needs_review",
        observations(
            milestones={"escalation": reached(0, typed_address="https://brand.example/x")}
        ),
    ),
    Case("only the ODR link", "fail", observations(ODR_ONLY)),
]
