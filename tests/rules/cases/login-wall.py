from rulecase import Case, Page, Walk, observations

WALLED = Walk(
    pages=[
        Page("/", kind="home"),
        Page("/login.html", kind="login", requested="/account/complaints", login_wall=True),
    ],
    edges=[("/", "/account/complaints", "Make a complaint")],
)
SIGN_IN_LINK = Walk(
    pages=[Page("/", kind="home"), Page("/login.html", kind="login")],
    edges=[("/", "/login.html", "Log in")],
)
CANCEL_TO_LOGIN = Walk(
    pages=[Page("/", kind="home"), Page("/login.html", kind="login")],
    edges=[("/", "/login.html", "Cancel subscription")],
)

CASES = [
    Case("complaint link to a login wall", "fail", observations(WALLED)),
    Case("cancel link to a login page", "fail", observations(CANCEL_TO_LOGIN)),
    Case("an ordinary sign-in link", "pass", observations(SIGN_IN_LINK)),
    Case("no login at all", "pass", observations()),
]
