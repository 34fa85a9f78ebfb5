"""Safety walks: places, measures, feedback e-mails and coverage per term."""

from datetime import date

import pytest
import time_machine

from accounts.models import Organisation
from casework.measures import measure_update
from casework.models import Locality, Measure
from insights import services, walk_links
from insights.models import SafetyWalk, WalkPlace
from insights.periods import Term, term_containing
from insights.selectors import coverage, walk_plan
from notifications.models import OutgoingEmail


@pytest.fixture
def locality(db):
    loc = Locality.objects.get(name="Dalstorp")
    loc.contact_email = "kontakt-dalstorp@example.org"
    loc.save()
    return loc


@pytest.fixture
def organisation(db):
    return Organisation.objects.create(name="Samhällsbyggnad test")


@pytest.mark.parametrize("day,start,end", [
    (date(2022, 10, 15), date(2022, 10, 15), date(2026, 10, 14)),
    (date(2026, 10, 14), date(2022, 10, 15), date(2026, 10, 14)),
    (date(2026, 10, 15), date(2026, 10, 15), date(2030, 10, 14)),
    (date(2030, 10, 14), date(2026, 10, 15), date(2030, 10, 14)),
    (date(2024, 1, 1), date(2022, 10, 15), date(2026, 10, 14)),
])
def test_terms_run_fifteenth_of_october_for_four_years(day, start, end):
    assert term_containing(day) == Term(start, end)


def test_a_walk_is_created_with_places_via_the_pages(client, coordinator, locality,
                                                     organisation):
    client.force_login(coordinator)
    response = client.post("/trygghetsvandringar/ny/", {
        "locality": locality.pk, "date": "2026-11-10", "meeting_point": "Torget",
        "route": "Runt sjön", "organisations": [organisation.pk], "residents_count": 12,
        "safety_meeting_note": "Trygghetsmöte 18–20", "notes": ""})
    assert response.status_code == 302
    walk = SafetyWalk.objects.get()
    assert list(walk.organisations.all()) == [organisation]
    # A place without a locality is a Swedish 400 and nothing is saved.
    bad = client.post(f"/trygghetsvandringar/{walk.pk}/platser/ny/", {
        "location": "Gångtunneln", "category": "lighting", "description": "Mörkt"})
    assert bad.status_code == 400
    assert "Det här fältet är obligatoriskt." in bad.content.decode()
    assert WalkPlace.objects.count() == 0
    good = client.post(f"/trygghetsvandringar/{walk.pk}/platser/ny/", {
        "locality": locality.pk, "location": "Gångtunneln", "category": "lighting",
        "description": "Mörkt"})
    assert good.status_code == 302
    assert "Gångtunneln" in client.get(f"/trygghetsvandringar/{walk.pk}/").content.decode()


def test_a_place_becomes_a_measure_and_the_contact_is_told_on_each_change(
        client, coordinator, locality, organisation):
    walk = services.walk_create(locality=locality, date=date(2026, 11, 10),
                                meeting_point="Torget")
    place = services.walk_place_add(walk=walk, locality=locality, location="Gångtunneln",
                                    category="lighting", description="Mörkt")
    client.force_login(coordinator)
    response = client.post(f"/trygghetsvandringar/platser/{place.pk}/atgard/", {
        "title": "Byt armaturer", "owner_organisation": organisation.pk})
    assert response.status_code == 302
    measure = Measure.objects.get()
    # The measure points back at the place it came from.
    assert measure.source == place
    emails = OutgoingEmail.objects.filter(to_email=locality.contact_email)
    assert emails.count() == 1
    assert emails.get().context["places"][0]["measure"] == "Byt armaturer"
    # Changing it without a change of state sends nothing new.
    measure = measure_update(measure=measure, actor=coordinator, version=measure.version,
                             description="Två armaturer")
    assert emails.count() == 1
    # A change of state sends the summary again.
    measure_update(measure=measure, actor=coordinator, version=measure.version,
                   status="in_progress")
    assert emails.count() == 2
    # Asking for the summary again in the same state is idempotent.
    client.post(f"/trygghetsvandringar/{walk.pk}/aterkoppling/")
    assert emails.count() == 2


def test_the_feedback_email_renders_in_swedish(locality, organisation):
    from notifications.emails import build_message

    walk = services.walk_create(locality=locality, date=date(2026, 11, 10),
                                meeting_point="Torget")
    place = services.walk_place_add(walk=walk, locality=locality, location="Gångtunneln",
                                    category="lighting", description="Mörkt")
    services.walk_place_to_measure(place=place, title="Byt armaturer",
                                   owner_organisation=organisation)
    message = build_message(OutgoingEmail.objects.get())
    assert "Trygghetsvandring i Dalstorp 2026-11-10" in message.subject
    assert "Byt armaturer – Föreslagen" in message.body


@time_machine.travel(date(2027, 1, 10))
def test_coverage_highlights_unwalked_localities_and_plans_four_walks_a_year(
        client, coordinator, locality):
    others = list(Locality.objects.exclude(pk=locality.pk).order_by("name")[:2])
    services.walk_create(locality=locality, date=date(2026, 11, 1), meeting_point="A")
    services.walk_create(locality=others[0], date=date(2027, 5, 11), meeting_point="B")
    services.walk_create(locality=others[1], date=date(2025, 5, 1), meeting_point="C")
    term = term_containing(date(2027, 1, 10))
    rows = {r["locality"].name: r for r in coverage(term, today=date(2027, 1, 10))}
    # Walked, planned, and a walk in the previous term that does not count now.
    assert rows[locality.name]["walked"]
    assert rows[others[0].name]["planned"] and not rows[others[0].name]["walked"]
    assert not rows[others[1].name]["walked"] and not rows[others[1].name]["planned"]
    plan = walk_plan(term, today=date(2027, 1, 10))
    active = Locality.objects.filter(is_active=True).count()
    assert len(plan) == active - 2
    dates = [p["date"] for p in plan]
    # Four a year, second Tuesday of March, May, September, November; the
    # 2027-05-11 already has a walk, so May's goes to the next Tuesday.
    assert dates[:4] == [date(2027, 3, 9), date(2027, 5, 18), date(2027, 9, 14),
                         date(2027, 11, 9)]
    assert len(set(filter(None, dates))) == len(list(filter(None, dates)))
    assert all(d.weekday() == 1 for d in dates if d)
    client.force_login(coordinator)
    body = client.get("/trygghetsvandringar/tackning/").content.decode()
    assert 'class="unwalked"' in body and "2027-03-09" in body
    previous = client.get("/trygghetsvandringar/tackning/?term=previous").content.decode()
    assert "2022–2026" in previous


def test_list_pages_use_a_bounded_number_of_queries(client, coordinator, locality,
                                                    django_assert_max_num_queries):
    client.force_login(coordinator)
    for path in ("/trygghetsvandringar/", "/trygghetsvandringar/tackning/",
                 "/trygghetsenkat/", "/medborgarloften/"):
        client.get(path)
    for count in (1, 15):
        for i in range(count):
            walk = services.walk_create(locality=locality, date=date(2025, 1, 1 + i % 28),
                                        meeting_point="Torget")
            services.walk_place_add(walk=walk, locality=locality, location=f"Plats {i}",
                                    category="other", description="x")
        for path in ("/trygghetsvandringar/", "/trygghetsvandringar/tackning/"):
            with django_assert_max_num_queries(12):
                assert client.get(path).status_code == 200


def test_a_place_may_carry_a_photo_but_not_any_file(client, coordinator, locality, settings,
                                                    tmp_path):
    import base64

    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = str(tmp_path)
    walk = services.walk_create(locality=locality, date=date(2026, 11, 10),
                                meeting_point="Torget")
    client.force_login(coordinator)
    png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4"
                           "DwABBAEAW9yK1QAAAABJRU5ErkJggg==")
    data = {"locality": locality.pk, "location": "Parken", "category": "vegetation",
            "description": "Täta buskar"}
    bad = client.post(f"/trygghetsvandringar/{walk.pk}/platser/ny/", {
        **data, "photo": SimpleUploadedFile("x.png", b"MZ not an image")})
    # Anything but an image is refused in Swedish, nothing saved.
    assert bad.status_code == 400 and "JPEG, PNG" in bad.content.decode()
    assert not WalkPlace.objects.exists()
    good = client.post(f"/trygghetsvandringar/{walk.pk}/platser/ny/", {
        **data, "photo": SimpleUploadedFile("park.png", png, content_type="image/png")})
    assert good.status_code == 302
    place = WalkPlace.objects.get()
    # Stored under a random name with the detected type's extension, re-encoded.
    assert place.photo.name.endswith(".png") and "park" not in place.photo.name
    assert place.photo_reencoded
    # The photo is served to viewers through the app, not as public media.
    photo = client.get(f"/trygghetsvandringar/platser/{place.pk}/foto/")
    assert photo.status_code == 200 and photo["Content-Type"] == "image/png"
    assert b"".join(photo.streaming_content).startswith(b"\x89PNG")


def test_casework_measure_services_trigger_the_walk_summary_again(coordinator, locality,
                                                                  organisation):
    from casework.measures import measure_follow_up_add

    walk = services.walk_create(locality=locality, date=date(2026, 11, 10),
                                meeting_point="Torget")
    place = services.walk_place_add(walk=walk, locality=locality, location="Gångtunneln",
                                    category="lighting", description="Mörkt")
    measure = services.walk_place_to_measure(place=place, title="Byt armaturer",
                                             owner_organisation=organisation)
    emails = OutgoingEmail.objects.filter(to_email=locality.contact_email)
    assert emails.count() == 1
    # The EST services change the state: the contact hears about each change.
    measure = measure_update(measure=measure, actor=coordinator, version=measure.version,
                             status="decided")
    assert emails.count() == 2
    measure_follow_up_add(measure=measure, actor=coordinator, note="Klart",
                          status_after="done")
    assert emails.count() == 3
    assert "Klar" in str(emails.order_by("-id").first().context["places"][0]["status"])


def test_the_walk_page_shows_what_other_apps_register(client, coordinator, locality):
    """insights.walk_links: a builder registered by another app (here the
    test) puts its links on the walk page, for the user it was asked about."""
    walk = services.walk_create(locality=locality, date=date(2026, 5, 4), meeting_point="Torget")
    asked = []

    def build(user, shown):
        asked.append((user, shown))
        return [walk_links.WalkLink(label="Testlänk", text="Något annat", url="/annat/")]

    walk_links.register("test", build, order=1)
    try:
        page = client_page(client, coordinator, walk)
    finally:
        walk_links._builders.pop("test")
    assert '<dt>Testlänk</dt><dd><a href="/annat/">Något annat</a></dd>' in page
    assert asked == [(coordinator, walk)]
    assert "Testlänk" not in client_page(client, coordinator, walk)


def client_page(client, user, walk) -> str:
    client.force_login(user)
    response = client.get(f"/trygghetsvandringar/{walk.pk}/")
    assert response.status_code == 200
    return response.content.decode()
