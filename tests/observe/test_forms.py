"""Form roles: contact vs search / login / newsletter; required fields."""

from __future__ import annotations

import pytest

from auditor.models import FormField, FormInfo
from auditor.observe.forms import classify_form, required_fields


def _form(*fields: FormField, action: str = "", **kw: object) -> FormInfo:
    return FormInfo.model_validate(
        {"id": "f1", "action": action, "fields": [f.model_dump() for f in fields], **kw}
    )


@pytest.mark.parametrize(
    ("form", "role"),
    [
        (
            _form(
                FormField(name="nombre", required=True),
                FormField(name="email", type="email", required=True),
                FormField(name="mensaje", type="textarea", required=True),
            ),
            "contact",
        ),
        (
            _form(FormField(name="nachricht", label="Ihr Anliegen", type="text")),
            "contact",
        ),
        (_form(FormField(name="q", type="search")), "search"),
        (_form(FormField(name="buscar"), action="/buscar"), "search"),
        (_form(FormField(name="חיפוש")), "search"),
        (
            _form(
                FormField(name="user"), FormField(name="pass", type="password"), has_password=True
            ),
            "login",
        ),
        (_form(FormField(name="email", type="email")), "newsletter"),
        (
            _form(FormField(name="email", type="email"), action="/newsletter/subscribe"),
            "newsletter",
        ),
        (_form(FormField(name="postcode"), FormField(name="street")), "other"),
        # Looking a complaint up is no way to make one.
        (_form(FormField(name="ref", label="Complaint reference"), method="get"), "other"),
        (_form(FormField(name="az", label="Aktenzeichen Ihrer Beschwerde")), "other"),
        (_form(FormField(name="complaint", label="Your complaint")), "contact"),
    ],
)
def test_classify_form(form: FormInfo, role: str) -> None:
    assert classify_form(form) == role


def test_required_fields_ignore_hidden_and_buttons() -> None:
    form = _form(
        FormField(name="a", required=True),
        FormField(name="b", required=False),
        FormField(name="token", type="hidden", required=True),
        FormField(name="go", type="submit", required=True),
        FormField(name="msg", type="textarea", required=True),
    )
    assert required_fields(form) == 2
