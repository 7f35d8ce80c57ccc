"""The channels the school asks consent for, as the protocol names them.

Texts are written for parents, not lawyers, and stay close to what the protocol says about each
channel (Parro is closed to the group's parents; the website is public; what is online may stay
online; information traceable to children is not published openly).
"""

import hashlib

from django.db import migrations
from django.utils import timezone

PURPOSES = [
    {
        "slug": "parro", "name": "Parro (besloten groepsomgeving)", "photo": True, "film": True, "sound": False,
        "public": False,
        "explanation": (
            "Parro is de app waarmee de school met ouders praat. De groep van uw kind in Parro is besloten: "
            "alleen ouders van die groep kunnen erin, en alleen als de leerkracht hen heeft uitgenodigd. "
            "De leerkracht zet er foto's en filmpjes uit de klas op, bijvoorbeeld van een uitstapje of een "
            "feest. Alleen kinderen van wie de ouders hiervoor toestemming hebben gegeven, zijn daarop "
            "herkenbaar te zien."
        ),
    },
    {
        "slug": "website", "name": "Schoolwebsite", "photo": True, "film": True, "sound": False, "public": True,
        "explanation": (
            "Op de schoolwebsite www.julianaschool.be laten we zien wat er in en rond de school gebeurt. "
            "Iedereen kan de website bekijken, ook mensen die de school niet kennen. Met uw toestemming "
            "kan uw kind herkenbaar op een foto of filmpje op de website staan. We zetten er geen naam of "
            "andere gegevens van uw kind bij."
        ),
    },
    {
        "slug": "sociale-media", "name": "Sociale media van de school", "photo": True, "film": True,
        "sound": False, "public": True,
        "explanation": (
            "De school plaatst soms berichten op haar eigen sociale media, zoals Facebook of Instagram. "
            "Die berichten zijn openbaar: iedereen kan ze zien en doorsturen. Wat eenmaal online staat, "
            "kan daar blijven, ook als de school het bericht later verwijdert. Met uw toestemming kan uw "
            "kind herkenbaar op zo'n foto of filmpje staan."
        ),
    },
    {
        "slug": "nieuwsbrief", "name": "(Digitale) nieuwsbrief", "photo": True, "film": False, "sound": False,
        "public": False,
        "explanation": (
            "De nieuwsbrief gaat via Parro en per e-mail naar alle ouders van de school, niet alleen naar "
            "de ouders van de groep van uw kind. Met uw toestemming kan uw kind herkenbaar op een foto in "
            "de nieuwsbrief staan."
        ),
    },
    {
        "slug": "schoolgids", "name": "Schoolgids, brochure en kalender", "photo": True, "film": False,
        "sound": False, "public": True,
        "explanation": (
            "De school maakt elk jaar een schoolgids en een kalender, en soms een brochure voor nieuwe "
            "ouders. Die worden gedrukt en uitgedeeld, ook aan mensen die de school willen leren kennen, "
            "en staan soms ook op de website. Met uw toestemming kan uw kind herkenbaar op een foto daarin "
            "staan."
        ),
    },
    {
        "slug": "geluid", "name": "Geluidsopnamen", "photo": False, "film": False, "sound": True, "public": True,
        "explanation": (
            "Soms nemen we geluid op waarop de stem van uw kind te horen is, bijvoorbeeld bij het zingen "
            "van een lied, het voorlezen van een verhaal of een spreekbeurt. Met uw toestemming laten we "
            "zo'n opname horen via Parro of de schoolwebsite."
        ),
    },
]


def media_label(photo: bool, film: bool, sound: bool) -> str:
    # Same wording as consent.texts.media_label: the hash of the shown text depends on it.
    return ", ".join(word for word, on in (("foto", photo), ("film", film), ("geluid", sound)) if on)


def seed(apps, schema_editor):
    Purpose = apps.get_model("consent", "Purpose")
    PurposeVersion = apps.get_model("consent", "PurposeVersion")
    now = timezone.now()
    for position, spec in enumerate(PURPOSES, start=1):
        if Purpose.objects.filter(slug=spec["slug"]).exists():
            continue
        purpose = Purpose.objects.create(
            slug=spec["slug"], name=spec["name"], covers_photo=spec["photo"], covers_film=spec["film"],
            covers_sound=spec["sound"], is_public=spec["public"], position=position * 10, created_at=now,
        )
        media = media_label(spec["photo"], spec["film"], spec["sound"])
        text = f"{spec['name']}\n{media}\n{spec['explanation']}"
        version = PurposeVersion.objects.create(
            purpose=purpose, number=1, name=spec["name"], explanation=spec["explanation"], media=media,
            is_public=spec["public"], substantive=True, text_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            created_at=now,
        )
        purpose.current_version = version
        purpose.asked_from = 1
        purpose.save(update_fields=["current_version", "asked_from"])


class Migration(migrations.Migration):
    dependencies = [("consent", "0002_ledger_is_append_only")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
