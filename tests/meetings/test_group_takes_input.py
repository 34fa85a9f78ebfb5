"""The group edit form offers `takes_input` (migration 0005's field): the
chair turns the input form on and off from the group's edit page."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _post(client, group, chair, **extra):
    return client.post(reverse("meetings:group-edit", args=[group.pk]), {
        "name": group.name, "purpose": group.purpose, "chair": chair.pk, **extra})


def test_the_edit_form_offers_input_with_a_swedish_label_and_help(client, chair, group):
    client.force_login(chair)
    body = client.get(reverse("meetings:group-edit", args=[group.pk])).content.decode()
    # the checkbox is there, labelled and explained in Swedish
    assert 'name="takes_input"' in body
    assert "Medlemmarna skickar underlag till samordnaren" in body
    assert "samordnarens inkorg" in body


def test_the_chair_turns_input_on_and_off(client, chair, group):
    client.force_login(chair)
    # ticked: the group takes input and its page offers the input form
    assert _post(client, group, chair, takes_input="on").status_code == 302
    group.refresh_from_db()
    assert group.takes_input is True
    body = client.get(reverse("meetings:group-detail", args=[group.pk])).content.decode()
    assert reverse("meetings:group-input", args=[group.pk]) in body
    # the edit page shows it ticked
    body = client.get(reverse("meetings:group-edit", args=[group.pk])).content.decode()
    assert re.search(r'<input type="checkbox" name="takes_input"[^>]*\bchecked\b', body)
    # unticked: off again
    assert _post(client, group, chair).status_code == 302
    group.refresh_from_db()
    assert group.takes_input is False
