from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.demo import seeders


class Command(BaseCommand):
    help = "Load the invented demo data. Idempotent: running it twice gives the same rows."

    def handle(self, *args, **options):
        # Demo users with a published password must never appear in a real
        # installation: production settings set DEMO_DATA_ALLOWED = False.
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("seed_demo refuses to run with these settings "
                               "(DEMO_DATA_ALLOWED is off, as in production).")
        with transaction.atomic():
            for name, seed in seeders():
                seed(self.stdout)
                self.stdout.write(f"seed_demo: {name} ok")
