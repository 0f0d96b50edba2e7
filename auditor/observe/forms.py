"""Forms: which ones a customer can use to write to the company.

A contact form is the one with room for a free-text message; search boxes, log-in forms
and newsletter sign-ups have fields too but carry no complaint.  Required fields and
CAPTCHAs are friction the rules weigh, so they are counted here.
"""

from __future__ import annotations

import re
from typing import Literal

from auditor.models import FormFact, FormField, FormInfo
from auditor.observe.text import fold

__all__ = [
    "FormRole",
    "classify_form",
    "form_fact",
    "has_free_text",
    "required_fields",
    "required_inputs",
]

FormRole = Literal["contact", "search", "login", "newsletter", "other"]

_SEARCH = re.compile(
    r"(?<![a-z])(?:search|buscar|busqueda|suche|suchen|recherche|rechercher|cerca|ricerca|"
    r"pesquisa|pesquisar|procurar|חיפוש|חפש|q|query|s|keywords?)(?![a-z])"
)
_NEWSLETTER = re.compile(
    r"newsletter|subscribe|suscri|abonn|iscriv|inscri|assin|boletin|ניוזלטר|דיוור|הרשמה"
)
_MESSAGE = re.compile(
    r"message|mensaje|mensagem|messaggio|nachricht|anliegen|comment|comentario|commentaire|"
    r"commento|consulta|query|enquiry|inquiry|question|pregunta|frage|demande|richiesta|"
    r"descripcion|description|beschreibung|details|detalles|reclamacion|complaint|"
    r"beschwerde|reclamation|reclamo|reclamacao|תוכן|הודעה|פנייה|פניה|תלונה|הערות"
)
# A field that asks for a reference ("Complaint reference", "Order number", "Aktenzeichen")
# looks something up; it takes no message, whatever it is about.
_REFERENCE = re.compile(
    r"reference|ref(?:\.|$| )|number|numero|nummer|tracking|track|\bid\b|code|codigo|"
    r"aktenzeichen|vorgangsnummer|referencia|riferimento|referencia|numero de pedido|"
    r"מספר|אסמכתא"
)
_TEXT_TYPES = frozenset({"text", "textarea", ""})
_HIDDEN_TYPES = frozenset({"hidden", "submit", "button", "reset", "image"})


def _words(field: FormField) -> str:
    return fold(f"{field.name} {field.label}")


def has_free_text(form: FormInfo) -> bool:
    """A textarea, or a text field whose name or label asks for a message."""
    if form.has_free_text:
        return True
    for field in form.fields:
        if field.type == "textarea":
            return True
        words = _words(field)
        if field.type in _TEXT_TYPES and _MESSAGE.search(words) and not _REFERENCE.search(words):
            return True
    return False


def required_inputs(form: FormInfo) -> list[FormField]:
    """Fields the customer must fill in: visible, required, not a hidden input or a button."""
    return [
        f for f in form.fields if f.required and f.visible and f.type.lower() not in _HIDDEN_TYPES
    ]


def required_fields(form: FormInfo) -> int:
    return len(required_inputs(form))


def classify_form(form: FormInfo) -> FormRole:
    """contact | search | login | newsletter | other."""
    fields = [f for f in form.fields if f.type not in _HIDDEN_TYPES]
    action = fold(form.action)
    if form.has_password or any(f.type == "password" for f in fields):
        return "login"
    free_text = has_free_text(form)
    searchy = any(f.type == "search" for f in fields) or (
        len(fields) <= 2
        and not free_text
        and (
            bool(_SEARCH.search(action))
            or any(_SEARCH.search(_words(f)) for f in fields if f.type in _TEXT_TYPES)
        )
    )
    if searchy and not any(f.type == "textarea" for f in fields):
        return "search"
    if not free_text:
        kinds = {f.type for f in fields}
        only_email = (
            "email" in kinds and len(fields) <= 3 and kinds <= {"email", "checkbox", "text"}
        )
        named = _NEWSLETTER.search(action) or any(_NEWSLETTER.search(_words(f)) for f in fields)
        if only_email or named:
            return "newsletter"
        return "other"
    return "contact"


def form_fact(form: FormInfo) -> FormFact:
    """Role, required fields and CAPTCHA of one form: the one reading every rule uses.

    The page's own hint (``role`` from the extraction) wins; otherwise the fields decide.
    """
    return FormFact(
        id=form.id,
        role=form.role if form.role != "other" else classify_form(form),
        required=required_fields(form),
        required_labels=[f.label or f.name for f in required_inputs(form)],
        captcha=form.captcha,
        file_upload=form.has_file_upload,
        visible=form.visible,
        depth=form.depth,
        selector=form.selector,
    )
