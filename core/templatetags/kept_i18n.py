"""Django's `i18n` template library, with constant translations kept.

Installed under the name `i18n` (TEMPLATES' `libraries` option,
config/settings/base.py), so every `{% load i18n %}` gets it: every tag and
filter of Django's library, and `{% translate %}` / `{% trans %}` as Django
builds them. A tag whose message is a constant string (no variable, no
filter, no variable context) keeps its output per language and autoescape
setting in the compiled template's node: the next render is a dict lookup,
and the active language is asked once per template render.

Why: Django resolves a constant `{% translate "Inbox" %}` anew on every
render (a lazy proxy, the catalogue lookup, escaping), about as dear as a
small query: the inbox's fifteen labels were a third of its template time
(bench/, docs/performance.md). The catalogue of a language does not change
while the process runs; a settings change (tests: LANGUAGE_CODE,
LOCALE_PATHS) starts every kept value afresh, as Django's own translation
cache does."""

from django import template
from django.core.signals import setting_changed
from django.template.base import render_value_in_context
from django.templatetags import i18n
from django.utils import translation
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language

register = template.Library()
register.tags.update(i18n.register.tags)
register.filters.update(i18n.register.filters)

_generation = 0


def _forget(**kwargs) -> None:
    global _generation
    _generation += 1


setting_changed.connect(_forget, dispatch_uid="core-kept-i18n")


class KeptTranslateNode(i18n.TranslateNode):
    """A `{% translate "constant" %}` that keeps its output per
    (language, autoescape)."""

    def __init__(self, node: i18n.TranslateNode):
        super().__init__(node.filter_expression, node.noop, node.asvar, node.message_context)
        self._kept: dict[tuple, str] = {}
        self._generation = _generation

    def render(self, context):
        if self._generation != _generation:
            self._kept, self._generation = {}, _generation
        key = (_language(context), context.autoescape)
        value = self._kept.get(key)
        if value is None:
            value = self._kept[key] = self._translated(context)
        if self.asvar:
            context[self.asvar] = value
            return ""
        return value

    def _translated(self, context) -> str:
        """What Django's TranslateNode.render computes, without the `asvar`
        step (the node is shared between threads, so it is not changed)."""
        self.filter_expression.var.translate = not self.noop
        if self.message_context:
            self.filter_expression.var.message_context = self.message_context.resolve(context)
        value = render_value_in_context(self.filter_expression.resolve(context), context)
        # Django's step: percent signs are doubled in template text
        is_safe = isinstance(value, SafeData)
        value = value.replace("%%", "%")
        return mark_safe(value) if is_safe else value  # noqa: S308 (Django's own marking)


def _language(context) -> str | None:
    """The active language, asked once per template render (the render
    context is the template's own; `{% language %}` below gives its block a
    fresh one)."""
    render_context = context.render_context
    language = render_context.get(_LANGUAGE, _UNKNOWN)
    if language is _UNKNOWN:
        language = render_context[_LANGUAGE] = get_language()
    return language


_LANGUAGE, _UNKNOWN = object(), object()


class KeptLanguageNode(i18n.LanguageNode):
    """Django's `{% language %}`, with the block's language asked afresh."""

    def render(self, context):
        with translation.override(self.language.resolve(context)), \
                context.render_context.push():
            return self.nodelist.render(context)


def _is_constant(node: i18n.TranslateNode) -> bool:
    def constant(expression) -> bool:
        # a quoted string: a Variable holding a literal (the message) or the
        # literal itself (a context)
        var = getattr(expression, "var", None)
        return expression is None or not expression.filters and (
            isinstance(var, str) or getattr(var, "literal", None) is not None)

    return constant(node.filter_expression) and constant(node.message_context)


@register.tag("language")
def language(parser, token):
    node = i18n.language(parser, token)
    return KeptLanguageNode(node.nodelist, node.language)


@register.tag("translate")
@register.tag("trans")
def do_translate(parser, token):
    node = i18n.do_translate(parser, token)
    return KeptTranslateNode(node) if _is_constant(node) else node
