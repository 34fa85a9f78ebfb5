"""No "---------" in the interface: an empty choice in any select reads
"— Välj —", for model choices and for model fields with blank choices."""

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from accounts.models import Organisation
from accounts.roles import Role


class _Form(forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.all(), required=False)
    kind = forms.ChoiceField(choices=[("", "---------"), ("a", "A")], required=False)


@pytest.mark.django_db
def test_an_empty_choice_is_swedish():
    with translation.override("sv"):
        html = str(_Form())
    assert "---------" not in html
    assert html.count("— Välj —") == 2


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["casework:measure-create", "casework:report-create"])
def test_form_pages_show_no_dashes(client, make_user, url_name):
    client.force_login(make_user("samordnare", roles=[Role.COORDINATOR, Role.REPORTER]))
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert "---------" not in response.content.decode()


@pytest.mark.django_db
def test_the_owner_list_offers_people_with_roles_only(client, make_user):
    from casework.forms import MeasureForm

    coordinator = make_user("samordnare", roles=[Role.COORDINATOR], first_name="Sara")
    make_user("admin", is_staff=True, is_superuser=True, first_name="Admin")
    make_user("slutat", roles=[Role.REPORTER], is_active=False, first_name="Slutat")
    owners = list(MeasureForm(user=coordinator).fields["owner"].queryset)
    assert owners == [coordinator]
