"""Gallring: dispose of personal data past its retention period, every kind
the apps registered in `core.retention`. `--dry-run` counts per kind and
changes nothing; `--date` runs as of another day."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from core import retention


class Command(BaseCommand):
    help = "Gallra: ta bort personuppgifter vars bevarandetid har passerat."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="Visa per slag vad som skulle gallras utan att ändra något.")
        parser.add_argument("--date", help="Gallra som om dagens datum vore ÅÅÅÅ-MM-DD.")

    def handle(self, *args, dry_run=False, date=None, **options):
        today = _parse(date) if date else timezone.localdate()
        verb = "skulle gallras" if dry_run else "gallrade"
        with translation.override("sv"):
            total = 0
            for kind, count in retention.gallra_all(today=today, dry_run=dry_run):
                self.stdout.write(f"{kind.label}: {count} {verb}")
                if dry_run and kind.list_due is not None:
                    for reference in kind.list_due(today):
                        self.stdout.write(f"  {reference}")
                total += count
            self.stdout.write(f"Totalt: {total} {verb}." + (" Inget ändrades." if dry_run else ""))


def _parse(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError("Ogiltigt datum, använd ÅÅÅÅ-MM-DD.") from error
