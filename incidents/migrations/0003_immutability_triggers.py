"""Database triggers that keep what was reported as it was reported (see incidents/triggers.py).

The SQL lives in incidents/triggers.py so that a deliberate purge can lift and restore exactly
these triggers; it is chosen by schema_editor.connection.vendor.
"""

from django.db import migrations


def up(apps, schema_editor):
    from incidents import triggers

    triggers.install(schema_editor.connection, schema_editor.execute)


def down(apps, schema_editor):
    from incidents import triggers

    triggers.remove(schema_editor.connection, schema_editor.execute)


class Migration(migrations.Migration):
    dependencies = [("incidents", "0002_seed_categories")]
    operations = [migrations.RunPython(up, down)]
