"""Group stamps: an answer makes stale only the snapshots of its pupil's groups, not every
snapshot of the school (consent/snapshots/triggers.py, GROUP_TABLES)."""

from django.db import migrations, models

from consent.snapshots import triggers

ANSWERS = ("consent_currentanswer",)


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement, params=None)  # PL/pgSQL bodies are no queries with parameters


# The triggers of 0008 name the snapshot table in their bodies; SQLite rebuilds a table to add a
# column and refuses the rename while a trigger names a table that is gone for that moment. So
# they are taken off first and put back after.
def drop_one_stamp(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    _run(schema_editor, triggers.drop(vendor, triggers.TABLES + ANSWERS))


def create_one_stamp(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    _run(schema_editor, triggers.create(vendor, triggers.TABLES + ANSWERS))


def create_group_stamps(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    _run(schema_editor, triggers.create(vendor, triggers.TABLES) + triggers.group_create(vendor))


def drop_group_stamps(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    _run(schema_editor, triggers.group_drop(vendor) + triggers.drop(vendor, triggers.TABLES))


class Migration(migrations.Migration):

    dependencies = [
        ("consent", "0008_snapshots"),
    ]

    operations = [
        migrations.RunPython(drop_one_stamp, create_one_stamp),
        migrations.CreateModel(
            name="GroupStamp",
            fields=[
                ("group_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("n", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.AddField(
            model_name="snapshot",
            name="group_stamp",
            field=models.BigIntegerField(default=0),
        ),
        migrations.RunPython(create_group_stamps, drop_group_stamps),
    ]
