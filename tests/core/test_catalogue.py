"""One Swedish catalogue, complete, and the words the glossary asks for where one
English word needs two Swedish ones (pgettext contexts)."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

ROOT = Path(settings.BASE_DIR)
CATALOGUE = ROOT / "locale" / "sv" / "LC_MESSAGES" / "django.po"


def test_the_project_has_one_swedish_catalogue():
    catalogues = [
        path for path in ROOT.glob("**/locale/*/LC_MESSAGES/*.po")
        if ".venv" not in path.parts and "var" not in path.parts
    ]
    assert catalogues == [CATALOGUE]


def test_every_message_is_translated_and_none_is_fuzzy():
    catalogue = polib.pofile(str(CATALOGUE))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize(("context", "message", "swedish"), [
    ("concern", "Intake", "Mottagning"),
    (None, "Intake", "Inkommen"),
    ("difference", "Change", "Förändring"),
    ("access log", "Action", "Händelse"),
    (None, "Action", "Åtgärd"),
    ("concern route", "Police", "Polisen"),
    (None, "Police", "Polis"),
    ("referral", "Sent", "Skickad"),
    (None, "Sent", "Skickat"),
])
def test_words_that_need_two_swedish_forms(context, message, swedish):
    with translation.override("sv"):
        if context:
            assert translation.pgettext(context, message) == swedish
        else:
            assert translation.gettext(message) == swedish


def test_the_concern_flow_starts_in_mottagning_and_cases_in_inkommen():
    from casework.choices import CaseStatus
    from concerns.flows import ConcernFlow

    with translation.override("sv"):
        assert str(ConcernFlow.start.task_title) == "Mottagning"
        assert str(CaseStatus.INTAKE.label) == "Inkommen"


def test_the_lagesbild_change_column_reads_forandring():
    template = Template('{% load i18n %}{% translate "Change" context "difference" %}')
    with translation.override("sv"):
        assert template.render(Context()) == "Förändring"
