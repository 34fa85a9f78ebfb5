"""Demo data (order 40): the five working groups with demo users and a few
invented external people (example.org), their series for the current year,
past meetings with minutes and decisions turned into measures, and the
upcoming invitations and reminders waiting in the outbox. Idempotent."""

from datetime import date, time, timedelta

from django.utils import timezone

from accounts.models import User

from . import services
from .models import HolidayPolicy, Meeting, MeetingStatus, WorkingGroup

# name: (chair, secretary, user members, external members, series)
GROUPS = {
    "Lägesbild våldsbejakande extremism": (
        "samordnare", "sakerhet", ["socialtjanst", "barnochunga", "polis"], [],
        ("Lägesbild våldsbejakande extremism", "FREQ=MONTHLY;BYDAY=2TU", time(9, 0),
         time(10, 30), "Kommunhuset, rum Ätran", HolidayPolicy.LEAVE),
    ),
    "TSK-Unga": (
        "folkhalsostrateg", "folkhalsostrateg", ["barnochunga", "polis", "rapportor"],
        [("Elin Vik", "Elevhälsan, Tranemo kommun", "elin.vik@example.org")],
        ("TSK-Unga halvdag", "FREQ=YEARLY;BYMONTH=4,10;BYDAY=2TH", time(8, 30), time(12, 0),
         "Tranemo gymnasieskola, konferensrummet", HolidayPolicy.MOVE),
    ),
    "Plan/Trafik/Samhälle": (
        "planeringschef", "samordnare", ["sakerhet", "polis", "bostadsbolag"],
        [("Mats Åkesson", "Trafikverket (demo)", "mats.akesson@example.org")],
        ("Plan/Trafik/Samhälle", "FREQ=YEARLY;BYMONTH=5,11;BYDAY=1TU", time(13, 0),
         time(15, 0), "Samhällsbyggnad, Storgatan", HolidayPolicy.MOVE),
    ),
    "EST-styrgrupp": (
        "samordnare", "sakerhet",
        ["planeringschef", "ledning", "polis", "bostadsbolag", "socialtjanst"], [],
        ("EST-styrgrupp", "FREQ=MONTHLY;BYDAY=1TH", time(13, 0), time(14, 30),
         "Kommunhuset, rum Ätran", HolidayPolicy.MOVE),
    ),
    "Trygghetsvandringar": (
        "samordnare", "folkhalsostrateg", ["polis", "bostadsbolag"],
        [("Gunnel Ås", "Hembygdsföreningen (demo)", "gunnel.as@example.org"),
         ("Rolf Ek", "Boende i Limmared (demo)", "rolf.ek@example.org")],
        ("Trygghetsvandring", "FREQ=YEARLY;BYMONTH=3,5,9,10;BYDAY=3TU", time(18, 0),
         time(20, 0), "Samling vid torget", HolidayPolicy.LEAVE),
    ),
}

# Groups whose members send input (underlag) to the coordinator's inbox.
INPUT_GROUPS = {"TSK-Unga", "Plan/Trafik/Samhälle"}

DECISIONS = {
    "Lägesbild våldsbejakande extremism": "Uppdatera handlingsplanen inför nästa möte",
    "TSK-Unga": "Informera föräldrar om lustgas på höstens föräldramöten",
    "Plan/Trafik/Samhälle": "Se över belysningen på gång- och cykelvägen vid skolan",
    "EST-styrgrupp": "Utöka trygghetsrundorna kring centrum på helgkvällar",
    "Trygghetsvandringar": "Klipp buskagen vid busshållplatsen i Limmared",
}


def _user(username):
    return User.objects.filter(username=username).first()


def seed(stdout=None) -> None:
    today = timezone.localdate()
    for name, (chair, secretary, members, externals, series_spec) in GROUPS.items():
        group, _created = WorkingGroup.objects.get_or_create(name=name)
        group.chair, group.secretary = _user(chair), _user(secretary)
        group.takes_input = name in INPUT_GROUPS
        group.save(update_fields=["chair", "secretary", "takes_input"])
        for username in dict.fromkeys([chair, secretary, *members]):
            user = _user(username)
            if user and user.email and not group.memberships.filter(user=user).exists():
                services.membership_add(group=group, user=user)
        for person, organisation, email in externals:
            if not group.memberships.filter(email=email).exists():
                services.membership_add(group=group, name=person, organisation=organisation,
                                        email=email)
        title, rule, start, end, place, policy = series_spec
        if not group.series.filter(title=title).exists():
            services.series_create(
                group=group, title=title, rrule=rule, starts_on=date(today.year, 1, 1),
                ends_on=date(today.year, 12, 31), start_time=start, end_time=end,
                place=place, holiday_policy=policy)
        _seed_past(group, today)
    if stdout:
        stdout.write(f"meetings: {WorkingGroup.objects.count()} groups, "
                     f"{Meeting.objects.count()} meetings\n")


def _seed_past(group: WorkingGroup, today) -> None:
    """The two latest past meetings get agenda and minutes; the latest has
    its minutes approved and a decision turned into a measure."""
    past = list(group.meetings.filter(date__lt=today, status=MeetingStatus.PLANNED)
                .order_by("-date")[:2])
    for index, meeting in enumerate(past):
        if not meeting.agenda:
            meeting = services.meeting_agenda_draft(meeting=meeting)
            Meeting.objects.filter(pk=meeting.pk).update(agenda_sent_at=meeting.agenda_drafted_at)
        if not meeting.minutes:
            text = ("Närvarande: se deltagarlistan.\n"
                    "1. Lägesbilden gicks igenom.\n"
                    "2. Åtgärder följdes upp.\n"
                    "3. Beslut: se nedan.\n")
            if index == 0:
                services.meeting_minutes_save(meeting=meeting, minutes=text, approve=True)
            else:
                Meeting.objects.filter(pk=meeting.pk).update(
                    minutes=text, minutes_approved_at=timezone.now())
        if index == 0 and not meeting.decisions.exists() and group.chair:
            owner = group.chair
            services.decision_add(
                meeting=meeting, text=DECISIONS[group.name], actor=group.chair, owner=owner,
                owner_organisation=owner.organisation,
                due_date=max(today, meeting.date) + timedelta(days=30))
