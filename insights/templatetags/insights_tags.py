from django import template

from insights.exports import display

register = template.Library()


@register.filter
def cell(value):
    """A table cell as the page and the CSV show it (– for no value, ISO dates)."""
    return display(value)


@register.filter
def is_number(value):
    return isinstance(value, int | float) or type(value).__name__ == "Decimal"
