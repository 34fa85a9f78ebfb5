"""Deploy check: the role the application connects with must not be able to
change the access log. Tagged `database` and `deploy`, so it runs with
`manage.py check --deploy --database default` (Django runs database checks
only when a database is named), never during `migrate`."""

from django.core.checks import Tags, Warning, register
from django.db import connections

from .db_roles import log_change_risks


@register(Tags.database, deploy=True)
def check_log_is_append_only_for_this_role(app_configs=None, databases=None, **kwargs):
    warnings = []
    for alias in databases or ():
        connection = connections[alias]
        if connection.vendor != "postgresql":
            continue
        with connection.cursor() as cursor:
            risks = log_change_risks(cursor=cursor)
        for table, rights in sorted(risks.items()):
            warnings.append(Warning(
                f"The database role of '{alias}' can change the access log table {table}: "
                f"{', '.join(rights)}.",
                hint="Connect the application with a role that may only INSERT and SELECT "
                     "on it: run `manage.py db_grant_app_role <role>` as the owner of the "
                     "tables after migrate, and use that role in DATABASE_URL "
                     "(docker-compose.yml, README).",
                id="audit.W001",
            ))
    return warnings
