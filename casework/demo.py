"""EST demo data and start-page panels. Reports and cases are seeded by
workflows.demo (submitted and triaged through the flow); this seed adds the
lägesbild and measures, get-or-create by title."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from core.access import allowed

from .choices import CaseStatus, MeasureStatus, MeasureTerm, PeriodKind
from .models import Case, Measure, Report, SituationPicture


def demo_users():
    return {u.username: u for u in User.objects.filter(
        username__in=["samordnare", "polis", "bostadsbolag", "rapportor", "planeringschef"])}


def seed(stdout=None) -> None:
    """The lägesbild and measures (after workflows' seed: reports and cases)."""
    users = demo_users()
    if "samordnare" not in users:
        return
    _seed_picture_and_measures(users, timezone.localdate())
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

    if not allowed(user, "casework.submit_report"):
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
    if not mine and not allowed(user, "casework.view_measure_list"):
        return None
    return Panel(
        title=_("My measures"), url=reverse("casework:measure-list") + "?mina=1",
        lines=tuple({"text": f"{m.title} · {m.due_date.isoformat() if m.due_date else '–'}",
                     "url": reverse("casework:measure-detail", args=[m.pk])} for m in mine),
        empty_text=_("No open measures of yours."),
    )
