from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JulianaschoolConfig(AppConfig):
    name = "julianaschool"
    verbose_name = _("School en mensen")

    def ready(self):
        from django.db.backends.signals import connection_created

        from .append_only import register

        connection_created.connect(register, dispatch_uid="portal_append_only")
