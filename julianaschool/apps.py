from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JulianaschoolConfig(AppConfig):
    name = "julianaschool"
    verbose_name = _("School en mensen")
