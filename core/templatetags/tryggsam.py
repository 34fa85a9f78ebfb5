"""Template helpers shared by the apps."""

from html import escape

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def select_options(choices, selected, empty_label=None):
    """The <option> elements of a filter <select>, `selected` marked. Built in
    Python because the lists render on hot pages (the inbox) where a template
    loop with a comparison per option costs more than the page's query.
    Values and labels are escaped."""
    current = "" if selected is None else str(selected)
    options = [] if empty_label is None else [
        f'<option value="">{escape(str(empty_label))}</option>']
    for value, label in choices:
        value = str(value)
        marker = " selected" if value == current else ""
        options.append(f'<option value="{escape(value)}"{marker}>{escape(str(label))}</option>')
    return mark_safe("".join(options))  # noqa: S308  # nosec B308 B703: all escaped above
