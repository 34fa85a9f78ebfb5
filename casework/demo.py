"""EST demo data and start-page panels. The seed is idempotent: reports are
keyed by a fixed submission key, cases come only from still-new reports,
measures and the lägesbild are get-or-create by title."""

import random
from datetime import time, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User

from .choices import CaseStatus, MeasureStatus, MeasureTerm, PartOfDay, PeriodKind, Urgency
from .models import Case, Category, Locality, Measure, Report, SituationPicture

REPORT_COUNT = 200
DESCRIPTIONS = [
    "Krossad ruta i busskuren, glas på marken.",
    "Nytt klotter på gavelväggen mot parkeringen.",
    "Mycket skräp och flaskor efter helgen vid badplatsen.",
    "Brand i papperskorg, släckt av förbipasserande.",
    "Grupp om ca tio ungdomar samlas sent vid centrumhuset, hög musik.",
    "Fynd av sprutor nära gångtunneln.",
    "Många tomma lustgaspatroner och ballonger på skolgården.",
    "Hotfull stämning vid kiosken, personal kände sig otrygg.",
    "Trasig belysning gör gångvägen mörk och otrygg.",
]


def _demo_users():
    return {u.username: u for u in User.objects.filter(
        username__in=["samordnare", "polis", "bostadsbolag", "rapportor", "planeringschef"])}


def seed(stdout=None) -> None:
    from workflows.demo import triage_demo_report

    from . import services

    users = _demo_users()
    if "samordnare" not in users:
        return
    reporters = [users[name] for name in ("polis", "bostadsbolag", "rapportor") if name in users]
    coordinator = users["samordnare"]
    localities = list(Locality.objects.filter(is_active=True))
    categories = list(Category.objects.filter(is_active=True))
    rng = random.Random(1452)  # Tranemo's kommunkod: the same demo every time
    today = timezone.localdate()
    reports = []
    for i in range(REPORT_COUNT):
        days_ago = rng.randint(0, 364) if i >= 15 else rng.randint(0, 6)
        occurred = today - timedelta(days=days_ago)
        known_time = rng.random() < 0.6
        report, created = services.report_submit(
            reporter=reporters[i % len(reporters)],
            category=categories[rng.randrange(len(categories))],
            locality=localities[min(int(rng.expovariate(0.35)), len(localities) - 1)],
            place=rng.choice(["Centrum", "Busstationen", "Skolgården", "Badplatsen",
                              "Idrottsplatsen", "Gångtunneln", ""]),
            occurred_on=occurred,
            occurred_time=time(rng.randint(0, 23), rng.choice([0, 15, 30, 45]))
            if known_time else None,
            part_of_day=PartOfDay.UNKNOWN if known_time else rng.choice(
                [PartOfDay.EVENING, PartOfDay.NIGHT, PartOfDay.AFTERNOON]),
            description=DESCRIPTIONS[i % len(DESCRIPTIONS)],
            urgency=rng.choice([Urgency.NORMAL] * 6 + [Urgency.HIGH] * 3 + [Urgency.URGENT]),
            submission_key=f"demo:report:{i}",
        )
        if created:
            submitted = timezone.make_aware(timezone.datetime.combine(
                occurred + timedelta(days=rng.randint(0, 2)) if days_ago > 2 else occurred,
                time(rng.randint(7, 21), rng.randint(0, 59))))
            Report.objects.filter(pk=report.pk).update(created_at=min(submitted, timezone.now()))
        reports.append((i, report))

    # Triage all but the newest 15: cases in every state, some set aside.
    statuses = [CaseStatus.INTAKE, CaseStatus.ANALYSIS, CaseStatus.ACTION,
                CaseStatus.FEEDBACK, CaseStatus.CLOSED]
    last_case = None
    for i, report in reports:
        if i < 15 or report.status != "new":
            continue
        if i % 9 == 0:
            triage_demo_report(report=report, user=coordinator, action="set_aside",
                               reason="Redan åtgärdat av fastighetsägaren.")
        elif i % 3 == 0 and last_case is not None:
            triage_demo_report(report=report, user=coordinator, action="add_to_case",
                               case=last_case)
        else:
            case = triage_demo_report(report=report, user=coordinator, action="open_case")
            last_case = case
            target = statuses[i % len(statuses)]
            if target == CaseStatus.CLOSED:
                services.case_close(case=case, actor=coordinator,
                                    outcome="Polisen har ökat närvaron och platsen städats.")
                last_case = None
            else:
                # One step at a time, as the transition table allows.
                for status in statuses[1:statuses.index(target) + 1]:
                    services.case_set_status(case=case, status=status, actor=coordinator)

    _seed_picture_and_measures(users, today)
    if stdout:
        stdout.write(f"casework: {Report.objects.count()} reports, {Case.objects.count()} cases")


def _seed_picture_and_measures(users, today) -> None:
    from . import services

    coordinator = users["samordnare"]
    tsk = Organisation.objects.filter(name__startswith="Trygg och Säker").first()
    housing = Organisation.objects.filter(kind=Organisation.Kind.HOUSING).first()
    police = Organisation.objects.filter(kind=Organisation.Kind.POLICE).first()
    if not (tsk and housing and police):
        return
    month_start = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    first, last = services.period_bounds(PeriodKind.MONTH, month_start)
    title = f"Lägesbild {first:%Y-%m}"
    picture = SituationPicture.objects.filter(title=title).first()
    if picture is None:
        picture = services.picture_create(actor=coordinator, period_kind=PeriodKind.MONTH,
                                          period_start=first, title=title)
        picture = services.picture_update(
            picture=picture, actor=coordinator, version=picture.version,
            highlights="Ökning av klotter i Tranemo centrum; lustgaspatroner vid skolor.",
            notes="Sammanställt av TSK.")
        picture = services.picture_record_analysis(
            picture=picture, actor=users.get("planeringschef", coordinator),
            version=picture.version,
            analysis="Klottret koncentreras till centrum kvällstid. Föreslås bättre belysning "
                     "och snabb sanering samt information till föräldrar om lustgas.",
            proposed_measures=[
                {"title": "Snabbsanering av klotter inom 48 timmar", "term": MeasureTerm.SHORT,
                 "owner_organisation": housing},
                {"title": "Ny belysning vid gångtunneln", "term": MeasureTerm.LONG,
                 "owner_organisation": tsk},
            ])
        services.picture_publish(picture=picture, actor=coordinator, version=picture.version)
    plans = [
        ("Föräldrainformation om lustgas", MeasureStatus.PROPOSED, 20, tsk, "samordnare"),
        ("Trygghetsvandring i Limmared", MeasureStatus.DECIDED, 10, tsk, "samordnare"),
        ("Ökad polisnärvaro fredagskvällar", MeasureStatus.IN_PROGRESS, -5, police, "polis"),
        ("Röjning av buskage vid busstationen", MeasureStatus.DONE, -30, housing,
         "bostadsbolag"),
        ("Kameraövervakning av återvinningsstation", MeasureStatus.CANCELLED, -60, tsk, None),
        ("Uppföljning av klotter i centrum", MeasureStatus.IN_PROGRESS, 2, housing,
         "bostadsbolag"),
    ]
    some_case = Case.objects.exclude(status=CaseStatus.CLOSED).order_by("pk").first()
    for title, status, due_in, organisation, owner in plans:
        if Measure.objects.filter(title=title).exists():
            continue
        services.measure_create(
            actor=coordinator, title=title, owner_organisation=organisation,
            owner=users.get(owner) if owner else None, status=status,
            due_date=today + timedelta(days=due_in), term=MeasureTerm.SHORT,
            description="Demoåtgärd.", situation_picture=picture,
            cases=[some_case] if some_case else [])


# ---------------------------------------------------------------- start page

def reports_panel(user):
    from core.navigation import Panel

    if not user.has_perm("casework.submit_report"):
        return None
    latest = list(Report.objects.est().filter(reporter=user).only(
        "reference", "status").order_by("-created_at")[:5])
    return Panel(
        title=_("My reports"), url=reverse("casework:report-list"),
        lines=tuple({"text": f"{r.reference} · {r.get_status_display()}",
                     "url": reverse("casework:report-detail", args=[r.reference])}
                    for r in latest),
        empty_text=_("You have not reported anything yet."),
    )


def measures_panel(user):
    from core.navigation import Panel

    from .choices import OPEN_MEASURE_STATUSES
    from .selectors import measures_visible_to

    mine = list(measures_visible_to(user, Measure.objects.filter(
        owner=user, status__in=OPEN_MEASURE_STATUSES))
        .only("id", "title", "due_date").order_by("due_date")[:5])
    if not mine and not user.has_perm("casework.view_measure_list"):
        return None
    return Panel(
        title=_("My measures"), url=reverse("casework:measure-list") + "?mina=1",
        lines=tuple({"text": f"{m.title} · {m.due_date.isoformat() if m.due_date else '–'}",
                     "url": reverse("casework:measure-detail", args=[m.pk])} for m in mine),
        empty_text=_("No open measures of yours."),
    )
