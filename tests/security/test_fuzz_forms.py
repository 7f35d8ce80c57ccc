"""Hostile input to every URL of the portal, as every role (hypothesis).

For each role, every URL pattern is requested with its arguments filled from the test world's
ids and foreign ids, and with GET and POST bodies made of random and hostile values (long
strings, HTML and script, wrong types, other families' ids, missing fields, JSON), using the
form's own field names where the page has a form. Nothing may answer with a server error,
nothing may echo a script payload unescaped, and no row about a pupil the role may not see may
change. Parents, outsiders and plain staff may in addition change nothing but rows about
themselves and their own children.

Each request runs in a transaction that is rolled back, so the world is the same for each.
FUZZ_EXAMPLES (env) sets how many random rounds per role (default 2; FUZZ_PROFILE=nightly: 25). The
first round visits every URL; later rounds spend their examples on the pages this role can open
(where forms, filters and writes are), since a page that answers 404 or 403 to the role answers
the same to every body, and the deterministic id sweep has already tried each such URL.
"""

import hashlib
import json
import os
import re
import uuid

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import EmptyResultSet
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, models, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from julianaschool import access
from julianaschool.models import Guardian, Pupil, StaffMember
from tests.matrix import ROLES
from tests.test_access_matrix import NOT_PORTAL, NOT_PORTAL_NAMESPACES, _modules

User = get_user_model()
NIGHTLY = os.environ.get("FUZZ_PROFILE", "") == "nightly"
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25" if NIGHTLY else "2"))

# Tables whose rows any request may legitimately touch: sessions, login bookkeeping, the audit
# trail (it records attempts), a pending TOTP device made on the enrolment page.
EXEMPT_TABLES = {"django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog",
                 "julianaschool_auditentry", "otp_totp_totpdevice", "django_content_type", "auth_permission"}
# Roles that only ever write about themselves and their own children.
SELF_ONLY_ROLES = {"anonymous", "outsider", "ouder5", "ouder7", "medewerker"}

# Digits, but no id any database column can hold (SQLite cannot even bind it).
OVERLONG_INT = "9" * 25
SCRIPT = "<script>alert('fuzz')</script>"
IMG = "\"><img src=x onerror=alert('fuzz')>"
HOSTILE = [
    SCRIPT, IMG, "javascript:alert(1)", "'; DROP TABLE auth_user; --", "' OR '1'='1", "{{ 7|add:7 }}",
    "{% debug %}", "../../../../etc/passwd", "\x00", "%00", "\u202e\u0000\ufeff", "A" * 5000, "9" * 40,
    "-1", "0", "1.5", OVERLONG_INT, "0001-01-01", "0001-01-01T00:00", "9999-12-31T23:59", "9999-12-31",
    "1e309", "NaN", "true", "null", "[]", "{}", "2026-02-30", "31-12-2026", "ja", "nee",
    "on", "", " ", "😀" * 50, "${jndi:ldap://x}", "<svg/onload=alert(1)>", "http://evil.example/",
]
# Markers of a payload that came back unescaped into HTML.
RAW_MARKERS = [SCRIPT, "<img src=x onerror=", "<svg/onload="]


# --- the URLs


def _patterns(patterns, namespace="", outer=None):
    outer = outer or {}
    for pattern in patterns:
        converters = {**outer, **getattr(pattern.pattern, "converters", {})}
        if isinstance(pattern, URLResolver):
            if pattern.namespace in NOT_PORTAL_NAMESPACES:
                continue
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _patterns(pattern.url_patterns, ns, converters)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}{pattern.name}"
            if name not in NOT_PORTAL:
                yield name, converters


def url_patterns():
    seen = {}
    for name, converters in _patterns(get_resolver().url_patterns):
        seen.setdefault(name, converters)
    return sorted(seen.items())


def id_pool(world) -> list[int]:
    """Ids of the world's objects (own and foreign to any role) and ids that exist nowhere."""
    ids = {0, 1, 2, 3, 999999, 2**31 - 1}
    for value in vars(world).values():
        if isinstance(value, models.Model):
            ids.add(value.pk)
    for model in (Pupil, Guardian, StaffMember, User):
        ids |= set(model.objects.values_list("pk", flat=True)[:50])
    return sorted(i for i in ids if isinstance(i, int))


def uuid_pool(world) -> list[uuid.UUID]:
    found = [uuid.UUID(int=0), uuid.uuid4()]
    for value in vars(world).values():
        if isinstance(value, models.Model):
            found += [getattr(value, f.attname) for f in value._meta.concrete_fields if isinstance(f, models.UUIDField)]
    return found


def arg_strategy(converter, ids, uuids):
    kind = type(converter).__name__
    if kind == "IntConverter":
        return st.sampled_from(ids)
    if kind == "UUIDConverter":
        return st.sampled_from(uuids)
    if kind == "SlugConverter":
        return st.sampled_from(["x", "a-b", "nieuw", "0", "z" * 60])
    if kind == "PathConverter":
        return st.sampled_from(["a/b", "..%2f..%2fetc/passwd", "x"])
    return st.sampled_from(["x", "MQ", "set-password", "abc-def", "0", "%3Cscript%3E"])


def sweep_arg(converter, number: int):
    kind = type(converter).__name__
    if kind == "IntConverter":
        return number
    if kind == "UUIDConverter":
        return uuid.UUID(int=number)
    return "x"


# --- the values


def value_strategy(ids):
    return st.one_of(
        st.sampled_from(HOSTILE),
        st.sampled_from([str(i) for i in ids]),
        st.text(max_size=40),
        st.integers(min_value=-(2**63), max_value=2**63).map(str),
        st.lists(st.sampled_from(HOSTILE + [str(i) for i in ids]), min_size=2, max_size=3),
    )


def form_fields(html: str) -> list[str]:
    names = re.findall(r"<(?:input|select|textarea)\b[^>]*\bname=\"([^\"]+)\"", html)
    return sorted({n for n in names if n != "csrfmiddlewaretoken"})


def payload_strategy(fields, ids):
    keys = st.sampled_from(fields + ["id", "pk", "pupil", "leerling", "group", "user", "status", "x"]) if fields \
        else st.sampled_from(["id", "pk", "pupil", "leerling", "group", "user", "token", "q", "x"])
    return st.dictionaries(keys, value_strategy(ids), max_size=max(3, len(fields) + 2))


# --- what may not change


def _fk_columns(model, target) -> list[str]:
    return [f.name for f in model._meta.concrete_fields
            if isinstance(f, models.ForeignKey) and issubclass(f.related_model, target)]


def protected_querysets(user, role: str):
    """(label, queryset) of the rows this role may not change."""
    allowed_pupils = set(access.visible_pupils(user).values_list("pk", flat=True))
    foreign_pupils = set(Pupil.objects.exclude(pk__in=allowed_pupils).values_list("pk", flat=True))
    staff = access.staff_of(user)
    guardian = access.guardian_of(user)
    # Nobody gives themselves a role or admin rights through the portal's pages.
    result = [("auth_user_groups", User.groups.through.objects.all()),
              ("auth_user privileges", User.objects.only("pk", "is_staff", "is_superuser", "is_active", "username"))]
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if table in EXEMPT_TABLES or table == "auth_user_groups" or model._meta.proxy or not model._meta.managed:
            continue
        if model is Pupil:
            result.append((table, model.objects.filter(pk__in=foreign_pupils)))
            continue
        pupil_columns = _fk_columns(model, Pupil)
        if pupil_columns:
            query = models.Q()
            for column in pupil_columns:
                query |= models.Q(**{f"{column}__in": foreign_pupils})
            result.append((table, model.objects.filter(query)))
        if role in SELF_ONLY_ROLES:
            # Everything else, except rows that are about this user or their own children.
            own = models.Q()
            for column in pupil_columns:
                own |= models.Q(**{f"{column}__in": allowed_pupils})
            for column in _fk_columns(model, User) if user.pk else []:
                own |= models.Q(**{column: user.pk})
            if staff is not None:
                for column in _fk_columns(model, StaffMember):
                    own |= models.Q(**{column: staff.pk})
            if guardian is not None:
                for column in _fk_columns(model, Guardian):
                    own |= models.Q(**{column: guardian.pk})
            if model is User and user.pk:
                own |= models.Q(pk=user.pk)
            result.append((table + " (not own)", model.objects.exclude(own) if own else model.objects.all()))
    return result


def compile_protected(querysets) -> list[tuple[str, str, tuple]]:
    """The protected querysets as SQL, compiled once: each check then costs one plain query."""
    compiled = []
    for label, queryset in querysets:
        fields = queryset.query.deferred_loading[0] if not queryset.query.deferred_loading[1] else ()
        try:
            sql, params = queryset.order_by("pk").values_list(*sorted(fields)).query.sql_with_params()
        except EmptyResultSet:  # e.g. no foreign pupils at all for directie: nothing to protect
            continue
        compiled.append((label, sql, params))
    return compiled


# How many rows this connection has written: the same number before and after a request means
# it wrote nothing, so no protected row can have changed and their check can be skipped (most
# hostile requests are refused before any write; the check is most of the test's time).
# SQLite counts every row change since the connection opened; PostgreSQL per table in this
# transaction, rolled-back savepoints included.
_WRITES = {
    "sqlite": "SELECT total_changes()",
    "postgresql": "SELECT COALESCE(SUM(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_xact_user_tables",
}


def writes() -> int:
    with connection.cursor() as cursor:
        cursor.execute(_WRITES[connection.vendor])
        return int(cursor.fetchone()[0])


def changed_rows(compiled, before: dict[str, str], written_before: int) -> list[str]:
    """The labels of the protected rows that changed since `before` (none if nothing was written)."""
    if writes() == written_before:
        return []
    return sorted(label for label, value in fingerprint(compiled).items() if before[label] != value)


def fingerprint(compiled) -> dict[str, str]:
    prints = {}
    with connection.cursor() as cursor:
        for label, sql, params in compiled:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
            prints[label] = f"{len(rows)}:" + hashlib.sha256(repr(rows).encode()).hexdigest()
    return prints


# --- the test


def _setup_world(world):
    """Every app's matrix objects in one world. Two setups that cannot live side by side (two
    drafts of the protocol) leave the second's URLs to be filled from the id pool instead."""
    usable = []
    for module in _modules():
        try:
            with transaction.atomic():
                if hasattr(module, "setup"):
                    module.setup(world)
        except IntegrityError:
            continue
        usable.append(module)
    return {row.name: row for module in usable for row in module.rows()}


class RoleClient:
    """One signed-in test client per role, reused. Requests are rolled back, so a logout or a
    password change undone in the database is undone in the cookie jar as well."""

    def __init__(self, world, role):
        self.client = Client(raise_request_exception=False)
        if role != "anonymous":
            self.client.force_login(world.users[role])
        self.cookies = {key: morsel.value for key, morsel in self.client.cookies.items()}

    def __call__(self) -> Client:
        for key in list(self.client.cookies):
            if key not in self.cookies:
                del self.client.cookies[key]
        for key, value in self.cookies.items():
            self.client.cookies[key] = value
        return self.client


class Sent:
    """The requests this test has already made. Each runs in a transaction that is rolled back, so
    the same request (method, URL and body) as the same role meets the same world again and gets
    the same answer: the sweep's URLs repeat where a pattern's arguments are not ids (every
    argument becomes "x") or where the matrix row's URL is one of the swept ones, and every
    Hypothesis run starts with its simplest example, which the round before already sent."""

    def __init__(self):
        self._keys = set()

    def first_time(self, method: str, url: str, body: dict, upload=None) -> bool:
        key = (method, url, repr(sorted(body.items())), repr(upload))
        if key in self._keys:
            return False
        self._keys.add(key)
        return True


def _check(response, where, role, world, before, protected):
    # 503 is a deliberate answer (signing not configured on this machine); any other 5xx is a crash.
    assert response.status_code < 500 or response.status_code == 503, f"{where}: server error {response.status_code}"
    if response.get("Content-Type", "").startswith("text/html"):
        body = response.content.decode(errors="replace")
        leaked = [m for m in RAW_MARKERS if m in body]
        assert leaked == [], f"{where}: unescaped payload {leaked}"


@pytest.mark.parametrize("role", ROLES)
def test_hostile_input_to_every_url_gives_no_server_error_and_touches_nothing_foreign(world, role):
    rows = _setup_world(world)
    patterns = url_patterns()
    ids, uuids = id_pool(world), uuid_pool(world)
    user = world.users[role] if role != "anonymous" else None
    protected = compile_protected(protected_querysets(user or AnonymousUser(), role))
    before = fingerprint(protected)

    _client = RoleClient(world, role)
    sent = Sent()

    def page_url(name):
        converters = dict(patterns)[name]
        return rows[name].url(world) if name in rows else (None if converters else reverse(name))

    # The form fields of each page as this role sees it (a GET of the matrix row's URL).
    fields, reachable, pdfs = {}, set(), set()
    for name, _converters in patterns:
        url = page_url(name)
        if url is None:
            continue
        with transaction.atomic():
            response = _client().get(url)
            transaction.set_rollback(True)
        assert response.status_code < 500 or response.status_code == 503, f"GET {name} as {role}"
        if response.get("Content-Type", "").startswith("application/pdf"):
            # Rendering a PDF takes WeasyPrint a good part of a second: one hostile round below
            # (the id sweep) is enough for a download.
            pdfs.add(name)
        elif response.status_code == 200:
            reachable.add(name)
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            fields[name] = form_fields(response.content.decode(errors="replace"))

    # First a deterministic sweep: every field (and the usual id names) set to every id of the
    # world at once, posted to the matrix URL and to the pattern filled with each id.
    sweep_ids = [world.pupil5.pk, world.pupil7.pk, 999999]
    generic = ["id", "pk", "pupil", "pupils", "leerling", "pupil_id", "group", "groep", "user", "guardian", "staff"]
    for name, converters in patterns:
        body = {key: [str(i) for i in ids] for key in fields.get(name, []) + generic}
        urls = [rows[name].url(world)] if name in rows else ([] if converters else [reverse(name)])
        if converters:
            urls += [reverse(name, kwargs={k: sweep_arg(c, i) for k, c in converters.items()}) for i in sweep_ids]
        for url in urls:
            if not sent.first_time("post", url, body):
                continue
            where = f"POST {url} as {role} with every id"
            with transaction.atomic():
                written = writes()
                response = _client().post(url, body)
                _check(response, where, role, world, before, protected)
                changed = changed_rows(protected, before, written)
                assert changed == [], f"{where}: changed rows it may not touch in {changed}"
                transaction.set_rollback(True)

    # Then, on every page this role can open, each field (and the usual filter names) set to each
    # kind of hostile value at once, as a POST and as a GET query.
    filters = ["q", "x", "zoek", "pagina", "page", "groep", "persoon", "object", "soort", "status", "next", "format"]
    for name in sorted(reachable):
        url = page_url(name)
        for value, methods in [(SCRIPT + IMG, ("post", "get")), ("A" * 5000 + "-1e309\x00'; DROP TABLE auth_user; --", ("post",)),
                               (OVERLONG_INT, ("get", "post")), ("0001-01-01", ("get", "post")),
                               ("0001-01-01T00:00", ("post",)), ("9999-12-31", ("post",))]:
            body = {key: value for key in fields.get(name, []) + generic + filters}
            for method in methods:
                if not sent.first_time(method, url, body):
                    continue
                where = f"{method.upper()} {url} as {role} with every field {value[:20]!r}"
                with transaction.atomic():
                    written = writes()
                    response = getattr(_client(), method)(url, body)
                    _check(response, where, role, world, before, protected)
                    changed = changed_rows(protected, before, written)
                    assert changed == [], f"{where}: changed rows it may not touch in {changed}"
                    transaction.set_rollback(True)

    # No shrinking: the failure message already names the request, and shrinking a round that
    # visits every URL would take minutes. Two runs, each deterministic on its own (Hypothesis
    # replays an example and must see the same draws): one round over every URL, then the rest
    # of the rounds over the pages this role can open.
    def fuzz_round(data, only_reachable):
        for name, converters in patterns:
            if name in pdfs or (only_reachable and name not in reachable):
                continue
            # Half the time the matrix row's own URL (real, reachable objects); otherwise the
            # pattern with ids drawn from the world (often another family's or nobody's).
            row = rows.get(name)
            if row is not None and (not converters or data.draw(st.booleans(), label=f"{name} matrix url")):
                url = row.url(world)
            else:
                kwargs = {key: data.draw(arg_strategy(conv, ids, uuids), label=f"{name}.{key}")
                          for key, conv in converters.items()}
                url = reverse(name, kwargs=kwargs)
            body = data.draw(payload_strategy(fields.get(name, []), ids), label=f"{name} body")
            mode = data.draw(st.sampled_from(["post", "post", "json", "get", "file"]), label=f"{name} mode")
            upload = None
            if mode == "file":
                target = data.draw(st.sampled_from(fields.get(name) or ["file", "scan", "bijlage"]), label="file field")
                content = data.draw(st.sampled_from(
                    [b"%PDF-1.4 " + SCRIPT.encode(), b"MZ\x90\x00", b"\x89PNG\r\n\x1a\n" + b"\x00" * 16, b""]))
                upload = (target, content)
            if not sent.first_time(mode, url, body, upload):
                continue
            client = _client()
            where = f"{mode.upper()} {url} as {role} with {body!r}"[:600]
            with transaction.atomic():
                written = writes()
                if mode == "post":
                    response = client.post(url, body)
                elif mode == "json":
                    response = client.post(url, json.dumps(body), content_type="application/json")
                elif mode == "get":
                    response = client.get(url, {k: v for k, v in body.items()})
                else:
                    file = SimpleUploadedFile("scan.pdf", content, content_type="application/pdf")
                    response = client.post(url, {**{k: v for k, v in body.items() if k != target}, target: file})
                _check(response, where, role, world, before, protected)
                changed = changed_rows(protected, before, written)
                assert changed == [], f"{where}: changed rows it may not touch in {changed}"
                transaction.set_rollback(True)

    def run(examples, only_reachable):
        @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                  phases=[Phase.explicit, Phase.generate],
                  suppress_health_check=list(HealthCheck))
        @given(st.data())
        def fuzz(data):
            fuzz_round(data, only_reachable)

        fuzz()

    run(1, only_reachable=False)
    if EXAMPLES > 1:
        run(EXAMPLES - 1, only_reachable=True)


def test_the_write_counter_that_spares_the_row_check_sees_every_write_even_one_rolled_back(world):
    # The fuzz skips comparing the protected rows when this counter did not move: it must move
    # for any row written, in the request's own savepoint and after that savepoint is undone.
    before = writes()
    assert writes() == before  # reading writes nothing
    with transaction.atomic():
        Pupil.objects.filter(pk=world.pupil7.pk).update(first_name="Milou")
        transaction.set_rollback(True)
    assert writes() > before
