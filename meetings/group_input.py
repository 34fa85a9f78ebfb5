"""Input (underlag) from a working group to the coordinator: TSK-Unga's
information reaches TSK through the folkhälsostrateg, Plan/Trafik/Samhälle's
through the säkerhetssamordnare. It is a report like any other, submitted
through workflows.services.report_submit (report and triage task in one
transaction), with the group recorded as its source."""

from casework.forms import ReportForm
from core.access import require
from workflows import services as submit


class GroupInputForm(ReportForm):
    """The report form without files and coordinates: a group's input is a
    description of what the group has seen or heard."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("attachments", "latitude", "longitude"):
            del self.fields[name]


def group_input_submit(*, group, user, data: dict):
    """Submit the group's input. Returns (report, created)."""
    require(user, "meetings.send_input", group)
    return submit.report_submit(
        reporter=user, source_group=group, category=data["category"],
        locality=data["locality"], place=data["place"], occurred_on=data["occurred_on"],
        occurred_time=data["occurred_time"], part_of_day=data["part_of_day"],
        description=data["description"], urgency=data["urgency"],
        submission_key=f"group:{group.pk}:{user.pk}:{data['submission_key']}")
