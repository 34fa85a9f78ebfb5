"""Django's template backend with `{% load i18n %}` meaning
core/templatetags/kept_i18n.py (Django's library, constant translations
kept per language).

TEMPLATES' `libraries` option may give an existing library name another
module, as Django documents; Django's check still warns about the name being
used twice (templates.W003). This backend states the one override and
leaves that check as it is for every other name, and for `i18n` claimed by
any third module."""

from django.template.backends.django import DjangoTemplates as DjangoBackend

KEPT_I18N = "core.templatetags.kept_i18n"
_OVERRIDE_WARNING = (f"'i18n' is used for multiple template tag modules: "
                     f"'{KEPT_I18N}', 'django.templatetags.i18n'")


class DjangoTemplates(DjangoBackend):
    def get_templatetag_libraries(self, custom_libraries):
        return {**super().get_templatetag_libraries(custom_libraries), "i18n": KEPT_I18N}

    def _check_for_template_tags_with_the_same_name(self):
        return [warning for warning in super()._check_for_template_tags_with_the_same_name()
                if warning.msg != _OVERRIDE_WARNING]
