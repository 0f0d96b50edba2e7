from rulecase import Case, Page, Walk, contact_form, observations


def site(*forms):
    return observations(
        Walk(pages=[Page("/", kind="home"), Page("/contact", kind="contact", forms=list(forms))])
    )


CASES = [
    Case("no captcha", "pass", site(contact_form())),
    Case("recaptcha", "fail", site(contact_form(captcha="recaptcha"))),
    Case("turnstile", "needs_review", site(contact_form(captcha="turnstile"))),
    Case(
        "newsletter form only",
        "not_applicable",
        site(contact_form(role="newsletter", captcha="recaptcha")),
    ),
    Case("no form", "not_applicable", site()),
    Case(
        "unclassified free-text form on the contact page",
        "fail",
        site(contact_form(role="other", captcha="hcaptcha")),
    ),
    Case(
        "unclassified form without free text",
        "not_applicable",
        site(contact_form(role="other", captcha="hcaptcha", free_text=False)),
    ),
]
