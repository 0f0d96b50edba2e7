from rulecase import Case, Page, Walk, observations, reached, signal

from auditor.derive import AuditView

SIGNUP_HOME = signal("signup_link", "/", "Join now")


def site(cancel_path: str | None, depth: int = 0):
    pages = [
        Page("/", kind="home", signals=[SIGNUP_HOME]),
        Page("/account"),
        Page("/account/manage"),
    ]
    if cancel_path is not None:
        for p in pages:
            if p.path == cancel_path:
                p.signals = [
                    *p.signals,
                    signal("cancel_link", cancel_path, "Cancel membership", depth=depth),
                ]
    return observations(
        Walk(
            pages=pages,
            edges=[("/", "/account", "Account"), ("/account", "/account/manage", "Manage")],
        )
    )


def measured(cancel_clicks: int, **cancel: str) -> AuditView:
    """Both journeys measured by a scripted journey's milestones."""
    marks = {"signup": reached(1, "/join"), "cancel": reached(cancel_clicks, "/cancel", **cancel)}
    return observations(Walk(pages=[Page("/", kind="home")], milestones=marks))


CASES = [
    Case("measured: cancel as easy as sign-up", "pass", measured(1)),
    Case("measured: cancel harder", "fail", measured(4)),
    Case(
        "measured: the journey typed the cancel address",
        "needs_review",
        measured(0, typed_address="https://brand.example/account/cancel"),
    ),
    Case("cancel on the home page too", "pass", site("/")),
    Case("cancel two pages deep", "fail", site("/account/manage")),
    Case("cancel behind an accordion", "fail", site("/", depth=1)),
    Case("no cancel link", "fail", site(None)),
    Case("no sign-up", "not_applicable", observations()),
    Case(
        "eu profile before the DSA",
        "not_applicable",
        site("/account/manage"),
        profile="eu",
        as_of="2023-01-01",
    ),
    Case(
        "de profile: §312k since 2022",
        "fail",
        site("/account/manage"),
        profile="de",
        as_of="2023-01-01",
    ),
    Case(
        "us-ca before the ARL amendment",
        "not_applicable",
        site(None),
        profile="us-ca",
        as_of="2024-06-01",
    ),
    Case("us-ca after the ARL amendment", "fail", site(None), profile="us-ca", as_of="2025-08-01"),
]
