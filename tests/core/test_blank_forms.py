"""core/blank_forms.py: a blank form's fields rendered once per process and
language, from the form or from its class; a bound form always afresh."""

import pytest
from django import forms
from django.utils import translation

from core import blank_forms
from core.blank_forms import form_fields_html


class CountedForm(forms.Form):
    made = 0
    decision = forms.ChoiceField(label="Beslut", choices=[("yes", "Ja"), ("no", "Nej")])
    reason = forms.CharField(label="Motivering", required=True)

    def __init__(self, *args, **kwargs):
        type(self).made += 1
        super().__init__(*args, **kwargs)


@pytest.fixture(autouse=True)
def _fresh():
    blank_forms._kept.clear()
    CountedForm.made = 0
    yield
    blank_forms._kept.clear()


def test_the_class_gives_the_blank_forms_html_and_is_made_once():
    with translation.override("sv"):
        from_class = [form_fields_html(CountedForm) for _ in range(3)]
        assert CountedForm.made == 1
        assert from_class[0] == from_class[2] == form_fields_html(CountedForm())
    assert 'name="reason"' in from_class[0] and "Motivering" in from_class[0]


def test_a_bound_form_is_rendered_with_its_values_and_errors():
    with translation.override("sv"):
        blank = form_fields_html(CountedForm)
        bound = CountedForm({"decision": "no", "reason": ""})
        assert not bound.is_valid()
        html = form_fields_html(bound)
    assert html != blank
    assert '<option value="no" selected>' in html
    assert "Motivering: Det här fältet är obligatoriskt." in html
    assert form_fields_html(CountedForm) == blank  # the kept one is untouched
