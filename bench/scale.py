"""Benchmark: every list and aggregate page at 1,000 and at 5,000 pupils, and the request path.

    .venv/bin/python bench/scale.py                 # throwaway SQLite files in a temp dir
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/jp_scale .venv/bin/python bench/scale.py
                                                    # PostgreSQL: jp_scale_1000 and jp_scale_5000,
                                                    # emptied and refilled (never point it at real data)

Each size runs in its own process with its own THROWAWAY database, seeded with bulk inserts:
1,000 pupils in 40 groups and 5,000 in 200 (two guardians each, both answered every purpose, a
third changed an answer later), a teacher per group, 4,000 and 20,000 audit entries, 400 and
2,000 incidents spread over the school year. As directie it requests the dashboard, the consent
overview, the pupil list, the dossiers, the incident list, the statistics, the audit trail and
one class sheet (25 pupils), and prints per page the median CPU time of this process (on a busy
machine wall-clock medians snap to the scheduler's tick; with SQLite all the work is in this
process) and the query count at both sizes, and their ratio.

It also requests a trivial view (`HttpResponse("ok")`, login required) behind the portal's
middleware and behind Django's `startproject` middleware with Django's default session
settings, alternately in the same process, and prints the ratio of their CPU times.

The consent overview and the class sheet are remembered per ledger state (consent/snapshots):
their rows are the remembered page; the rows marked + are the same pages when each request is
the first after one parent's answer (the everyday change: the overview counts that group again,
the sheet its group), and "worst growth" counts them; the rows marked * when each request is the
first after a change to the school's people or channels (every snapshot emptied, as a corrected
name, a guardian link, a move or a channel does): less frequent than answers, printed beside it.

The last line sums it up for scripts, in this form:
    worst growth 1.32x (dossiers); portal middleware / default 1.41x; overview / class sheet 2.10x
BENCH_REQUESTS sets the requests per page and size (default 15).
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path

from throwaway_db import create_database_if_missing

ROOT = Path(__file__).resolve().parent.parent
SIZES = (1000, 5000)
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "15"))
WARMUP = 3
PUPILS_PER_GROUP = 25
PAGES = ["dashboard", "consent overview", "pupils", "dossiers", "incidents", "statistics", "audit trail",
         "class sheet"]


def parent():
    results = {}
    for size in SIZES:
        env = dict(os.environ, BENCH_SCALE_SIZE=str(size))
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, __file__], env=env, capture_output=True, text=True, cwd=ROOT)
        if done.returncode != 0:
            sys.stderr.write(done.stdout + done.stderr)
            raise SystemExit(f"the run at {size} pupils failed")
        results[size] = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"{size} pupils: {results[size]['seeded']} (seeded in {results[size]['seed_s']:.0f} s, "
              f"run {time.perf_counter() - t0:.0f} s, {results[size]['vendor']})")
    small, large = (results[s] for s in SIZES)
    print()
    print(f"{'page':<17} {'CPU ms @1000':>12} {'@5000':>8} {'ratio':>6}   {'queries @1000':>13} {'@5000':>6}")
    growth = {}
    for page in PAGES:
        a, b = small["pages"][page], large["pages"][page]
        growth[page] = b["cpu_ms"] / a["cpu_ms"]
        print(f"{page:<17} {a['cpu_ms']:12.2f} {b['cpu_ms']:8.2f} {growth[page]:5.2f}x   {a['queries']:13d} "
              f"{b['queries']:6d}{'' if a['queries'] == b['queries'] else '  (grows)'}")
    for page in ("consent overview", "class sheet"):
        a, b = small["pages"][page], large["pages"][page]
        growth[f"{page} after an answer"] = b["answered_ms"] / a["answered_ms"]
        print(f"{page + ' +':<17} {a['answered_ms']:12.2f} {b['answered_ms']:8.2f} "
              f"{b['answered_ms'] / a['answered_ms']:5.2f}x   {a['answered_queries']:13d} {b['answered_queries']:6d}")
    everything = {}
    for page in ("consent overview", "class sheet"):
        a, b = small["pages"][page], large["pages"][page]
        everything[page] = b["changed_ms"] / a["changed_ms"]
        print(f"{page + ' *':<17} {a['changed_ms']:12.2f} {b['changed_ms']:8.2f} "
              f"{b['changed_ms'] / a['changed_ms']:5.2f}x   {a['changed_queries']:13d} {b['changed_queries']:6d}")
    print("+ the first request after one parent's answer (the overview counts that group again)")
    print("* the first request after a change to the school's people or channels (a name, a guardian link,")
    print("  a move, a channel: every snapshot is computed again); printed, not in 'worst growth'")
    print()
    for size in SIZES:
        t = results[size]["trivial"]
        print(f"trivial view @{size}: portal middleware {t['portal_ms']:.3f} ms / {t['portal_queries']} queries, "
              f"Django default {t['default_ms']:.3f} ms / {t['default_queries']} queries")
    worst = max(growth, key=growth.get)
    trivial = large["trivial"]["portal_ms"] / large["trivial"]["default_ms"]
    overview = large["pages"]["consent overview"]["cpu_ms"] / large["pages"]["class sheet"]["cpu_ms"]
    changed = (large["pages"]["consent overview"]["changed_ms"] / large["pages"]["class sheet"]["changed_ms"])
    answered = (large["pages"]["consent overview"]["answered_ms"] / large["pages"]["class sheet"]["answered_ms"])
    print(f"after an answer: overview / class sheet {answered:.2f}x at 5,000 pupils; after a change to the "
          f"people or channels: {changed:.2f}x, overview growth {everything['consent overview']:.2f}x")
    print(f"worst growth {growth[worst]:.2f}x ({worst}); portal middleware / default {trivial:.2f}x; "
          f"overview / class sheet {overview:.2f}x")


# --- one size, in its own process


def configure(size: int):
    tmpdir = tempfile.mkdtemp(prefix=f"bench-scale-{size}-")
    base = os.environ.get("BENCH_DATABASE_URL")
    os.environ["DATABASE_URL"] = f"{base}_{size}" if base else f"sqlite:///{tmpdir}/bench.sqlite3"
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret-" + "x" * 40)
    os.environ.update({"SECURE_SSL_REDIRECT": "false", "SECURE_COOKIES": "false", "ALLOWED_HOSTS": "testserver",
                       "PRIVATE_MEDIA_ROOT": f"{tmpdir}/private", "DEBUG": "false"})
    sys.path.insert(0, str(ROOT))
    settings_module = types.ModuleType("bench_scale_settings")
    exec(  # noqa: S102 - a fixed string, to derive settings without a file in the project
        "from julianaschool.settings import *\n"
        "ROOT_URLCONF = 'bench_scale_urls'\n"
        "STORAGES['staticfiles'] = {'BACKEND': 'django.contrib.staticfiles.storage.StaticFilesStorage'}\n"
        "PASSWORD_HASHERS = ['django.contrib.auth.hashers.MD5PasswordHasher']\n"
        "EMAIL_BACKEND = 'django.core.mail.backends.locmem.EmailBackend'\n",
        settings_module.__dict__,
    )
    sys.modules["bench_scale_settings"] = settings_module
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_scale_settings"
    import django

    django.setup()
    from django.contrib.auth.decorators import login_required
    from django.http import HttpResponse
    from django.urls import include, path

    @login_required
    def trivial(request):
        return HttpResponse("ok")

    urls_module = types.ModuleType("bench_scale_urls")
    urls_module.urlpatterns = [path("bench/trivial/", trivial), path("", include("julianaschool.urls"))]
    sys.modules["bench_scale_urls"] = urls_module
    return tmpdir


def seed(size: int):
    import datetime
    import random

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from consent.audit_actions import Action as ConsentAction
    from consent.current import services as projection
    from consent.demo import ledger_rows
    from consent.models import Purpose
    from incidents.models import Category, Incident, Party, PartyRole, Place, Severity, Status
    from julianaschool.models import (
        AuditEntry,
        ClassGroup,
        Enrollment,
        Guardian,
        GuardianLink,
        Pupil,
        Role,
        SchoolYear,
        StaffMember,
    )

    create_database_if_missing()
    call_command("migrate", verbosity=0)
    if connection.vendor == "postgresql":
        call_command("flush", interactive=False, verbosity=0)
        import importlib

        from django.apps import apps

        importlib.import_module("consent.migrations.0003_seed_purposes").seed(apps, None)
        importlib.import_module("incidents.migrations.0002_seed_categories").seed(apps, None)
    User = get_user_model()
    rng = random.Random(size)
    now = timezone.now()
    today = timezone.localdate()
    start = today.year if today.month >= 8 else today.year - 1
    year = SchoolYear.objects.create(name=f"{start}-{start + 1}", starts_on=datetime.date(start, 8, 1),
                                     ends_on=datetime.date(start + 1, 7, 31))
    n_groups = size // PUPILS_PER_GROUP
    groups = ClassGroup.objects.bulk_create([ClassGroup(school_year=year, name=f"{n}") for n in range(1, n_groups + 1)])
    pupils = Pupil.objects.bulk_create([
        Pupil(first_name=f"Kind{i}", last_name=f"Achternaam{i:05d}", date_of_birth=datetime.date(2016, 1, 1),
              student_number=f"B{i:05d}") for i in range(size)], batch_size=2000)
    Enrollment.objects.bulk_create([Enrollment(pupil=p, group=groups[i // PUPILS_PER_GROUP], school_year=year)
                                    for i, p in enumerate(pupils)], batch_size=2000)
    guardians = Guardian.objects.bulk_create([Guardian(first_name="Ouder", last_name=f"{i}", email=f"o{i}@example.nl")
                                              for i in range(2 * size)], batch_size=2000)
    GuardianLink.objects.bulk_create([GuardianLink(guardian=guardians[2 * i + k], pupil=p)
                                      for i, p in enumerate(pupils) for k in (0, 1)], batch_size=2000)
    purposes = list(Purpose.objects.active().select_related("current_version"))
    for k in (0, 1):  # both guardians answer
        families = [(p, [guardians[2 * i + k]]) for i, p in enumerate(pupils)]
        # Through the service that writes the ledger with its current-consent projection.
        projection.append(ledger_rows(pupils_with_guardians=families, purposes=purposes, rng=rng, now=now,
                                      answer_rate=1.0, changes=1))
    roles = {r: Group.objects.get_or_create(name=r)[0] for r in Role.values}
    teachers = User.objects.bulk_create([User(username=f"lk{g.name}", password="!") for g in groups])
    staff = StaffMember.objects.bulk_create([StaffMember(user=t, first_name="Leerkracht", last_name=t.username,
                                                         email=f"{t.username}@example.nl") for t in teachers])
    ClassGroup.teachers.through.objects.bulk_create([ClassGroup.teachers.through(group_id=g.pk, teacher_id=s.pk)
                                                     for g, s in zip(groups, staff, strict=True)])
    User.groups.through.objects.bulk_create([User.groups.through(user_id=t.pk, group_id=roles[r].pk)
                                             for t in teachers for r in (Role.TEACHER, Role.STAFF)])
    director = User.objects.create_user("bench-directie", password="x" * 12)
    director.groups.add(roles[Role.MANAGEMENT], roles[Role.STAFF])
    StaffMember.objects.create(user=director, first_name="Bench", last_name="Directie", email="d@example.nl")
    categories = list(Category.objects.all())
    year_start = datetime.datetime.combine(year.starts_on, datetime.time(9), tzinfo=timezone.get_current_timezone())
    span = max((now - year_start).total_seconds(), 86400)
    incidents = []
    for _i in range(size * 2 // 5):
        at = year_start + datetime.timedelta(seconds=rng.random() * span)
        incidents.append(Incident(
            occurred_at=at, reported_at=at + datetime.timedelta(hours=2), place=Place.CLASSROOM, category=rng.choice(categories),
            severity=rng.choice(Severity.values), description="Een incident in de klas.", reported_by=rng.choice(teachers),
            status=rng.choice([Status.RESOLVED] * 8 + Status.values), group=rng.choice(groups)))
    incidents = Incident.objects.bulk_create(incidents, batch_size=2000)
    Party.objects.bulk_create([Party(incident=i, role=PartyRole.PERPETRATOR, pupil=rng.choice(pupils)) for i in incidents],
                              batch_size=2000)
    AuditEntry.objects.bulk_create([
        AuditEntry(at=now - datetime.timedelta(minutes=i), actor=director, actor_name="Bench Directie",
                   action=ConsentAction.DECISION_RECORDED, object_repr=f"Kind{i % size}", changes={"n": i})
        for i in range(size * 4)], batch_size=2000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return director, groups[len(groups) // 2]


def child(size: int):
    tmpdir = configure(size)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.urls import reverse

    from consent.models import ConsentRecord
    from julianaschool.models import AuditEntry, Pupil

    try:
        t0 = time.perf_counter()
        director, group = seed(size)
        seed_s = time.perf_counter() - t0
        urls = {
            "dashboard": reverse("dashboard"),
            "consent overview": reverse("consent:overview"),
            "pupils": reverse("people:pupils"),
            "dossiers": reverse("incidents:dossiers"),
            "incidents": reverse("incidents:list"),
            "statistics": reverse("incidents:statistics"),
            "audit trail": reverse("people:audit"),
            "class sheet": reverse("consent:class_sheet", args=[group.pk]),
        }
        client = Client()
        client.force_login(director)

        def cpu_ms(c, url, n):
            times = []
            for _ in range(n):
                c0 = time.thread_time()
                response = c.get(url)
                times.append(time.thread_time() - c0)
                assert response.status_code == 200, (url, response.status_code)
            return times

        def queries(c, url):
            with CaptureQueriesContext(connection) as context:
                c.get(url)
            return len(context.captured_queries)

        pages = {}
        for url in urls.values():
            cpu_ms(client, url, WARMUP)
        samples = {name: [] for name in urls}
        rounds = 3
        for _round in range(rounds):  # alternate, so that every page sees the same machine load
            for name, url in urls.items():
                samples[name] += cpu_ms(client, url, max(1, REQUESTS // rounds))
        for name, url in urls.items():
            pages[name] = {"cpu_ms": statistics.median(samples[name]) * 1000, "queries": queries(client, url)}

        # The two remembered pages (consent/snapshots) once more, each request the first after a
        # change: the snapshots are emptied before it (outside the timing), as a change does.
        from consent.snapshots.models import Snapshot

        for name in ("consent overview", "class sheet"):
            times, counts = [], []
            for _ in range(REQUESTS):
                Snapshot.objects.all().delete()
                times += cpu_ms(client, urls[name], 1)
                Snapshot.objects.all().delete()
                counts.append(queries(client, urls[name]))
            pages[name] |= {"changed_ms": statistics.median(times) * 1000, "changed_queries": max(counts)}

        # And each request the first after one parent's answer (the everyday change): a guardian
        # of a pupil in another group than the class sheet's for the overview, in its group for
        # the sheet, changes the website answer through the portal's own service (not timed).
        from consent import services as consent_services
        from consent.models import Purpose
        from julianaschool.models import GuardianLink

        website = Purpose.objects.get(slug="website")
        links = {"consent overview": GuardianLink.objects.exclude(pupil__enrollments__group=group).select_related(
                     "guardian", "pupil").first(),
                 "class sheet": GuardianLink.objects.filter(pupil__enrollments__group=group).select_related(
                     "guardian", "pupil").first()}
        for name in ("consent overview", "class sheet"):
            times, counts = [], []
            link = links[name]

            def answer(given, link=link):  # a real change every time: the service returns the new records
                assert consent_services.record_guardian_choices(
                    guardian=link.guardian, pupil=link.pupil, actor=director, choices={website.pk: given})

            consent_services.record_guardian_choices(guardian=link.guardian, pupil=link.pupil, actor=director,
                                                     choices={website.pk: True})  # whatever it was: yes
            for _ in range(REQUESTS):
                answer(False)
                times += cpu_ms(client, urls[name], 1)
                answer(True)
                counts.append(queries(client, urls[name]))
            pages[name] |= {"answered_ms": statistics.median(times) * 1000, "answered_queries": max(counts)}

        # The trivial view: the portal's middleware, then Django's startproject middleware with
        # Django's default session settings (the same login-required view, the same user).
        default_stack = {
            "MIDDLEWARE": [
                "django.middleware.security.SecurityMiddleware",
                "django.contrib.sessions.middleware.SessionMiddleware",
                "django.middleware.common.CommonMiddleware",
                "django.middleware.csrf.CsrfViewMiddleware",
                "django.contrib.auth.middleware.AuthenticationMiddleware",
                "django.contrib.messages.middleware.MessageMiddleware",
                "django.middleware.clickjacking.XFrameOptionsMiddleware",
            ],
            "SESSION_SAVE_EVERY_REQUEST": False, "SESSION_EXPIRE_AT_BROWSER_CLOSE": False,
            "SESSION_COOKIE_AGE": 60 * 60 * 24 * 7 * 2,
            "AUTHENTICATION_BACKENDS": ["django.contrib.auth.backends.ModelBackend"],
        }
        with override_settings(**default_stack):
            default_client = Client()
            default_client.force_login(director)
        trivial = "/bench/trivial/"
        portal_times, default_times = [], []
        for _round in range(10):
            portal_times += cpu_ms(client, trivial, 20)
            with override_settings(**default_stack):
                default_times += cpu_ms(default_client, trivial, 20)
        with override_settings(**default_stack):
            default_queries = queries(default_client, trivial)
        result = {
            "vendor": connection.vendor, "seed_s": seed_s, "pages": pages,
            "seeded": f"{Pupil.objects.count()} pupils, {ConsentRecord.objects.count()} ledger records, "
                      f"{AuditEntry.objects.count()} audit entries",
            "trivial": {"portal_ms": statistics.median(portal_times[40:]) * 1000, "portal_queries": queries(client, trivial),
                        "default_ms": statistics.median(default_times[40:]) * 1000, "default_queries": default_queries},
        }
        print(json.dumps(result))
    finally:
        connection.close()
        import shutil

        shutil.rmtree(tmpdir, ignore_errors=True)


if __name__ == "__main__":
    if os.environ.get("BENCH_SCALE_SIZE"):
        child(int(os.environ["BENCH_SCALE_SIZE"]))
    else:
        parent()
