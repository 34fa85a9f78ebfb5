"""Demo reports submitted and triaged through the flow (no HTTP request, no
permission checks: the seed acts as the samordnare). Idempotent: reports are
keyed by a fixed submission key, cases come only from still-new reports."""

import random
from datetime import time, timedelta
from decimal import Decimal

from django.utils import timezone
from viewflow.workflow.status import STATUS

from casework import services as casework
from casework.choices import CaseStatus, PartOfDay, Urgency
from casework.demo import demo_users
from casework.models import Category, Locality, Report

from .selectors import triage_task_for_report_id
from .services import report_submit, task_triage

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


def _position(locality, number):
    """Two reports in three carry a position near the locality's centre (as
    from "Använd min position"); its own random stream keeps the rest of the
    demo unchanged."""
    if number % 3 == 0 or locality.latitude is None:
        return None, None
    spot = random.Random(number)
    return (round(locality.latitude + Decimal(spot.uniform(-0.006, 0.006)), 6),
            round(locality.longitude + Decimal(spot.uniform(-0.01, 0.01)), 6))


def seed(stdout=None) -> None:
    """Demo reports, submitted and (all but the newest 15) triaged."""
    users = demo_users()
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
        # Drawn in the same order as before positions existed: the same demo.
        category = categories[rng.randrange(len(categories))]
        locality = localities[min(int(rng.expovariate(0.35)), len(localities) - 1)]
        place = rng.choice(["Centrum", "Busstationen", "Skolgården", "Badplatsen",
                            "Idrottsplatsen", "Gångtunneln", ""])
        latitude, longitude = _position(locality, i)
        report, created = report_submit(
            reporter=reporters[i % len(reporters)], category=category, locality=locality,
            place=place, latitude=latitude, longitude=longitude,
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
                casework.case_close(case=case, actor=coordinator,
                                    outcome="Polisen har ökat närvaron och platsen städats.")
                last_case = None
            elif target != CaseStatus.INTAKE:
                # One step at a time, as the transition table allows.
                for status in statuses[1:statuses.index(target) + 1]:
                    casework.case_set_status(case=case, status=status, actor=coordinator)


def triage_demo_report(*, report, user, action, case=None, reason=""):
    task = triage_task_for_report_id(report.pk)
    if task is None:
        return None
    if task.status == STATUS.NEW:
        with task.activation() as activation:
            activation.assign(user)
        task.refresh_from_db()
    return task_triage(task=task, user=user, request=None, action=action, case=case,
                       reason=reason, title="")
