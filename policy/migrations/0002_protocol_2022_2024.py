"""Loads the school's adopted "Protocol sociale media en internetgebruik 2022-2024" as version 1.0.

The text comes from the project's own structured copy (policy/protocol_2022_2024.py), never from
outside the project. The version is in force (gepubliceerd) and its steps record the adoption
by directie (juni 2022), the approval by the board (september 2022) and the publication.
"""

import datetime

from django.db import migrations


def load(apps, schema_editor):
    from policy import protocol_2022_2024 as source

    ProtocolVersion = apps.get_model("policy", "ProtocolVersion")
    Section = apps.get_model("policy", "Section")
    VersionStep = apps.get_model("policy", "VersionStep")
    if ProtocolVersion.objects.filter(major=1, minor=0).exists():
        return
    version = ProtocolVersion.objects.create(
        major=1, minor=0, title=source.TITLE, period=source.PERIOD, status="gepubliceerd", kind="inhoudelijk",
        adopted_on=source.ADOPTED_ON, approved_on=source.APPROVED_ON, review_on=source.REVIEW_ON,
        effective_from=source.EFFECTIVE_FROM, chair_name=source.CHAIR_NAME,
        change_summary="Eerste versie in het portaal: het protocol 2022-2024 zoals vastgesteld en goedgekeurd.",
    )

    def add(items, parent):
        for position, item in enumerate(items, start=1):
            section = Section.objects.create(
                version=version, parent=parent, position=position, key=item["key"], title=item["title"],
                body=item["body"], style=item["style"],
            )
            add(item.get("children", []), section)

    add(source.SECTIONS, None)
    noon = datetime.time(12, 0, tzinfo=datetime.timezone.utc)
    history = "Overgenomen uit het vastgestelde document 2022-2024."
    for from_status, to_status, on, name in [
        ("concept", "vastgesteld", source.ADOPTED_ON, "Directie"),
        ("vastgesteld", "goedgekeurd", source.APPROVED_ON, f"{source.CHAIR_NAME} (voorzitter van het bestuur)"),
        ("goedgekeurd", "gepubliceerd", source.EFFECTIVE_FROM, "Directie"),
    ]:
        VersionStep.objects.create(
            version=version, from_status=from_status, to_status=to_status, actor=None, actor_name=name,
            at=datetime.datetime.combine(on, noon), comment=history,
        )


def unload(apps, schema_editor):
    ProtocolVersion = apps.get_model("policy", "ProtocolVersion")
    version = ProtocolVersion.objects.filter(major=1, minor=0).first()
    if version is not None:
        version.sections.filter(parent__isnull=False).delete()
        version.delete()


class Migration(migrations.Migration):
    dependencies = [("policy", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
