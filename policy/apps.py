from django.apps import AppConfig


class PolicyConfig(AppConfig):
    name = "policy"

    def ready(self):
        from julianaschool import audit

        from . import audit_actions, audit_labels

        audit.register(actions=audit_labels.ACTIONS, legacy=audit_actions.LEGACY, fields=audit_labels.FIELDS)
