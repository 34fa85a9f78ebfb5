from django.core.management.base import BaseCommand
from django.db import transaction

from core.demo import seeders


class Command(BaseCommand):
    help = "Load the invented demo data. Idempotent: running it twice gives the same rows."

    def handle(self, *args, **options):
        with transaction.atomic():
            for name, seed in seeders():
                seed(self.stdout)
                self.stdout.write(f"seed_demo: {name} ok")
