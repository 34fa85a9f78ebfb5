"""Give the application's database role what it needs, and on the access log
only INSERT and SELECT. Run as the migration role after every `migrate`."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from audit.db_roles import RoleSetupError, app_role_grant


class Command(BaseCommand):
    help = ("Grant the application role SELECT/INSERT/UPDATE/DELETE on the tables and only "
            "SELECT/INSERT on the append-only access log (run as the table owner after migrate).")

    def add_arguments(self, parser):
        parser.add_argument("role", help="the role the application connects with")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, role, database, **options):
        connection = connections[database]
        if connection.vendor != "postgresql":
            raise CommandError("Database roles need PostgreSQL.")
        try:
            with transaction.atomic(using=database), connection.cursor() as cursor:
                done = app_role_grant(cursor=cursor, role=role)
        except RoleSetupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{role}: read-write on {len(done['read_write'])} tables, "
            f"insert and select only on {', '.join(done['append_only']) or 'none'}."
        )
