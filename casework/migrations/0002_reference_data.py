"""The thirteen localities of Tranemo kommun and the EST report categories.
Both stay editable in the admin; the data is frozen here so this migration never
changes after it ran."""

from django.db import migrations

LOCALITIES = [
    ("Tranemo", "57.485000", "13.353000"), ("Limmared", "57.533000", "13.353000"),
    ("Länghem", "57.598000", "13.242000"), ("Dalstorp", "57.608000", "13.508000"),
    ("Grimsås", "57.490000", "13.570000"), ("Ambjörnarp", "57.428000", "13.280000"),
    ("Ljungsarp", "57.570000", "13.440000"), ("Uddebo", "57.466000", "13.223000"),
    ("Sjötofta", "57.393000", "13.297000"), ("Nittorp", "57.550000", "13.200000"),
    ("Ölsremma", "57.520000", "13.230000"), ("Hulared", "57.580000", "13.300000"),
    ("Månstad", "57.650000", "13.360000"),
]

CATEGORIES = [
    ("skadegorelse", "Skadegörelse"), ("klotter", "Klotter"),
    ("nedskrapning", "Nedskräpning"), ("brander", "Bränder"),
    ("ungdomsgrupper", "Ungdomsgrupper"), ("narkotika", "Narkotika"),
    ("lustgaspatroner", "Lustgaspatroner"), ("hot-och-vald", "Hot och våld"),
    ("otrygg-plats", "Otrygg plats"),
]


def add_reference_data(apps, schema_editor):
    Locality = apps.get_model("casework", "Locality")
    Category = apps.get_model("casework", "Category")
    for name, lat, lon in LOCALITIES:
        Locality.objects.get_or_create(name=name, defaults={"latitude": lat, "longitude": lon})
    for order, (slug, name) in enumerate(CATEGORIES, start=1):
        Category.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("casework", "0001_initial")]

    operations = [migrations.RunPython(add_reference_data, migrations.RunPython.noop)]
