"""Demo data (order 60, after the walks): trygghetsmöten in the last and the
current term, one held with residents' input that became a measure and a
report, with its safety walk linked and the feedback sent. Idempotent: a
meeting is found by locality and date. Made through the services, as the
coordinator (`samordnare`) would."""

from datetime import date

from django.contrib.auth import get_user_model

from accounts.models import Organisation
from casework.models import Category, Locality
from insights.models import SafetyWalk

from . import services
from .models import TownMeeting

MEETINGS = [
    # (locality, date, venue, residents, input [(topic, place, description, becomes)])
    ("Dalstorp", date(2024, 5, 14), "Dalstorps bygdegård", 31, []),
    ("Grimsås", date(2024, 9, 10), "Grimsås folkets hus", 17, []),
    ("Tranemo", date(2026, 11, 10), "Tranemo bibliotek, hörsalen", 42, [
        ("Mörk gångväg till stationen", "Gångvägen Storgatan–stationen",
         "Flera boende upplever gångvägen som otrygg kvällstid: belysningen räcker inte.",
         "measure"),
        ("Lustgaspatroner vid skolgården", "Skolgården vid Dalängen",
         "Boende har hittat lustgaspatroner på skolgården under helgerna.", "report"),
        ("Fler vuxna ute på kvällarna", "",
         "Förslag om nattvandring på fredagar med föreningslivet.", ""),
    ]),
    ("Limmared", date(2027, 3, 9), "Limmareds Folkets park", 0, []),
]


def seed(stdout):
    coordinator = get_user_model().objects.filter(username="samordnare").first()
    if coordinator is None:
        stdout.write("townmeetings: no coordinator 'samordnare', no safety meetings")
        return
    localities = {loc.name: loc for loc in Locality.objects.all()}
    organisation = Organisation.objects.filter(name="Samhällsbyggnad").first() or \
        Organisation.objects.order_by("name").first()
    category = (Category.objects.filter(slug__icontains="lustgas").first()
                or Category.objects.filter(is_active=True).order_by("sort_order").first())
    made = 0
    for name, day, venue, residents, inputs in MEETINGS:
        locality = localities.get(name)
        if locality is None or TownMeeting.objects.filter(locality=locality, date=day).exists():
            continue
        meeting = services.town_meeting_create(
            actor=coordinator, locality=locality, date=day, venue=venue,
            invited_experts="Fritidschef, enhetschef Barn och unga",
            safety_walk=SafetyWalk.objects.filter(locality=locality, date=day).first(),
            residents_count=residents)
        made += 1
        for topic, place, description, becomes in inputs:
            item = services.input_add(actor=coordinator, meeting=meeting, topic=topic,
                                      place=place, description=description)
            if becomes == "measure" and organisation is not None:
                services.input_to_measure(actor=coordinator, item=item,
                                          title="Förbättra belysningen på gångvägen",
                                          owner_organisation=organisation,
                                          due_date=date(2027, 3, 31))
            elif becomes == "report" and category is not None:
                services.input_to_report(actor=coordinator, item=item, category=category)
        if inputs and meeting.feedback_email:
            services.town_meeting_feedback_send(actor=coordinator, meeting=meeting)
    stdout.write(f"townmeetings: {made} safety meetings")
