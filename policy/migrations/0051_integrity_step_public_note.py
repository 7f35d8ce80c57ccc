"""A step's comment is internal from now on; what visitors may read goes in `public_note`.

The protocol's own history ("Overgenomen uit ...") and the portal's "Vervangen door versie ..."
were written for everyone: they move to the public note. Every other comment stays internal."""

from django.db import migrations, models
from django.db.models import Q

PUBLIC = Q(comment="Overgenomen uit het vastgestelde document 2022-2024.") | Q(comment__startswith="Vervangen door versie ")


def publish_public_history(apps, schema_editor):
    VersionStep = apps.get_model("policy", "VersionStep")
    for step in VersionStep.objects.filter(PUBLIC):
        step.public_note, step.comment = step.comment, ""
        step.save(update_fields=["public_note", "comment"])


def unpublish(apps, schema_editor):
    VersionStep = apps.get_model("policy", "VersionStep")
    for step in VersionStep.objects.exclude(public_note=""):
        step.comment = "\n".join(part for part in (step.comment, step.public_note) if part)
        step.save(update_fields=["comment"])


class Migration(migrations.Migration):
    dependencies = [
        ("policy", "0050_signed_pdf"),
    ]

    operations = [
        migrations.AlterField(
            model_name="versionstep",
            name="comment",
            field=models.TextField(blank=True, verbose_name="toelichting (intern)"),
        ),
        migrations.AddField(
            model_name="versionstep",
            name="public_note",
            field=models.TextField(blank=True, verbose_name="openbare toelichting"),
        ),
        migrations.RunPython(publish_public_history, unpublish),
    ]
