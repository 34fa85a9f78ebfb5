"""The start-page panel. The report roll-up is NOT kept here:
database triggers do that (migration 0002), so bulk writes are counted too."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import allowed
from core.navigation import Panel


def coverage_panel(user):
    if not allowed(user, "insights.manage_insights"):
        return None
    from .periods import term_containing
    from .selectors import localities_without_walk

    term = term_containing(timezone.localdate())
    missing = localities_without_walk(term)
    return Panel(title=_("Localities without a safety walk %(term)s") % {"term": term.label()},
                 url=reverse("insights:walk-coverage"), count=len(missing),
                 lines=tuple(missing[:5]), empty_text=_("Every locality has a walk."))
