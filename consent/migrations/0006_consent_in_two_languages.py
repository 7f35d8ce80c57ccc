"""Consent is informed in both languages (issue 18).

- Purposes and their versions get an English name and explanation beside the Dutch, and a
  wording for staff about recordings of themselves (blank: the parents' text is shown to staff).
- Every ledger record says in which language the decider read the text; the hash it carries is
  over that text. Records made before are all on the Dutch text: they get 'nl'.
- The seeded channels (migration 0003) get their English and staff texts beside their Dutch
  words, which stay as they were, so every existing record's hash still matches its version.

The ledger is append-only (migration 0002). On SQLite adding a NOT NULL column rebuilds the
table, which drops its triggers: they are dropped before and made again after, with the very
statements of 0002. PostgreSQL adds the column in place (no row is updated, so its trigger does
not fire) and keeps its trigger; it is made again all the same, which is harmless.
"""

import importlib

from django.db import migrations, models

ledger = importlib.import_module("consent.migrations.0002_ledger_is_append_only")

# slug: (Dutch explanation as seeded, English name, English explanation, staff Dutch, staff English)
TEXTS = {
    "parro": (
        "Parro (closed group environment)",
        "Parro is the app the school uses to talk with parents. Your child's group in Parro is closed: only "
        "parents of that group can get in, and only when the teacher has invited them. The teacher posts "
        "photos and short films from the classroom there, for example of a school trip or a party. Only "
        "children whose parents have given consent for this can be recognised on them.",
        "Parro is de app waarmee de school met ouders praat. Elke groep heeft er een besloten omgeving: "
        "alleen ouders van die groep kunnen erin, als de leerkracht hen heeft uitgenodigd. Daar komen foto's "
        "en filmpjes uit de klas, bijvoorbeeld van een uitstapje of een feest. Met uw toestemming kunt u daarop "
        "als medewerker herkenbaar te zien zijn.",
        "Parro is the app the school uses to talk with parents. Each group has a closed environment in it: "
        "only parents of that group can get in, when the teacher has invited them. Photos and short films "
        "from the classroom are posted there, for example of a school trip or a party. With your consent you "
        "can be recognised on them as a member of staff.",
    ),
    "website": (
        "School website",
        "On the school website www.julianaschool.be we show what happens in and around the school. Anyone "
        "can look at the website, including people who do not know the school. With your consent your child "
        "can be recognisable in a photo or film on the website. We do not add your child's name or any other "
        "details.",
        "Op de schoolwebsite www.julianaschool.be laten we zien wat er in en rond de school gebeurt. Iedereen "
        "kan de website bekijken, ook mensen die de school niet kennen. Met uw toestemming kunt u als "
        "medewerker herkenbaar op een foto of filmpje op de website staan.",
        "On the school website www.julianaschool.be we show what happens in and around the school. Anyone "
        "can look at the website, including people who do not know the school. With your consent you can be "
        "recognisable as a member of staff in a photo or film on the website.",
    ),
    "sociale-media": (
        "The school's social media",
        "The school sometimes posts messages on its own social media, such as Facebook or Instagram. Those "
        "posts are public: anyone can see them and pass them on. What is online once may stay there, even if "
        "the school removes the post later. With your consent your child can be recognisable in such a photo "
        "or film.",
        "De school plaatst soms berichten op haar eigen sociale media, zoals Facebook of Instagram. Die "
        "berichten zijn openbaar: iedereen kan ze zien en doorsturen. Wat eenmaal online staat, kan daar "
        "blijven, ook als de school het bericht later verwijdert. Met uw toestemming kunt u als medewerker "
        "herkenbaar op zo'n foto of filmpje staan.",
        "The school sometimes posts messages on its own social media, such as Facebook or Instagram. Those "
        "posts are public: anyone can see them and pass them on. What is online once may stay there, even if "
        "the school removes the post later. With your consent you can be recognisable as a member of staff "
        "in such a photo or film.",
    ),
    "nieuwsbrief": (
        "(Digital) newsletter",
        "The newsletter goes through Parro and by e-mail to all parents of the school, not only to the "
        "parents of your child's group. With your consent your child can be recognisable in a photo in the "
        "newsletter.",
        "De nieuwsbrief gaat via Parro en per e-mail naar alle ouders van de school. Met uw toestemming kunt u "
        "als medewerker herkenbaar op een foto in de nieuwsbrief staan.",
        "The newsletter goes through Parro and by e-mail to all parents of the school. With your consent you "
        "can be recognisable as a member of staff in a photo in the newsletter.",
    ),
    "schoolgids": (
        "School guide, brochure and calendar",
        "Every year the school makes a school guide and a calendar, and sometimes a brochure for new parents. "
        "They are printed and handed out, also to people who want to get to know the school, and are "
        "sometimes on the website as well. With your consent your child can be recognisable in a photo in them.",
        "De school maakt elk jaar een schoolgids en een kalender, en soms een brochure voor nieuwe ouders. Die "
        "worden gedrukt en uitgedeeld, ook aan mensen die de school willen leren kennen, en staan soms ook op "
        "de website. Met uw toestemming kunt u als medewerker herkenbaar op een foto daarin staan.",
        "Every year the school makes a school guide and a calendar, and sometimes a brochure for new parents. "
        "They are printed and handed out, also to people who want to get to know the school, and are "
        "sometimes on the website as well. With your consent you can be recognisable as a member of staff in "
        "a photo in them.",
    ),
    "geluid": (
        "Sound recordings",
        "Sometimes we record sound in which your child's voice can be heard, for example when singing a song, "
        "reading a story aloud or giving a talk. With your consent we let people hear such a recording through "
        "Parro or the school website.",
        "Soms nemen we geluid op waarop uw stem te horen is, bijvoorbeeld bij een lied, een voorstelling of een "
        "toespraak. Met uw toestemming laten we zo'n opname horen via Parro of de schoolwebsite.",
        "Sometimes we record sound in which your voice can be heard, for example during a song, a show or a "
        "speech. With your consent we let people hear such a recording through Parro or the school website.",
    ),
}


def add_texts(apps, schema_editor):
    seeded = importlib.import_module("consent.migrations.0003_seed_purposes")
    dutch = {spec["slug"]: spec for spec in seeded.PURPOSES}
    Purpose = apps.get_model("consent", "Purpose")
    for purpose in Purpose.objects.filter(slug__in=TEXTS).select_related("current_version"):
        name_en, explanation_en, staff_nl, staff_en = TEXTS[purpose.slug]
        spec = dutch[purpose.slug]
        if purpose.name == spec["name"] and not purpose.name_en:
            purpose.name_en = name_en
            purpose.save(update_fields=["name_en"])
        # Only the seeded words, unchanged: a version directie wrote itself keeps its own text,
        # and is shown in Dutch until directie writes the English in a new version.
        for version in purpose.versions.filter(name=spec["name"], explanation=spec["explanation"], name_en=""):
            version.name_en, version.explanation_en = name_en, explanation_en
            version.staff_explanation, version.staff_explanation_en = staff_nl, staff_en
            version.save(update_fields=["name_en", "explanation_en", "staff_explanation", "staff_explanation_en"])


class Migration(migrations.Migration):
    dependencies = [("consent", "0005_publications_append_only")]

    operations = [
        migrations.AddField(
            model_name="purpose", name="name_en",
            field=models.CharField(blank=True, max_length=100, verbose_name="naam in het Engels"),
        ),
        migrations.AddField(model_name="purposeversion", name="name_en",
                            field=models.CharField(blank=True, max_length=100)),
        migrations.AddField(
            model_name="purposeversion", name="explanation_en",
            field=models.TextField(blank=True, verbose_name="uitleg voor ouders (Engels)"),
        ),
        migrations.AddField(
            model_name="purposeversion", name="staff_explanation",
            field=models.TextField(blank=True, verbose_name="uitleg voor medewerkers"),
        ),
        migrations.AddField(
            model_name="purposeversion", name="staff_explanation_en",
            field=models.TextField(blank=True, verbose_name="uitleg voor medewerkers (Engels)"),
        ),
        migrations.RunPython(ledger.drop_triggers, ledger.create_triggers),
        migrations.AddField(
            model_name="consentrecord", name="language",
            field=models.CharField(choices=[("nl", "Nederlands"), ("en", "English")], default="nl", max_length=2,
                                   verbose_name="taal"),
        ),
        migrations.RunPython(ledger.create_triggers, ledger.drop_triggers),
        migrations.RunPython(add_texts, migrations.RunPython.noop),
    ]
