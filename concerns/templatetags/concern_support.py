"""`{% support_contacts %}`: the support numbers (concerns.support) as a list
with headings, on every page where a concern is raised, recorded or referred.
One query; the edit link only for those who may change them."""

from django import template

from core.access import allowed

from ..support import support_contacts_shown

register = template.Library()


def _may_edit(context) -> bool:
    user = getattr(context.get("request"), "user", None)
    return user is not None and allowed(user, "concerns.manage_support_contacts")


@register.simple_tag(takes_context=True)
def may_edit_support_contacts(context) -> bool:
    return _may_edit(context)


@register.inclusion_tag("concerns/_support_contacts.html", takes_context=True)
def support_contacts(context):
    return {"support_contacts": support_contacts_shown(), "can_edit": _may_edit(context)}
