"""The trygghetsmöte pages: who may see and change them, Swedish 400s that
keep the input, and query counts that do not grow with the data."""

from datetime import date

import pytest
from django.db.models.signals import post_save

from accounts.roles import Role
from casework.models import Category, Locality, Measure
from core.errors import Invalid
from notifications.models import OutgoingEmail
from townmeetings import services
from townmeetings.models import TownMeeting, TownMeetingInput

pytestmark = pytest.mark.django_db


def test_outsiders_are_denied_everything(client, outsider, security, meeting):
    for user in (outsider, security):
        client.force_login(user)
        for path in ("/trygghetsmoten/", "/trygghetsmoten/nytt/",
                     f"/trygghetsmoten/{meeting.pk}/", f"/trygghetsmoten/{meeting.pk}/andra/"):
            assert client.get(path).status_code == 403, (user, path)


def test_anonymous_is_sent_to_sign_in(client, meeting):
    response = client.get(f"/trygghetsmoten/{meeting.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_management_reads_but_may_not_plan_or_edit(client, manager, meeting):
    client.force_login(manager)
    assert client.get("/trygghetsmoten/").status_code == 200
    page = client.get(f"/trygghetsmoten/{meeting.pk}/")
    assert page.status_code == 200
    # No planning controls for a reader.
    assert "Registrera inspel" not in page.content.decode()
    assert client.get("/trygghetsmoten/nytt/").status_code == 403
    assert client.post(f"/trygghetsmoten/{meeting.pk}/andra/", {"venue": "X"}).status_code == 403
    assert client.post(f"/trygghetsmoten/{meeting.pk}/aterkoppling/").status_code == 403
    assert not OutgoingEmail.objects.filter(template="townmeeting_feedback").exists()


def test_a_meeting_that_does_not_exist_is_404(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/trygghetsmoten/999999/").status_code == 404
    assert client.get("/trygghetsmoten/inspel/999999/atgard/").status_code == 404


def test_the_coordinator_plans_a_meeting_through_the_form(client, coordinator, locality, walk):
    client.force_login(coordinator)
    form = client.get("/trygghetsmoten/nytt/").content.decode()
    assert "Välj ort" in form and "---------" not in form
    response = client.post("/trygghetsmoten/nytt/", {
        "locality": locality.pk, "date": "2026-11-10", "venue": "Bygdegården",
        "safety_walk": walk.pk})
    meeting = TownMeeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/trygghetsmoten/{meeting.pk}/"
    assert meeting.safety_walk == walk
    page = client.get(response["Location"]).content.decode()
    assert "Trygghetsmöte i Dalstorp" in page and "Sammanfattning av eftermiddagen" in page
    # The programme and input forms on the page: Swedish labels, no empty dashes.
    assert "---------" not in page and "Kvällsmöte" in page and "None" not in page


def test_bad_input_gives_a_swedish_400_and_keeps_the_input(client, coordinator, meeting,
                                                           locality):
    client.force_login(coordinator)
    # Missing venue: the required-field message in Swedish, the typed date kept.
    missing = client.post("/trygghetsmoten/nytt/", {"locality": Locality.objects.get(
        name="Uddebo").pk, "date": "2027-05-04", "venue": ""})
    assert missing.status_code == 400
    body = missing.content.decode()
    assert "Det här fältet är obligatoriskt." in body and 'value="2027-05-04"' in body
    # A second meeting in the same term: the service's rule, on the date field.
    twice = client.post("/trygghetsmoten/nytt/", {"locality": locality.pk,
                                                  "date": "2028-04-04", "venue": "Skolan"})
    assert twice.status_code == 400
    assert "har redan ett trygghetsmöte under mandatperioden 2026–2030" in twice.content.decode()
    assert 'value="Skolan"' in twice.content.decode()
    # A programme item that ends before it starts.
    item = client.post(f"/trygghetsmoten/{meeting.pk}/program/ny/", {
        "session": "evening", "starts_at": "19:00", "ends_at": "18:30", "title": "Frågestund"})
    assert item.status_code == 400
    assert "Programpunkten slutar innan den börjar." in item.content.decode()
    assert 'value="Frågestund"' in item.content.decode()
    assert TownMeeting.objects.count() == 1


def test_input_is_recorded_and_becomes_a_measure_and_a_report(client, coordinator, meeting,
                                                              organisation):
    client.force_login(coordinator)
    response = client.post(f"/trygghetsmoten/{meeting.pk}/inspel/ny/", {
        "topic": "Mörk gångväg", "place": "Stationen", "description": "Belysningen räcker inte."})
    assert response.status_code == 302
    item = TownMeetingInput.objects.get()
    bad = client.post(f"/trygghetsmoten/inspel/{item.pk}/atgard/", {"title": "Belysning"})
    assert bad.status_code == 400 and "Det här fältet är obligatoriskt." in bad.content.decode()
    good = client.post(f"/trygghetsmoten/inspel/{item.pk}/atgard/", {
        "title": "Belysning", "owner_organisation": organisation.pk})
    assert good.status_code == 302
    category = Category.objects.filter(is_active=True).first()
    report = client.post(f"/trygghetsmoten/inspel/{item.pk}/rapport/", {"category": category.pk})
    assert report.status_code == 302
    item.refresh_from_db()
    assert item.report.source_town_meeting == meeting
    page = client.get(f"/trygghetsmoten/{meeting.pk}/").content.decode()
    assert "Belysning" in page and item.report.reference in page


def test_feedback_button_queues_the_mail_and_shows_it_as_sent(client, coordinator, meeting):
    client.force_login(coordinator)
    response = client.post(f"/trygghetsmoten/{meeting.pk}/aterkoppling/", follow=True)
    assert "Återkopplingen är köad till kontakt-dalstorp@example.org." in response.content.decode()
    assert "Skickad " in response.content.decode()
    assert OutgoingEmail.objects.filter(template="townmeeting_feedback").count() == 1


def _many_meetings(coordinator, count):
    names = list(Locality.objects.filter(is_active=True).exclude(name="Dalstorp")
                 .order_by("name").values_list("name", flat=True))[:count]
    for name in names:
        meeting = services.town_meeting_create(
            actor=coordinator, locality=Locality.objects.get(name=name),
            date=date(2026, 11, 17), venue="Skolan")
        services.input_add(actor=coordinator, meeting=meeting, topic="Belysning",
                           description="Mörkt")


@pytest.mark.parametrize("count", [1, 6])
def test_list_queries_do_not_grow_with_the_meetings(client, coordinator, meeting, count,
                                                    django_assert_max_num_queries):
    _many_meetings(coordinator, count)
    client.force_login(coordinator)
    with django_assert_max_num_queries(14):
        assert client.get("/trygghetsmoten/").status_code == 200


@pytest.mark.parametrize("count", [1, 8])
def test_detail_queries_do_not_grow_with_the_input(client, coordinator, meeting, organisation,
                                                   count, django_assert_max_num_queries):
    for n in range(count):
        item = services.input_add(actor=coordinator, meeting=meeting, topic=f"Ämne {n}",
                                  description="Text")
        services.input_to_measure(actor=coordinator, item=item, title=f"Åtgärd {n}",
                                  owner_organisation=organisation)
    client.force_login(coordinator)
    with django_assert_max_num_queries(16):
        assert client.get(f"/trygghetsmoten/{meeting.pk}/").status_code == 200


def test_a_measure_refused_by_casework_is_shown_on_the_form(client, coordinator, meeting,
                                                            organisation):
    """casework.measures.measure_create says no (core.errors.Invalid, here on
    a field the form lacks): the form again with the message, 400, the input
    kept, nothing saved; not an error page."""
    def refuse(sender, instance, created, **kwargs):
        if created:
            raise Invalid({"owner": "Åtgärden får inte skapas just nu."})

    item = services.input_add(actor=coordinator, meeting=meeting, topic="Mörk gångväg",
                              place="Stationen", description="Belysningen räcker inte.")
    client.force_login(coordinator)
    post_save.connect(refuse, sender=Measure)
    try:
        response = client.post(f"/trygghetsmoten/inspel/{item.pk}/atgard/", {
            "title": "Min belysningsåtgärd", "owner_organisation": organisation.pk})
    finally:
        post_save.disconnect(refuse, sender=Measure)
    body = response.content.decode()
    assert response.status_code == 400
    assert "Åtgärden får inte skapas just nu." in body
    assert "Min belysningsåtgärd" in body and 'class="error-summary"' in body
    assert not Measure.objects.filter(title="Min belysningsåtgärd").exists()


def test_the_walk_page_links_to_the_meeting_for_those_who_may_see_it(client, coordinator,
                                                                    manager, make_user,
                                                                    meeting, walk):
    link = (f'<dt>Trygghetsmöte</dt><dd><a href="/trygghetsmoten/{meeting.pk}/">'
            f'{meeting.reference}, 2026-11-10</a></dd>')
    for user in (coordinator, manager):
        client.force_login(user)
        assert link in client.get(f"/trygghetsvandringar/{walk.pk}/").content.decode()
    # The public-health strategist reads walks but not trygghetsmöten: no link, no reference.
    client.force_login(make_user("tm-folkhalsa", roles=[Role.PUBLIC_HEALTH]))
    page = client.get(f"/trygghetsvandringar/{walk.pk}/")
    assert page.status_code == 200
    assert meeting.reference not in page.content.decode()
    assert f"/trygghetsmoten/{meeting.pk}/" not in page.content.decode()
