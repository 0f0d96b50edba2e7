from rulecase import Case, Page, Walk, contact_form, observations

from auditor.models import FormInfo


def site(*forms: FormInfo):
    return observations(
        Walk(pages=[Page("/", kind="home"), Page("/contact", kind="contact", forms=list(forms))])
    )


CASES = [
    Case("three required", "pass", site(contact_form(3, hidden_required=4))),
    Case("nine required", "fail", site(contact_form(9))),
    Case(
        "stricter threshold", "fail", site(contact_form(4)), thresholds={"max_required_fields": 3}
    ),
    Case("no contact form", "not_applicable", site(contact_form(9, role="search"))),
]
