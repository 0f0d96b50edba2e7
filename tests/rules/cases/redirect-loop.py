from rulecase import HOME, Case, Page, Walk, observations, url

from auditor.models import LinkCheck

CHECKED = Walk(
    link_checks=[
        LinkCheck(url=url("/complaints"), source=HOME, label="Complaints", redirect_loop=True)
    ]
)
WALKED = Walk(
    pages=[
        Page("/", kind="home"),
        Page(
            "/complaints",
            status=None,
            error="redirect_loop",
            redirect_chain=["/complaints", "/complaints?loop=1", "/complaints"],
        ),
    ],
    edges=[("/", "/complaints", "Complaints")],
)
FINE = Walk(link_checks=[LinkCheck(url=url("/contact"), source=HOME, label="Contact", status=200)])

CASES = [
    Case("checked link loops", "fail", observations(CHECKED)),
    Case("walked page loops", "fail", observations(WALKED)),
    Case("no loops", "pass", observations(FINE)),
]
