from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "consent"

    def ready(self):
        from julianaschool import signals
        from julianaschool.retention import consent_period_passed

        from . import receivers
        from .publications.receivers import purge_publications_of_leaver

        consent_period_passed.connect(purge_publications_of_leaver, dispatch_uid="consent.publications.retention")
        signals.pupil_left.connect(receivers.end_consent_of_leaver, dispatch_uid="consent.pupil_left")
        signals.pupil_leave_undone.connect(receivers.restore_consent_of_returner, dispatch_uid="consent.pupil_leave_undone")
