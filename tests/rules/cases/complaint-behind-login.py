from rulecase import Case, Page, Walk, observations, reached

WALLED = Walk(
    pages=[
        Page("/", kind="home"),
        Page("/login.html", kind="login", requested="/account/complaints", login_wall=True),
    ],
    edges=[("/", "/account/complaints", "Make a complaint")],
)

CASES = [
    Case("only behind login", "fail", observations(WALLED)),
    Case(
        "public procedure too", "pass", observations(WALLED, milestones={"complaint": reached(1)})
    ),
    Case("public procedure", "pass", observations(milestones={"complaint": reached(2)})),
    Case("no complaint route at all", "not_applicable", observations()),
]
