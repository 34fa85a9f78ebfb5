"""Support numbers (SupportContact): the one selector that the concern pages
show them through, and the coordinator's changes. Reference data, not
concern content: no access log, no need-to-know."""

from django.core.exceptions import ValidationError
from django.db import transaction

from core.errors import Invalid

from .models import SupportContact, validate_phone

FIELDS = ("name", "phone", "hours", "description", "order", "shown")


def support_contacts_shown() -> list[SupportContact]:
    """The numbers shown on the concern pages, in the coordinator's order."""
    return list(SupportContact.objects.filter(shown=True))


def _checked_phone(phone: str) -> str:
    phone = " ".join((phone or "").split())
    try:
        validate_phone(phone)
    except ValidationError as error:
        raise Invalid({"phone": error.messages[0]}, code="phone") from None
    return phone


def support_contact_save(*, contact: SupportContact | None = None,
                         data: dict) -> SupportContact:
    """Create (contact None) or change a support number. `data` holds FIELDS."""
    values = {name: data[name] for name in FIELDS if name in data}
    values["phone"] = _checked_phone(values.get("phone", ""))
    with transaction.atomic():
        if contact is None:
            return SupportContact.objects.create(**values)
        contact = SupportContact.objects.select_for_update().get(pk=contact.pk)
        for name, value in values.items():
            setattr(contact, name, value)
        contact.save()
    return contact


def support_contact_delete(*, contact: SupportContact) -> None:
    with transaction.atomic():
        SupportContact.objects.filter(pk=contact.pk).delete()
