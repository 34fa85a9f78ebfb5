"""The support numbers the municipality's page names (seed/tsk-webpage.txt):
the police (112, 114 14), Rädda Barnens orostelefon, CVE's stödfunktion, and
the municipality's switchboard (an office number, no person's). Editable
afterwards by the coordinator (/oro/stodnummer/); a number
already there (same name) is left as it is."""

from django.db import migrations

SUPPORT_CONTACTS = [
    # (order, name, phone, hours, description)
    (10, "Polisen – akut", "112", "Dygnet runt",
     "Vid fara för liv eller hälsa eller brott som pågår."),
    (20, "Polisen – tips och anmälningar", "114 14", "Dygnet runt",
     "Misstanke om brott med koppling till extremism: kontakta polisen i första hand."),
    (30, "Rädda Barnens orostelefon om radikalisering", "020-100 200", "",
     "För den som är orolig för att någon i sin närhet håller på att radikaliseras, "
     "eller för sig själv. Råd och stöd oavsett ålder."),
    (40, "CVE:s stödfunktion för yrkesverksamma", "08-527 44 290",
     "Kl. 9–15 helgfria vardagar",
     "Center mot våldsbejakande extremism: stöd till yrkesverksamma i kommuner och "
     "myndigheter i det förebyggande arbetet."),
    (50, "Tranemo kommuns växel", "0325-57 60 00", "",
     "Fråga efter trygghetssamordnaren eller socialtjänsten (Individ- och "
     "familjeomsorg)."),
]


def seed_support_contacts(apps, schema_editor):
    SupportContact = apps.get_model("concerns", "SupportContact")
    for order, name, phone, hours, description in SUPPORT_CONTACTS:
        SupportContact.objects.get_or_create(name=name, defaults={
            "order": order, "phone": phone, "hours": hours, "description": description})


class Migration(migrations.Migration):

    dependencies = [
        ("concerns", "0005_support_contacts"),
    ]

    operations = [
        migrations.RunPython(seed_support_contacts, migrations.RunPython.noop),
    ]
