"""Django's `flush`, allowed through the append-only tables' SQLite DELETE triggers.

Emptying the whole database is a deliberate way to remove ledger and timeline records; the test
runner uses it between transactional tests. Every other DELETE still gets the trigger's refusal.
"""

from django.core.management.commands.flush import Command as DjangoFlush

from julianaschool.append_only import purging


class Command(DjangoFlush):
    def handle(self, **options):
        with purging():
            return super().handle(**options)
