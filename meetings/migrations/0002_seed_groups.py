"""The five working groups TSK runs (chair and members are set in the app or
by seed_demo)."""

from django.db import migrations

GROUPS = [
    ("Lägesbild våldsbejakande extremism",
     "Förvaltningarnas gemensamma lägesbild om våldsbejakande extremism, tolv gånger om året.",
     True),
    ("TSK-Unga",
     "Strategisk grupp om barns och ungas uppväxtvillkor; två halvdagar om året.", False),
    ("Plan/Trafik/Samhälle",
     "Trygghet i den fysiska miljön: planering, trafik och samhälle; två gånger om året.",
     False),
    ("EST-styrgrupp",
     "Styrgrupp för Effektiv Samordning för Trygghet: lägesbild, analys och åtgärder.", False),
    ("Trygghetsvandringar",
     "Trygghetsvandringar med boende fyra gånger om året, kopplade till trygghetsmöten.",
     False),
]


def seed(apps, schema_editor):
    WorkingGroup = apps.get_model("meetings", "WorkingGroup")
    for name, purpose, sensitive in GROUPS:
        WorkingGroup.objects.get_or_create(
            name=name, defaults={"purpose": purpose, "handles_sensitive": sensitive})


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
