"""An unbound form whose fields are fixed in code renders the same HTML on
every request (the CSRF token sits outside, in the page's <form>). Its
fields, through core/_form_fields.html, are rendered once per process and
language and then reused: on the audited referral detail the form's widget
templates were about an eighth of the page (profiled 2026-12-03).

Only for forms whose fields, choices and initial values never depend on the
request or the database; a bound form (a POST answered with its errors) is
always rendered afresh."""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

_kept: dict[tuple, str] = {}


def form_fields_html(form) -> str:
    """`form` is a form, or a form class for its blank form: then the form is
    made only the first time (making one deep-copies its fields)."""
    if isinstance(form, type):
        form_class, form = form, None
    elif form.is_bound or form.initial or form.prefix:
        return render_to_string("core/_form_fields.html", {"form": form})
    else:
        form_class = type(form)
    key = (form_class, get_language())
    html = _kept.get(key)
    if html is None:
        blank = form if form is not None else form_class()
        html = _kept[key] = str(render_to_string("core/_form_fields.html", {"form": blank}))
    return mark_safe(html)  # noqa: S308 (our own template's output)
