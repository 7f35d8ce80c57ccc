"""What the consent services share: whom a receipt or reminder tells to contact."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from julianaschool.models import Role
from julianaschool.names import account_name


def office_contact() -> str:
    """Whom a receipt tells to contact: the school's office, by name and address when known."""
    office = (get_user_model().objects.filter(groups__name=Role.OFFICE, is_active=True).exclude(email="")
              .order_by("pk").first())
    if office is None:
        return _("de administratie van de school")
    return _("de administratie van de school: %(name)s, %(email)s") % {"name": account_name(office), "email": office.email}
