"""Need-to-know in the Django admin, in one place.

The admin is a second way into the same data as the views, so it answers to
the same rules: every ModelAdmin of a model with content (reports, cases,
lägesbild documents, measures, meetings, decisions) derives from
`NeedToKnowAdmin` and

- lists only the rows the app's own selector lets this user see (superusers
  are bound too, see accounts.User.has_perm);
- answers 404 for any other object, on the change, history and delete pages
  (Django would redirect with "perhaps it was deleted?", which tells the
  user the object exists);
- writes an access-log row, before the page is rendered, whenever it renders
  a sensitive object, on GET and on a re-rendered invalid POST alike.

Nothing of the `concerns` app and no access-log row is registered in the
admin at all: concerns and referrals have their own pages, the log has the
log reviewer's page (audit:log), and neither is ever editable here."""

from django.contrib import admin
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

from core.access import allowed

from .models import AccessLogEntry
from .services import AuditUnavailable, access_log_write


class NeedToKnowAdmin(admin.ModelAdmin):
    """Base ModelAdmin for models whose rows not everyone may see.

    Subclasses say which rows a user may see (`visible_queryset`), optionally
    which rules permission each object must also pass (`object_rule`), and
    which objects are sensitive enough that every read is logged
    (`sensitive_read`)."""

    # A `rules` permission checked per object (e.g. "casework.view_measure"),
    # on top of the queryset: an app that narrows its object rule narrows the
    # admin with it.
    object_rule: str | None = None

    def visible_queryset(self, request, queryset):
        """The rows `request.user` may see; deny by default."""
        return queryset.none()

    def sensitive_read(self, request, obj) -> tuple[str, str] | None:
        """(object type, basis) for the access log when showing `obj` must be
        logged; None when it need not be."""
        return None

    def get_queryset(self, request):
        return self.visible_queryset(request, super().get_queryset(request))

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        if self.object_rule and not allowed(request.user, self.object_rule, obj):
            raise Http404
        return obj

    def render_change_form(self, request, context, add=False, change=False, form_url="",
                           obj=None):
        # The one place every change/view page of an object is rendered, for
        # GET and for a POST that failed validation: log here, before the
        # content exists as a response.
        if obj is not None and obj.pk is not None:
            refusal = self._log_sensitive_read(request, obj)
            if refusal is not None:
                return refusal
        return super().render_change_form(request, context, add=add, change=change,
                                          form_url=form_url, obj=obj)

    def _log_sensitive_read(self, request, obj):
        sensitive = self.sensitive_read(request, obj)
        if sensitive is None:
            return None
        object_type, basis = sensitive
        try:
            access_log_write(user=request.user, action=AccessLogEntry.Action.READ,
                             basis=basis, object_type=object_type, object_id=obj.pk,
                             request=request)
        except AuditUnavailable:
            # Fail closed: no log row, no content.
            return HttpResponse(_("The access log cannot be written right now; "
                                  "nothing is shown."), status=503,
                                content_type="text/plain; charset=utf-8")
        return None
