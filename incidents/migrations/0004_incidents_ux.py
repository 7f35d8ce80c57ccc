"""Categories get an English name beside the Dutch one (shown to a user who reads English); the
categories the protocol seeded (0002) are translated here. Categories directie added keep an empty
English name until directie gives one (the Dutch name stands in).

Only the categories table changes: the append-only triggers of 0003 on incidents and the timeline
are untouched.
"""

from django.db import migrations, models

ENGLISH = {
    "Hacken van een account": "Hacking an account",
    "Pesten": "Bullying",
    "Kwetsen": "Hurting someone's feelings",
    "Stalken": "Stalking",
    "Bedreigen": "Threatening",
    "Radicalisering": "Radicalisation",
    "In diskrediet brengen": "Discrediting someone",
    "Anderszins beschadigen": "Harming someone otherwise",
    "Foto, film of geluid opnemen zonder toestemming": "Taking photos, film or sound without permission",
    "Verspreiden van beeldmateriaal": "Spreading images",
    "Bewust bezoeken van sites met racisme, geweld of seks": "Deliberately visiting sites with racism, violence or sex",
    "Sociale media tijdens de les zonder toestemming": "Social media during lessons without permission",
    "Telefoon aan tijdens schooltijd": "Phone switched on during school hours",
    "Vertrouwelijke informatie gepubliceerd": "Confidential information published",
    "Persoonsgegevens gedeeld": "Personal data shared",
    "Downloaden op school": "Downloading at school",
    "Overig": "Other",
}


def translate(apps, schema_editor):
    Category = apps.get_model("incidents", "Category")
    for dutch, english in ENGLISH.items():
        Category.objects.filter(name=dutch, name_en="").update(name_en=english)


class Migration(migrations.Migration):
    dependencies = [("incidents", "0003_immutability_triggers")]
    operations = [
        migrations.AddField(
            model_name="category",
            name="name_en",
            field=models.CharField(blank=True, max_length=120, verbose_name="naam in het Engels"),
        ),
        migrations.RunPython(translate, migrations.RunPython.noop),
    ]
