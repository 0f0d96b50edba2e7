from rulecase import HOME, Case, Page, Walk, observations, url

from auditor.derive import AuditView
from auditor.models import LinkCheck

SELF_SIGNED = "certificate for brand.example issued by brand.example is not trusted; self-signed"


def _page_with_bad_certificate() -> AuditView:
    obs = observations(Walk(pages=[Page("/", kind="home"), Page("/contact", kind="contact")]))
    obs.walks[0].pages[1].tls_error = SELF_SIGNED
    return obs


BAD_LINK = Walk(
    link_checks=[
        LinkCheck(
            url=url("/complaints"),
            source=HOME,
            label="Complaints",
            error="tls: certificate or handshake failed",
            tls_error="ConnectError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate has expired",
        )
    ]
)
GOOD = Walk(link_checks=[LinkCheck(url=url("/contact"), source=HOME, label="Contact", status=200)])
PLAIN_HTTP = Walk(pages=[Page("http://brand.example/", kind="home")])

CASES = [
    Case("walked page with a self-signed certificate", "fail", _page_with_bad_certificate()),
    Case("support link with an expired certificate", "fail", observations(BAD_LINK)),
    Case("valid certificates everywhere", "pass", observations(GOOD)),
    Case("nothing over https", "not_applicable", observations(PLAIN_HTTP)),
]
