"""Demo action plan (order 45, after the working groups): a plan for the
current year and the next, in draft, with three goals, measures due next year
owned by members of the extremism lägesbild group, and this year's
follow-up. Through the real services, so owners get their notices. Idempotent."""

from datetime import date

from django.utils import timezone

from accounts.models import User
from meetings.models import WorkingGroup

from . import services
from .models import ActionPlan, GoalStatus

GROUP = "Lägesbild våldsbejakande extremism"

GOALS = [
    ("Kunskapen om våldsbejakande extremism ökar bland kommunens medarbetare",
     "Medarbetare i skola, fritid och socialtjänst känner igen tecken och vet vart de vänder sig.",
     [("Utbildningsdag för skola och fritid med stöd av CVE", "sakerhet", 4, 29),
      ("Rutin för att lämna oro till samordnaren publiceras på intranätet", "samordnare", 2, 26)]),
    ("Samverkan och lägesbild mellan förvaltningarna är regelbunden",
     "Förvaltningarna delar en lägesbild tolv gånger per år.",
     [("Checklista för lägesbildsmötena tas fram", "samordnare", 3, 31)]),
    ("Stöd finns för den som vill lämna en våldsbejakande miljö och för anhöriga",
     "Socialtjänsten har en utsedd kontakt och en rutin för avhopparstöd.",
     [("Rutin för avhopparstöd och anhörigstöd", "socialtjanst", 6, 30),
      ("Informationsblad om stödet till anhöriga", "socialtjanst", 9, 30)]),
]


def seed(stdout=None) -> None:
    group = WorkingGroup.objects.filter(name=GROUP, handles_sensitive=True).first()
    coordinator = User.objects.filter(username="samordnare").first()
    if group is None or coordinator is None:
        return
    year = timezone.localdate().year
    plan = ActionPlan.objects.filter(start_year=year, end_year=year + 1).first()
    if plan is None:
        plan = services.plan_create(
            actor=coordinator, title="Handlingsplan mot våldsbejakande extremism",
            start_year=year, end_year=year + 1, working_group=group,
            introduction=("Tranemo kommun förebygger våldsbejakande extremism genom "
                          "kunskapsspridning, ett aktivt lägesbildsarbete och stöd till den "
                          "som vill lämna en våldsbejakande miljö. Planen följs upp varje år "
                          "och redovisas för kommunstyrelsen."))
        for title, description, measures in GOALS:
            goal = services.goal_add(plan=plan, actor=coordinator, title=title,
                                     description=description)
            for measure_title, owner_name, month, day in measures:
                owner = User.objects.filter(username=owner_name).first()
                if owner is None:
                    continue
                services.goal_measure_add(
                    goal=goal, actor=coordinator, title=measure_title, owner=owner,
                    owner_organisation=owner.organisation, due_date=date(year + 1, month, day))
        assessments = {
            goal.pk: (status, text) for goal, (status, text) in zip(plan.goals.all(), [
                (GoalStatus.ON_TRACK, "Två utbildningstillfällen hölls; fler är planerade."),
                (GoalStatus.MET, "Lägesbildsmötena hölls varje månad enligt plan."),
                (GoalStatus.PARTLY_MET, "Rutinen för avhopparstöd är under arbete."),
            ], strict=False)}
        services.follow_up_record(plan=plan, actor=coordinator, year=year,
                                  summary="Arbetet går i stort enligt plan.",
                                  assessments=assessments)
    if stdout:
        stdout.write(f"actionplan: {ActionPlan.objects.count()} plans, "
                     f"{plan.goals.count()} goals\n")
