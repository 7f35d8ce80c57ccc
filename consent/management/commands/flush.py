"""Django's `flush`, allowed through the consent ledger's SQLite DELETE trigger (see ledger_guard).

Emptying the whole database is the one deliberate way to remove ledger records; the test runner
uses it between transactional tests. Everything else still gets the trigger's refusal.
"""

from django.core.management.commands.flush import Command as DjangoFlush

from consent.ledger_guard import flushing


class Command(DjangoFlush):
    def handle(self, **options):
        with flushing():
            return super().handle(**options)
