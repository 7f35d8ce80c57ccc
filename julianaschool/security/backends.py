"""The password backend that loads the signed-in user lean."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

User = get_user_model()


class PortalModelBackend(ModelBackend):
    """Django's password backend, loading the signed-in user lean: the user with their staff and
    guardian record and whether they have a confirmed second factor in one query; their roles
    (groups) in a second, once, when the request first asks (access.roles_of). Everything a
    request asks about the user later reads these."""

    def user_can_authenticate(self, user):
        # A staff member whose uit-dienst date has come can no longer sign in, nor stay signed in.
        staff = getattr(user, "staff", None) if user is not None and user.pk else None
        if staff is not None and staff.left_on is not None and staff.left_on <= timezone.localdate():
            return False
        return super().user_can_authenticate(user)

    def get_user(self, user_id):
        # Every request pays for this query, so it is kept cheap to build: the device flag is a
        # fixed EXISTS in SQL (an ORM Exists subquery cost about 0.3 ms to compile per request,
        # measured with bench/scale.py's trivial view), and get() spares first()'s ordering.
        try:
            user = (User._default_manager.select_related("staff", "guardian")
                    .annotate(portal_has_device=RawSQL(_HAS_CONFIRMED_DEVICE, (), output_field=BooleanField()))
                    .get(pk=user_id))
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


_HAS_CONFIRMED_DEVICE = (
    f'EXISTS (SELECT 1 FROM "{TOTPDevice._meta.db_table}" device '
    f'WHERE device."user_id" = "{User._meta.db_table}"."id" AND device."confirmed")'
)
