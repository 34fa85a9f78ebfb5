"""Dispose of personal data of concerns past their retention date (gallring).
Anonymous fields stay for statistics. `--dry-run` lists what would be done."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from concerns.services import concern_gallra


class Command(BaseCommand):
    help = "Gallra: ta bort personuppgifter i oro-ärenden vars gallringsdatum har passerat."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="Visa vad som skulle gallras utan att ändra något.")
        parser.add_argument("--date", help="Gallra som om dagens datum vore YYYY-MM-DD.")

    def handle(self, *args, dry_run=False, date=None, **options):
        today = None
        if date:
            try:
                today = _parse(date)
            except ValueError as error:
                raise CommandError("Ogiltigt datum, använd YYYY-MM-DD.") from error
        references = concern_gallra(today=today, dry_run=dry_run)
        verb = "skulle gallras" if dry_run else "gallrade"
        for reference in references:
            self.stdout.write(f"{reference} {verb}")
        self.stdout.write(f"{len(references)} oro-ärenden {verb}.")


def _parse(value: str) -> date:
    return date.fromisoformat(value)
