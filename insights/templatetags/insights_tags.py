from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from insights.exports import display

register = template.Library()


@register.filter
def cell(value):
    """A table cell as the page and the CSV show it (– for no value, ISO dates)."""
    return display(value)


@register.filter
def percent(value):
    """A survey share as Swedish text reads it: 30.5 -> "30,5 %" (– for none)."""
    if value is None or value == "":
        return "–"
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    # A no-break space keeps the number and its sign on one line.
    return f"{number_format(number, decimal_pos=1, use_l10n=True)}\u00a0%"


@register.filter
def points(value):
    """A change in percentage points with its sign: +2,5 procentenheter."""
    if value is None:
        return "–"
    number = number_format(abs(Decimal(str(value))), decimal_pos=1, use_l10n=True)
    sign = "+" if value > 0 else "\u2212" if value < 0 else "±"
    return _("%(sign)s%(number)s percentage points") % {"sign": sign, "number": number}


@register.filter
def signed(value):
    """A change in a count with its sign: +12, −3, ±0 (– for none)."""
    if value is None:
        return "–"
    sign = "+" if value > 0 else "\u2212" if value < 0 else "±"
    return f"{sign}{number_format(abs(value), use_l10n=True)}"


@register.filter
def is_number(value):
    return isinstance(value, int | float) or type(value).__name__ == "Decimal"
