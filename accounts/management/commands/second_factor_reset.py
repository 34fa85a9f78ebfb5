"""manage.py second_factor_reset <user name> --reason "…": for a person who
lost the phone or key and every recovery code (docs/sign-in.md)."""

from django.core.management.base import BaseCommand, CommandError

from accounts.devices import second_factor_reset
from accounts.models import User


class Command(BaseCommand):
    help = "Remove a user's authenticator app, security keys and recovery codes (logged)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--reason", required=True,
                            help="why, e.g. the ticket number of the reported loss")

    def handle(self, *args, username: str, reason: str, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        removed = second_factor_reset(user=user, reason=reason,
                                      path="manage.py second_factor_reset")
        self.stdout.write(f"{username}: {removed} authenticator(s) removed; "
                          "a new device is enrolled at the next sign-in.")
