from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "consent"

    def ready(self):
        from django.db.backends.signals import connection_created

        from .ledger_guard import register

        connection_created.connect(register, dispatch_uid="consent_ledger_guard")
