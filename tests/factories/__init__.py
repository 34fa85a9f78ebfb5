"""factory-boy factories with traits for each app's models. They create
through the owning app's services, so a factory-made row is in a state the
application can reach (HS/ZU: realistic state through the real services):

    UserFactory(roles=[Role.X]), OrganisationFactory()           accounts
    ReportFactory(triaged=True | set_aside=True)                   casework
    MeasureFactory(done=True, from_meeting=True)                   casework.measures
    ConcernFactory(triaged=True | referred=True | closed=True)     concerns
    WorkingGroupFactory(sensitive=True), MeetingFactory(past=True) meetings
"""

from .accounts import OrganisationFactory, UserFactory
from .casework import MeasureFactory, ReportFactory
from .concerns import ConcernFactory
from .meetings import MeetingFactory, WorkingGroupFactory

__all__ = ["ConcernFactory", "MeasureFactory", "MeetingFactory", "OrganisationFactory",
           "ReportFactory", "UserFactory", "WorkingGroupFactory"]
