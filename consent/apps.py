from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "consent"

    def ready(self):
        from julianaschool import audit, signals

        from . import audit_actions, audit_labels, receivers

        signals.pupil_left.connect(receivers.end_consent_of_leaver, dispatch_uid="consent.pupil_left")
        signals.pupil_leave_undone.connect(receivers.restore_consent_of_returner, dispatch_uid="consent.pupil_leave_undone")
        audit.register(actions=audit_labels.ACTIONS, legacy=audit_actions.LEGACY, fields=audit_labels.FIELDS)
