"""The categories the protocol names: the norms it lists, then its own rules, then 'overig'.

Default severity and 'mogelijk strafbaar' are the school's starting point; directie changes them
in the portal. 'Mogelijk strafbaar' marks what the Wetboek van Strafrecht may cover: computervrede-
breuk (art. 138ab), belaging (285b), bedreiging (285), smaad/laster (261-262), verspreiding van
seksueel beeldmateriaal (139h, 254ba), schending van een geheimhoudingsplicht (272).
"""

from django.db import migrations

CATEGORIES = [
    ("Hacken van een account", "ernstig", True),
    ("Pesten", "middel", False),
    ("Kwetsen", "licht", False),
    ("Stalken", "ernstig", True),
    ("Bedreigen", "ernstig", True),
    ("Radicalisering", "ernstig", False),
    ("In diskrediet brengen", "middel", True),
    ("Anderszins beschadigen", "middel", False),
    ("Foto, film of geluid opnemen zonder toestemming", "middel", False),
    ("Verspreiden van beeldmateriaal", "ernstig", True),
    ("Bewust bezoeken van sites met racisme, geweld of seks", "middel", False),
    ("Sociale media tijdens de les zonder toestemming", "licht", False),
    ("Telefoon aan tijdens schooltijd", "licht", False),
    ("Vertrouwelijke informatie gepubliceerd", "ernstig", True),
    ("Persoonsgegevens gedeeld", "middel", False),
    ("Downloaden op school", "licht", False),
    ("Overig", "middel", False),
]


def seed(apps, schema_editor):
    Category = apps.get_model("incidents", "Category")
    for order, (name, severity, criminal) in enumerate(CATEGORIES, start=1):
        Category.objects.get_or_create(
            name=name, defaults={"default_severity": severity, "possibly_criminal": criminal, "order": order * 10}
        )


def unseed(apps, schema_editor):
    Category = apps.get_model("incidents", "Category")
    Category.objects.filter(name__in=[c[0] for c in CATEGORIES], incidents__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("incidents", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
