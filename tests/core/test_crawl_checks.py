"""The crawl test's checks can fail: each rule catches a made-up page, and
plain Swedish with the allowed proper nouns passes."""

import pytest

from tests.support.crawl import PageText, pattern
from tests.support.ui_text import constraint_names, problems


def _texts(html: str) -> list[str]:
    parser = PageText()
    parser.feed(html)
    return parser.text + parser.attributes


@pytest.mark.parametrize("html", [
    "<p>Ägare: None</p>",
    "<select><option>---------</option></select>",
    "<p>Upprepas FREQ=WEEKLY;BYDAY=MO</p>",
    "<button>Save</button>",
    '<input type="submit" value="Cancel">',
    '<a href="/" title="Edit">Ändra</a>',
    '<button aria-label="Delete">×</button>',
    '<input placeholder="Search">',
    "<title>Meeting – Tryggsam</title>",
    "<p>Sida 1 of 3</p>",
    "<td>closed</td>",
    "<p>Log out</p>",
])
def test_a_page_with_the_fault_is_caught(html):
    assert problems("/sida/", _texts(html)) != []


@pytest.mark.django_db
def test_a_constraint_name_is_caught():
    name = sorted(constraint_names())[0]
    assert problems("/", [f"Kunde inte spara: {name}"]) != []


def test_swedish_with_allowed_names_passes():
    html = """<html><head><title>Start – Tryggsam</title><style>.None{}</style>
    <script>var Save = null;</script></head><body>
    <h1>Handlingsplan för TSK och EST</h1><p>Status: Planerad. Ladda ner PDF eller CSV.</p>
    <select><option>— Välj —</option><option>Organisation</option></select>
    <a href="/" aria-label="Till startsidan">Tryggsam</a><p>Skicka e-post.</p></body></html>"""
    assert problems("/", _texts(html)) == []


def test_the_rule_help_of_the_series_form_is_allowed_there_only():
    text = ["Bara för det avancerade valet, t.ex. FREQ=MONTHLY;BYDAY=2TU."]
    assert problems("/arbetsgrupper/1/serier/ny/", text) == []
    assert problems("/moten/1/", text) != []


def test_ids_do_not_make_new_patterns():
    assert pattern("/arenden/EST-2026-00012/?sida=3") == pattern("/arenden/EST-2026-00477/?sida=9")
    assert pattern("/moten/12/") != pattern("/moten/12/dagordning/")
