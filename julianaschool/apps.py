from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JulianaschoolConfig(AppConfig):
    name = "julianaschool"
    verbose_name = _("School en mensen")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.core import signals
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_delete, post_save

        from . import audit, audit_actions, audit_labels, middleware, models
        from .append_only import register

        audit.register(actions=audit_labels.ACTIONS, legacy=audit_actions.LEGACY, fields=audit_labels.FIELDS)

        connection_created.connect(register, dispatch_uid="portal_append_only")
        # The current school year is looked up once per request (SchoolYearQuerySet.current).
        signals.request_started.connect(models.request_started, dispatch_uid="portal_year_start")
        signals.request_finished.connect(models.request_finished, dispatch_uid="portal_year_end")
        user_logged_in.connect(middleware.mark_refreshed_at_login, dispatch_uid="portal_session_refreshed")
        for signal in (post_save, post_delete):
            signal.connect(models.school_year_changed, sender=models.SchoolYear, dispatch_uid=f"portal_year_{signal}")
