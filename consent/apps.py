from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "consent"

    def ready(self):
        from julianaschool.retention import consent_period_passed

        from .publications.receivers import purge_publications_of_leaver

        consent_period_passed.connect(purge_publications_of_leaver, dispatch_uid="consent.publications.retention")
