"""Create one group per role. Names are fixed here (not imported from
accounts.roles) so that this migration never changes after it ran."""

from django.db import migrations

ROLE_NAMES = [
    "Trygghetssamordnare", "Säkerhetssamordnare", "Folkhälsostrateg", "Socialtjänst",
    "Polis", "Bostadsbolag", "Planeringschef", "Förvaltningsledning", "Rapportör",
    "Arbetsgruppsmedlem", "Logggranskare", "Ersättare våldsbejakande extremism",
]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_NAMES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
