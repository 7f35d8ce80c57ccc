from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "consent"

    def ready(self):
        from julianaschool import signals

        from . import receivers

        signals.pupil_left.connect(receivers.end_consent_of_leaver, dispatch_uid="consent.pupil_left")
        signals.pupil_leave_undone.connect(receivers.restore_consent_of_returner, dispatch_uid="consent.pupil_leave_undone")
