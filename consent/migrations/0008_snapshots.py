"""Snapshots of the class sheet and the overview (consent/snapshots/store.py), and the triggers
that make them stale whenever what they were computed from changes (consent/snapshots/triggers.py).
"""

from django.db import migrations, models

from consent.snapshots import triggers


def _run(schema_editor, statements):
    for statement in statements:
        # params=None: the PL/pgSQL body is no query with parameters.
        schema_editor.execute(statement, params=None)


# The tables as this migration installed them (0009 moved the answers to their group stamps).
TABLES = triggers.TABLES + ("consent_currentanswer",)


def create_triggers(apps, schema_editor):
    _run(schema_editor, triggers.create(schema_editor.connection.vendor, TABLES))


def drop_triggers(apps, schema_editor):
    _run(schema_editor, triggers.drop(schema_editor.connection.vendor, TABLES))


class Migration(migrations.Migration):

    dependencies = [
        ("consent", "0007_current_answers"),
        ("julianaschool", "0007_people_all_year"),
    ]

    operations = [
        migrations.CreateModel(
            name="Snapshot",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.CharField(max_length=200, unique=True)),
                ("stamp", models.BigIntegerField()),
                ("payload", models.TextField()),
            ],
        ),
        migrations.CreateModel(
            name="SnapshotStamp",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("n", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
