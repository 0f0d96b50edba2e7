from rulecase import Case, Walk, email, observations, phone, reached, unreached

BOTH = (Walk("desktop"), Walk("mobile"))

CASES = [
    Case(
        "same on both",
        "pass",
        observations(*BOTH, channels=[phone(clicks_by_viewport={"desktop": 1, "mobile": 2})]),
    ),
    Case(
        "phone only on desktop",
        "fail",
        observations(*BOTH, channels=[phone(clicks_by_viewport={"desktop": 1, "mobile": None})]),
    ),
    Case(
        "contact milestone only on mobile",
        "fail",
        observations(
            Walk("desktop", milestones={"contact": unreached()}),
            Walk("mobile", milestones={"contact": reached(2)}),
            channels=[email(clicks_by_viewport={"desktop": 1, "mobile": 1})],
        ),
    ),
    Case(
        "much deeper on mobile",
        "needs_review",
        observations(*BOTH, channels=[email(clicks_by_viewport={"desktop": 1, "mobile": 5})]),
    ),
    Case(
        "one viewport walked", "not_applicable", observations(Walk("desktop"), channels=[phone()])
    ),
]
