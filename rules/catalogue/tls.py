"""Certificates a browser does not trust, on the brand's pages or its support links.

The walk goes on past a certificate error (so the journey can still be measured) but
records what Chromium saw (``PageState.tls_error``), what the link checker's verified
handshake saw (``LinkCheck.tls_error``) and a robots.txt that failed on TLS.  A customer
meets a full-page security warning there: most turn back, so the contact route is as good
as closed.
"""

from __future__ import annotations

from auditor.derive import AuditView
from rules.catalogue.lookup import page_evidence, primary
from rules.model import Evidence, Reference, Rule, RuleOptions, RuleResult

RFC_9525 = Reference(
    instrument="RFC 9525 Service Identity in TLS (IETF)",
    article="§6 (verifying the server's identity against its certificate)",
    url="https://www.rfc-editor.org/rfc/rfc9525",
    effective_from="2023-11-01",
    note="Published November 2023 (obsoletes RFC 6125). Technical standard, not law.",
)
CABF_BR = Reference(
    instrument="CA/Browser Forum Baseline Requirements for TLS server certificates",
    article="§6.3.2 (certificate validity periods), §7.1 (certificate profile)",
    url="https://cabforum.org/working-groups/server/baseline-requirements/",
    effective_from="2012-07-01",
    note="What browsers require of a publicly trusted certificate. Industry guidance.",
)
GDPR_ART32 = Reference(
    instrument="EU General Data Protection Regulation 2016/679",
    article="Art. 32 (security of processing: encryption of personal data in transit)",
    url="https://eur-lex.europa.eu/eli/reg/2016/679/oj",
    effective_from="2018-05-25",
    jurisdiction="EU",
    note="A contact form sent over a connection the browser cannot authenticate.",
)


def _tls_certificate_invalid(obs: AuditView, opts: RuleOptions) -> RuleResult:
    primary(obs)
    evidence: list[Evidence] = []
    seen: set[str] = set()
    checked = 0
    for walk in obs.walks:
        for page in walk.pages:
            if page.url.startswith("https:"):
                checked += 1
            if page.tls_error and page.url not in seen:
                seen.add(page.url)
                evidence.append(page_evidence(walk, page, f"certificate: {page.tls_error}"))
        for check in walk.link_checks:
            if check.url.startswith("https:"):
                checked += 1
            if check.tls_error and check.url not in seen:
                seen.add(check.url)
                evidence.append(
                    Evidence(
                        url=check.url,
                        viewport=walk.viewport,
                        snippet=f"'{check.label}' on {check.source}: {check.tls_error}",
                        path=list(walk.paths.get(check.source, [])),
                    )
                )
        for origin, status in walk.robots.items():
            if "TLS failure" in status and origin not in seen:
                seen.add(origin)
                evidence.append(
                    Evidence(
                        url=origin + "/robots.txt",
                        viewport=walk.viewport,
                        snippet=f"robots.txt: {status}",
                    )
                )
    if evidence:
        return RuleResult(
            "fail",
            f"{len(evidence)} page(s) or support link(s) have a certificate browsers reject.",
            evidence,
        )
    if not checked:
        return RuleResult("not_applicable", "No page or link was reached over HTTPS.")
    return RuleResult("pass", f"All {checked} HTTPS page(s) and link(s) have a valid certificate.")


TLS_CERTIFICATE_INVALID = Rule(
    code="CFA031",
    slug="tls-certificate-invalid",
    title="Certificates are valid",
    failure_title="A certificate is not trusted by browsers",
    impact="serious",
    category="reliability",
    description=(
        "Fails when a walked page or a checked support link is served over HTTPS with a "
        "certificate a browser rejects: self-signed, expired, not yet valid, for another "
        "name, or from an untrusted issuer. The evidence names issuer, subject and dates."
    ),
    rationale=(
        "A customer who meets a full-page security warning on the way to a contact or "
        "complaint page is told to turn back; a contact form behind it cannot be trusted "
        "with personal data."
    ),
    how_to_fix=(
        "Serve every host of the site with a publicly trusted, current certificate for its "
        "name (e.g. via ACME / Let's Encrypt) and monitor its expiry."
    ),
    references=(RFC_9525, CABF_BR, GDPR_ART32),
    evaluate=_tls_certificate_invalid,
    tags=("links", "security"),
    needs=("walks", "link_checks"),
)

RULES = (TLS_CERTIFICATE_INVALID,)
