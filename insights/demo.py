"""Demo data (order 50): safety walks over the current and the last term (some
localities left unwalked), survey results 2023–2025 and one medborgarlöfte.
Idempotent: every row is found or created by a natural key."""

from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType

from accounts.models import Organisation
from casework.choices import MeasureStatus
from casework.measures import measure_create
from casework.models import Locality, Measure

from .models import (
    Breakdown,
    CitizenPromise,
    PlaceCategory,
    PromiseSignatory,
    SafetyWalk,
    Survey,
    SurveyResult,
    WalkPlace,
)

WALKS = [
    # (locality, date, residents, places [(location, category, description, measure?)])
    ("Tranemo", date(2023, 4, 18), 23, [
        ("Gångtunneln vid stationen", PlaceCategory.LIGHTING, "Mörkt, två armaturer trasiga.",
         ("Byt armaturer i gångtunneln", "Samhällsbyggnad", MeasureStatus.DONE)),
        ("Parkeringen vid Storgatan", PlaceCategory.VEGETATION, "Buskar skymmer sikten.",
         ("Beskär buskage vid parkeringen", "Samhällsbyggnad", MeasureStatus.IN_PROGRESS)),
    ]),
    ("Limmared", date(2023, 9, 12), 11, [
        ("Busshållplatsen vid glasbruket", PlaceCategory.VANDALISM, "Krossat väderskydd.",
         ("Laga väderskyddet", "Samhällsbyggnad", MeasureStatus.DONE)),
    ]),
    ("Länghem", date(2024, 3, 12), 9, [
        ("Skolvägen", PlaceCategory.TRAFFIC, "Höga hastigheter vid skolan.",
         ("Hastighetsmätning vid skolan", "Polisen", MeasureStatus.DECIDED)),
    ]),
    ("Dalstorp", date(2024, 5, 14), 14, [
        ("Idrottsplatsen", PlaceCategory.LIGHTING, "Ingen belysning på gångvägen.", None),
    ]),
    ("Grimsås", date(2024, 9, 10), 7, []),
    ("Uddebo", date(2025, 5, 13), 6, [
        ("Bron över ån", PlaceCategory.OTHER, "Räcket är löst.",
         ("Laga räcket på bron", "Samhällsbyggnad", MeasureStatus.PROPOSED)),
    ]),
    ("Ljungsarp", date(2025, 9, 9), 5, []),
    # The current term (from 2026-10-15).
    ("Tranemo", date(2026, 11, 10), 18, [
        ("Torget", PlaceCategory.VANDALISM, "Klotter på elskåpen.",
         ("Sanera klotter på torget", "Tranemobostäder", MeasureStatus.IN_PROGRESS)),
    ]),
    ("Limmared", date(2027, 3, 9), 0, []),  # booked
]

SURVEY_SAFETY = "Hur trygg känner du dig utomhus i ditt bostadsområde en sen kväll?"
SURVEY_WISH = "Vad önskar du att kommunen prioriterar för ökad trygghet?"
SAFETY_SHARES = {
    2023: [("Mycket trygg", "31.0"), ("Ganska trygg", "42.0"), ("Ganska otrygg", "17.0"),
           ("Mycket otrygg", "6.0"), ("Vet ej", "4.0")],
    2024: [("Mycket trygg", "29.5"), ("Ganska trygg", "43.5"), ("Ganska otrygg", "18.0"),
           ("Mycket otrygg", "5.0"), ("Vet ej", "4.0")],
    2025: [("Mycket trygg", "33.0"), ("Ganska trygg", "41.0"), ("Ganska otrygg", "16.0"),
           ("Mycket otrygg", "6.0"), ("Vet ej", "4.0")],
}
WISHES = {
    2023: [("Drogförebyggande arbete", 88), ("Trygga fysiska miljöer", 74),
           ("Meningsfull fritid för unga", 69), ("Fler vuxna ute kvällstid", 41)],
    2024: [("Drogförebyggande arbete", 91), ("Meningsfull fritid för unga", 80),
           ("Trygga fysiska miljöer", 71), ("Bättre belysning", 38)],
    2025: [("Trygga fysiska miljöer", 84), ("Drogförebyggande arbete", 83),
           ("Meningsfull fritid för unga", 77), ("Fler vuxna ute kvällstid", 45)],
}
AGE_SHARES = {"16–29 år": ["22.0", "40.0", "25.0", "9.0", "4.0"],
              "30–64 år": ["33.0", "43.0", "15.0", "5.0", "4.0"],
              "65 år och äldre": ["36.0", "41.0", "13.0", "6.0", "4.0"]}
# Invited, respondents and the coordinator's written analysis per year.
SURVEY_FACTS = {
    2023: (2000, 612, "Första året med enkäten i digital form. Otryggheten är störst bland "
                      "unga kvinnor, främst kvällstid i centrum och vid stationen.\n\n"
                      "Drogförebyggande arbete är den vanligaste önskan."),
    2024: (2000, 583, "Svarsfrekvensen sjönk något. Andelen som känner sig mycket trygg "
                      "minskade, och önskan om meningsfull fritid för unga ökade.\n\n"
                      "Vi föreslår fler vuxna ute kvällstid under sommarlovet."),
    2025: (2200, 704, "Högre svarsfrekvens efter påminnelser via skolorna. Andelen mycket "
                      "trygga ökade till 33 procent, och trygga fysiska miljöer är nu den "
                      "vanligaste önskan; belysningen i Tranemo centrum följs upp."),
}
GENDER_SHARES = {"Kvinna": ["24.0", "44.0", "21.0", "7.0", "4.0"],
                 "Man": ["40.0", "40.0", "12.0", "4.0", "4.0"]}


def _org(name, kind=Organisation.Kind.MUNICIPALITY):
    return Organisation.objects.get_or_create(name=name, defaults={"kind": kind})[0]


def _near_centre(locality, number):
    """A demo position a few hundred metres from the locality's centre (for
    the map); none when the locality has no centre."""
    if locality.latitude is None:
        return None, None
    step = Decimal("0.0025")
    return (locality.latitude + step * (number + 1) * (-1) ** number,
            locality.longitude + step * (2 - number))


def _measure(source, title, organisation, status, due):
    """The demo measure once (a re-run finds it), made like any other; a
    positioned place gives its measure the same position (for the map)."""
    existing = Measure.objects.filter(
        source_type=ContentType.objects.get_for_model(type(source)), source_id=source.pk,
        title=title).first()
    target = None
    if getattr(source, "latitude", None) is not None:
        target = {"locality": source.locality, "latitude": source.latitude,
                  "longitude": source.longitude}
    return existing or measure_create(actor=None, title=title, owner_organisation=organisation,
                                      status=status, due_date=due, term="short", source=source,
                                      target=target)


def seed(stdout):
    localities = {loc.name: loc for loc in Locality.objects.all()}
    tranemo = localities.get("Tranemo")
    if tranemo and not tranemo.contact_email:
        tranemo.contact_name = "Ortsrådet Tranemo (demo)"
        tranemo.contact_email = "ortsrad-tranemo@example.org"
        tranemo.save(update_fields=["contact_name", "contact_email"])
    tsk = _org("Trygg och Säker kommun (TSK)")
    police = _org("Polisen", Organisation.Kind.POLICE)
    housing = _org("Tranemobostäder", Organisation.Kind.HOUSING)
    for name, day, residents, places in WALKS:
        if name not in localities:
            continue
        walk, _ = SafetyWalk.objects.get_or_create(
            locality=localities[name], date=day,
            defaults={"meeting_point": "Vid ortens busshållplats", "residents_count": residents,
                      "route": "Centrum – skolan – idrottsplatsen – centrum",
                      "safety_meeting_note": f"Trygghetsmöte {name} 18–20"})
        walk.organisations.set([tsk, police, housing])
        for number, (location, category, description, measure) in enumerate(places):
            latitude, longitude = _near_centre(walk.locality, number)
            place, _ = WalkPlace.objects.get_or_create(
                walk=walk, location=location,
                defaults={"locality": walk.locality, "category": category,
                          "description": description, "latitude": latitude,
                          "longitude": longitude})
            if measure:
                title, org, status = measure
                _measure(place, title, _org(org), status, date(day.year, 12, 15))

    for year in (2023, 2024, 2025):
        invited, respondents, analysis = SURVEY_FACTS[year]
        survey, _ = Survey.objects.get_or_create(
            year=year, defaults={"title": f"Trygghetsenkät {year}", "invited": invited,
                                 "respondents": respondents, "analysis": analysis,
                                 "wish_question": SURVEY_WISH})
        row = 2
        for option, share in SAFETY_SHARES[year]:
            SurveyResult.objects.get_or_create(
                survey=survey, question=SURVEY_SAFETY, option=option,
                breakdown=Breakdown.TOTAL, breakdown_value="",
                defaults={"share": Decimal(share), "row_number": row})
            row += 1
        for breakdown, groups in ((Breakdown.GENDER, GENDER_SHARES),
                                  (Breakdown.AGE_GROUP, AGE_SHARES)):
            for group, shares in groups.items():
                for (option, _share), share in zip(SAFETY_SHARES[year], shares, strict=True):
                    SurveyResult.objects.get_or_create(
                        survey=survey, question=SURVEY_SAFETY, option=option,
                        breakdown=breakdown, breakdown_value=group,
                        defaults={"share": Decimal(share), "row_number": row})
                    row += 1
        for option, count in WISHES[year]:
            result, _ = SurveyResult.objects.get_or_create(
                survey=survey, question=SURVEY_WISH, option=option,
                breakdown=Breakdown.TOTAL, breakdown_value="",
                defaults={"count": count, "row_number": row})
            row += 1
            if year == 2025 and option == "Drogförebyggande arbete":
                _measure(result, "Föräldraträffar om lustgas och droger", tsk,
                         MeasureStatus.DECIDED, date(2026, 3, 31))

    if tranemo:
        promise, _ = CitizenPromise.objects.get_or_create(
            title="Medborgarlöfte Tranemo centrum 2025–2026",
            defaults={"locality": tranemo, "area_description": "Tranemo centrum och stationen",
                      "period_start": date(2025, 1, 1), "period_end": date(2026, 12, 31),
                      "text": "Polisen, kommunen och Tranemobostäder lovar gemensamt att öka "
                              "tryggheten i centrum."})
        for org, signer in ((police, "Lokalpolisområdeschef (demo)"),
                            (_org("Tranemo kommun"), "Kommunstyrelsens ordförande (demo)"),
                            (housing, "VD Tranemobostäder (demo)")):
            PromiseSignatory.objects.get_or_create(
                promise=promise, organisation=org,
                defaults={"signed_by": signer, "signed_on": date(2025, 1, 20)})
        for title, org, status, due in (
                ("Starta grannsamverkan i centrum", police, MeasureStatus.DONE,
                 date(2025, 6, 30)),
                ("Trygghetsvandringar två gånger om året", tsk, MeasureStatus.IN_PROGRESS,
                 date(2026, 10, 31)),
                ("Narkotikasök med hund vid skolor", police, MeasureStatus.IN_PROGRESS,
                 date(2026, 5, 31)),
                ("Gemensam mötesplats i bostadsområdet", housing, MeasureStatus.DECIDED,
                 date(2026, 9, 30))):
            _measure(promise, title, org, status, due)
    stdout.write("insights: walks, surveys 2023–2025 and a medborgarlöfte seeded")
