"""Working groups and meetings, made through meetings.services (a group gets
its chair as a member, a meeting comes from a one-day series like a real one).

    WorkingGroupFactory()                 an open group, chaired by a member
    WorkingGroupFactory(sensitive=True)   handles sensitive matters
    MeetingFactory()                      a planned meeting a week from today
    MeetingFactory(past=True)             held a week ago (minutes, decisions)
"""

from datetime import time, timedelta

import factory
from django.utils import timezone

from accounts.roles import Role
from meetings import services
from meetings.models import Meeting, WorkingGroup

from .accounts import UserFactory


class WorkingGroupFactory(factory.Factory):
    class Meta:
        model = WorkingGroup

    name = factory.Sequence(lambda n: f"Arbetsgrupp {n}")
    purpose = "Prov"
    chair = factory.SubFactory(UserFactory, roles=[Role.GROUP_MEMBER])
    handles_sensitive = False

    class Params:
        sensitive = factory.Trait(handles_sensitive=True)

    @classmethod
    def _create(cls, model_class, **kwargs):
        return services.group_create(**kwargs)


class MeetingFactory(factory.Factory):
    class Meta:
        model = Meeting

    group = factory.SubFactory(WorkingGroupFactory)
    date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))
    start = time(9, 0)
    end = time(10, 0)

    class Params:
        past = factory.Trait(
            date=factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=7)))

    @classmethod
    def _create(cls, model_class, *, group, date, start, end):
        services.series_create(group=group, title=group.name, rrule="FREQ=DAILY;COUNT=1",
                               starts_on=date, ends_on=date, start_time=start, end_time=end)
        return group.meetings.get(date=date)
