"""`{% load i18n %}` is Django's library with constant translations kept per
language and autoescape (core/templatetags/kept_i18n.py): the same output as
Django's own library, in every language, on every render."""

import pytest
from django.template import Context, Engine
from django.template import engines as django_engines
from django.templatetags.i18n import TranslateNode
from django.test import override_settings
from django.utils import translation

from core.templatetags.kept_i18n import KeptTranslateNode

KEPT = Engine(libraries={"i18n": "core.templatetags.kept_i18n"})
DJANGOS = Engine(libraries={"i18n": "django.templatetags.i18n"})

SOURCES = [
    '{% translate "Inbox" %}',
    '{% trans "Triage inbox" %}',
    '{% translate "Inbox" as label %}[{{ label }}]',
    '{% translate "Action" context "access log" %}',
    '{% translate "Counts under 5 are shown as <5." %}',
    '{% autoescape off %}{% translate "Counts under 5 are shown as <5." %}{% endautoescape %}',
    '{% translate "Inbox" noop %}',
    '{% translate "100%% sure" %}',
    '{% translate label %}',
    '{% translate "Inbox"|upper %}',
    '{% translate "Action" context kind %}',
    '{% translate "Inbox" %}|{% language "en" %}{% translate "Inbox" %}{% endlanguage %}|'
    '{% language "sv" %}{% translate "Inbox" %}{% endlanguage %}|{% translate "Inbox" %}',
]


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_same_output_as_djangos_library_on_every_render(source, language):
    kept, djangos = KEPT.from_string("{% load i18n %}" + source), DJANGOS.from_string(
        "{% load i18n %}" + source)
    for label, kind in [("Inbox", "access log"), ("Reference", "job title"), ("Inbox", "")]:
        for lang in (language, "sv" if language == "en" else "en", language):
            with translation.override(lang):
                context = {"label": label, "kind": kind}
                assert kept.render(Context(context)) == djangos.render(Context(context))


def test_a_constant_message_is_kept_per_language():
    template = KEPT.from_string('{% load i18n %}{% translate "Inbox" %}')
    with translation.override("sv"):
        assert template.render(Context()) == "Inkorg"
    with translation.override("en"):
        assert template.render(Context()) == "Inbox"
    with translation.override("sv"):
        assert template.render(Context()) == "Inkorg"
    (node,) = [n for n in template.nodelist if isinstance(n, TranslateNode)]
    assert isinstance(node, KeptTranslateNode)
    assert set(node._kept) == {("sv", True), ("en", True)}


@pytest.mark.parametrize("source", ['{% translate label %}', '{% translate "Inbox"|upper %}',
                                    '{% translate "Action" context kind %}'])
def test_what_depends_on_the_context_is_not_kept(source):
    template = KEPT.from_string("{% load i18n %}" + source)
    (node,) = [n for n in template.nodelist if isinstance(n, TranslateNode)]
    assert not isinstance(node, KeptTranslateNode)


def test_a_settings_change_starts_the_kept_values_afresh():
    template = KEPT.from_string('{% load i18n %}{% translate "Inbox" %}')
    (node,) = [n for n in template.nodelist if isinstance(n, TranslateNode)]
    with translation.override("sv"):
        template.render(Context())
    with override_settings(LANGUAGE_CODE="en"), translation.override("en"):
        template.render(Context())
        assert set(node._kept) == {("en", True)}


def test_the_project_templates_load_the_kept_library():
    template = django_engines["django"].from_string('{% load i18n %}{% translate "Inbox" %}')
    (node,) = [n for n in template.template.nodelist if isinstance(n, TranslateNode)]
    assert isinstance(node, KeptTranslateNode)
    with translation.override("sv"):
        assert template.render({}) == "Inkorg"


def test_the_backend_states_its_override_and_still_warns_of_any_other(settings):
    from django.template.utils import EngineHandler

    backend = django_engines["django"]
    assert backend._check_for_template_tags_with_the_same_name() == []
    options = {**settings.TEMPLATES[0]["OPTIONS"],
               "libraries": {"tryggsam": "django.templatetags.static"}}
    other = EngineHandler([{**settings.TEMPLATES[0], "OPTIONS": options}])["django"]
    warnings = other._check_for_template_tags_with_the_same_name()
    assert [w.id for w in warnings] == ["templates.W003"]
    assert "'tryggsam'" in warnings[0].msg
