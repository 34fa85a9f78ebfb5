"""Nothing of a concern is registered in the admin: superusers must not see
content. The support numbers are kept on the coordinator's own page
(/oro/stodnummer/): an admin entry would put the concerns app on the admin
index. viewflow registers its own Process and Task admin; those are
replaced here by ones that leave out the concern flow (its processes would
reveal which concerns exist and who handled them). Through
`NeedToKnowAdmin` a concern process asked for by id answers 404, like one
that does not exist."""

from django.contrib import admin
from viewflow.workflow.admin import ProcessAdmin, TaskAdmin
from viewflow.workflow.models import Process, Task

from audit.admin import NeedToKnowAdmin

from .flows import ConcernFlow


class ProcessAdminWithoutConcerns(NeedToKnowAdmin, ProcessAdmin):
    def visible_queryset(self, request, queryset):
        return queryset.exclude(flow_class=ConcernFlow)


class TaskAdminWithoutConcerns(NeedToKnowAdmin, TaskAdmin):
    def visible_queryset(self, request, queryset):
        return queryset.exclude(process__flow_class=ConcernFlow)


for model, model_admin in ((Process, ProcessAdminWithoutConcerns),
                           (Task, TaskAdminWithoutConcerns)):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)

