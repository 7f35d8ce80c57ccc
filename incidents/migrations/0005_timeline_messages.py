"""The portal's own timeline messages kept as message and values, so each reader sees them in
their own language (issue 18, item 1). Existing entries keep their text and get no message.

Adding a column on SQLite rebuilds the table, which drops the append-only triggers: they are
removed before and installed again after, with the very statements of incidents/triggers.py.
"""

from django.db import migrations, models


def remove_triggers(apps, schema_editor):
    from incidents import triggers

    triggers.remove(schema_editor.connection, schema_editor.execute)


def install_triggers(apps, schema_editor):
    from incidents import triggers

    triggers.install(schema_editor.connection, schema_editor.execute)


class Migration(migrations.Migration):
    dependencies = [("incidents", "0004_incidents_ux")]

    operations = [
        migrations.RunPython(remove_triggers, install_triggers),
        migrations.AddField(model_name="timelineentry", name="message",
                            field=models.TextField(blank=True, editable=False)),
        migrations.AddField(model_name="timelineentry", name="params",
                            field=models.JSONField(blank=True, default=dict, editable=False)),
        migrations.RunPython(install_triggers, remove_triggers),
    ]
