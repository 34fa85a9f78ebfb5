from django.template import Context, Template


def render(source: str, **context) -> str:
    return Template("{% load tryggsam %}" + source).render(Context(context))


def test_select_options_marks_the_selected_value_and_escapes():
    html = render("{% select_options choices current 'Alla' %}",
                  choices=[(1, "Tranemo"), (2, '<b>"Grimsås"</b>')], current=2)
    assert html == ('<option value="">Alla</option><option value="1">Tranemo</option>'
                    '<option value="2" selected>&lt;b&gt;&quot;Grimsås&quot;&lt;/b&gt;</option>')


def test_select_options_without_an_empty_choice_or_a_selection():
    html = render("{% select_options choices None %}", choices=[("a", "A"), ("b", "B")])
    assert html == '<option value="a">A</option><option value="b">B</option>'
