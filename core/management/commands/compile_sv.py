"""Compile the project's one Swedish catalogue (locale/sv) to .mo with polib,
so the build needs no GNU gettext tools. The .po file is the source of truth:
update it with `manage.py makemessages -l sv` from the project root (see
docs/translations.md) and translate there."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile the project's Swedish translations (.po → .mo)."

    def handle(self, *args, **options):
        count = 0
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
                count += 1
        self.stdout.write(f"compile_sv: {count} catalogues compiled")
