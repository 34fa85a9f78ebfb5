"""Swedish personal identity numbers: validation (Luhn and date, via the
`personnummer` package), normalisation to YYYYMMDD-XXXX and masking."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from personnummer import personnummer as pnr


def normalise(value: str) -> str:
    """The long form 'YYYYMMDD-XXXX'; raises ValidationError when invalid."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        parsed = pnr.Personnummer(value)
    except pnr.PersonnummerException as error:
        raise ValidationError(
            _("Enter a valid personal identity number (YYYYMMDD-XXXX)."), code="invalid",
        ) from error
    digits = parsed.format(True)
    return f"{digits[:8]}-{digits[8:]}"


def mask(value: str) -> str:
    if not value:
        return ""
    return value[:6] + "**-****"
