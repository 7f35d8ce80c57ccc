"""The password backend that loads the signed-in user lean."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db import connection
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
        user = _load_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class _Load:
    """Every request loads its user: with their staff and guardian record and whether they have a
    confirmed second factor, in one query whose SQL is written once per process. The ORM's
    select_related query cost about 0.4 ms a request to compile (more than the query itself;
    bench/scale.py's trivial view), so the rows are turned into model instances here, with the
    same database converters the ORM applies."""

    def __init__(self):
        self.sql = None

    def _prepare(self):
        from julianaschool.models import Guardian, StaffMember

        parts, selects = [], []
        for alias, model in (("u", User), ("s", StaffMember), ("g", Guardian)):
            fields = list(model._meta.concrete_fields)
            converters = [
                (connection.ops.get_db_converters(field.get_col(alias)) + field.get_db_converters(connection),
                 field.get_col(alias)) for field in fields
            ]
            parts.append((model, [f.attname for f in fields], converters))
            selects += [f'{alias}."{f.column}"' for f in fields]
        qn = connection.ops.quote_name
        self.parts = parts
        self.sql = (
            f"SELECT {', '.join(selects)}, EXISTS (SELECT 1 FROM {qn(TOTPDevice._meta.db_table)} d "
            f'WHERE d."user_id" = u."id" AND d."confirmed") '
            f"FROM {qn(User._meta.db_table)} u "
            f"LEFT JOIN {qn(StaffMember._meta.db_table)} s ON s.\"user_id\" = u.\"id\" "
            f"LEFT JOIN {qn(Guardian._meta.db_table)} g ON g.\"user_id\" = u.\"id\" "
            'WHERE u."id" = %s'
        )

    def __call__(self, user_id):
        if self.sql is None:
            self._prepare()
        with connection.cursor() as cursor:
            cursor.execute(self.sql, [User._meta.pk.to_python(user_id)])
            row = cursor.fetchone()
        if row is None:
            return None
        instances, start = [], 0
        for model, names, converters in self.parts:
            values = list(row[start:start + len(names)])
            start += len(names)
            if values[0] is None:  # no staff (or guardian) record: the LEFT JOIN's empty half
                instances.append(None)
                continue
            for index, (funcs, col) in enumerate(converters):
                for convert in funcs:
                    values[index] = convert(values[index], col, connection)
            instances.append(model.from_db(connection.alias, names, values))
        user, staff, guardian = instances
        # What select_related("staff", "guardian") leaves: user.staff / user.guardian answer
        # without a query (raising DoesNotExist when absent), and the records know their user.
        user._state.fields_cache["staff"] = staff
        user._state.fields_cache["guardian"] = guardian
        for record in (staff, guardian):
            if record is not None:
                record._state.fields_cache["user"] = user
        user.portal_has_device = bool(row[-1])
        return user


_load_user = _Load()
