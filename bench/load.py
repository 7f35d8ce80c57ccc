"""Load and crash test: 400 families giving and changing consent at once, teachers reading class
sheets, the portal under gunicorn on PostgreSQL; then the ledger is checked record by record.

    /work/main/.venv/bin/python bench/load.py                      # 60 s, 24 families at a time
    /work/main/.venv/bin/python bench/load.py --seconds 20 --kill-worker

What it does:
1. Creates a throwaway PostgreSQL database (default jp_load; dropped again at the end unless
   --keep-db), migrates it and seeds one school year: 16 groups with a teacher each and 400
   families (a guardian account each, one or two children, ~530 pupils).
2. Starts the portal under gunicorn (2 workers, gthread) with production settings (DEBUG off,
   WhiteNoise from collectstatic). The one change: passwords are hashed with a fast hasher, so
   400 logins do not take a minute of PBKDF2 on a 2-core machine; hashing is not what is measured.
3. Logs every family in through the real login page (requests.Session), then for --seconds runs
   --concurrency threads that each take a family, open one child's consent form (GET), and post a
   changed set of ja/nee answers through the real form (POST, CSRF token and all); meanwhile
   --teachers threads open their group's class sheet (HTML) over and over.
   With --kill-worker it SIGKILLs one gunicorn worker halfway (gunicorn starts a new one).
4. Prints submissions/s, median and p99 latency of the submissions (and of the form and class
   sheet pages), and the error count.
5. Checks the ledger: every acknowledged submission (302 to its receipt) is in the ledger with
   exactly the records it changed, nothing doubled; any submission in the ledger that the browser
   did not get an answer for (a killed worker) is complete, never half-written; and every class
   sheet (its CSV) matches the ledger, pupil by pupil and purpose by purpose.
Exit status 0 only when every check holds.

Measured 25 November 2026 on the 2-core development machine (other suites running beside it):
60 s, 24 families without pause: 43.4 submissions/s, POST median 268 ms, p99 607 ms, 0 errors,
0 lost/doubled/half-written (2,644 submissions, 10,446 records, 3,204 class-sheet cells, 126
incidents); --think 1: 20.6/s, median 66 ms, p99 274 ms, 0 errors; --kill-worker: 21.7/s, 7
connection errors (requests on the killed worker), 0 acknowledged submissions or incidents lost,
nothing half-written. See docs/SECURITY.md.
"""

import argparse
import csv
import io
import os
import queue
import random
import re
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PASSWORD = "load-test-wachtwoord"
GROUPS = [f"{n}{x}" for n in range(1, 9) for x in "ab"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--families", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=24, help="families submitting at the same time")
    parser.add_argument("--teachers", type=int, default=4, help="teachers loading class sheets at the same time")
    parser.add_argument("--think", type=float, default=0.0,
                        help="mean seconds a parent spends reading the form before saving (0: none, the worst case)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker (gthread)")
    parser.add_argument("--kill-worker", action="store_true", help="SIGKILL one gunicorn worker halfway")
    parser.add_argument("--db", default="jp_load")
    parser.add_argument("--pg", default="postgres@127.0.0.1:5432", help="user@host:port of the PostgreSQL server")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--keep-db", action="store_true")
    return parser.parse_args()


# --- setting up


def environment(args, tmp: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update({
        "DJANGO_SETTINGS_MODULE": "bench.load_settings",
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": f"postgres://{args.pg}/{args.db}",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "STATIC_ROOT": str(tmp / "static"),
        "PRIVATE_MEDIA_ROOT": str(tmp / "private"),
        "EMAIL_URL": "dummymail://",
        "CONN_MAX_AGE": "60",
        "LOG_LEVEL": "ERROR",
    })
    return env


def pg_args(args) -> list[str]:
    user, _at, hostport = args.pg.rpartition("@")
    host, _colon, port = hostport.partition(":")
    return ["-h", host, "-p", port or "5432", "-U", user or "postgres"]


def create_database(args, env):
    subprocess.run(["dropdb", "--if-exists", *pg_args(args), args.db], check=True, capture_output=True)
    subprocess.run(["createdb", *pg_args(args), args.db], check=True, capture_output=True)
    for command in (["migrate", "--noinput", "-v", "0"], ["collectstatic", "--noinput", "-v", "0"]):
        subprocess.run([PY, "manage.py", *command], cwd=ROOT, env=env, check=True)


def seed(args):
    """One school year, 16 groups with a teacher each, `families` guardians with 1 or 2 children."""
    import datetime

    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.db import transaction

    from julianaschool.models import ClassGroup, Enrollment, Guardian, GuardianLink, Pupil, SchoolYear, StaffMember

    User = get_user_model()
    today = datetime.date.today()
    start = today.year if today.month >= 8 else today.year - 1
    password = make_password(PASSWORD)
    with transaction.atomic():
        year = SchoolYear.objects.create(name=f"{start}-{start + 1}", starts_on=datetime.date(start, 8, 1),
                                         ends_on=datetime.date(start + 1, 7, 31))
        roles = {name: Group.objects.get_or_create(name=name)[0] for name in ("leerkracht", "medewerker", "ouder")}
        groups = [ClassGroup.objects.create(school_year=year, name=name) for name in GROUPS]
        teachers = User.objects.bulk_create([User(username=f"lk-{g.name}", password=password, first_name="Leerkracht",
                                                  last_name=g.name) for g in groups])
        staff = StaffMember.objects.bulk_create([StaffMember(user=t, first_name="Leerkracht", last_name=t.last_name,
                                                             email=f"{t.username}@example.org") for t in teachers])
        for group, member in zip(groups, staff, strict=True):
            group.teachers.add(member)
        parents = User.objects.bulk_create([User(username=f"ouder{i:03d}", password=password, first_name="Ouder",
                                                 last_name=f"Familie{i:03d}", email=f"ouder{i:03d}@example.org")
                                            for i in range(args.families)])
        memberships = [User.groups.through(user_id=t.pk, group_id=roles[r].pk) for t in teachers for r in ("leerkracht", "medewerker")]
        memberships += [User.groups.through(user_id=p.pk, group_id=roles["ouder"].pk) for p in parents]
        User.groups.through.objects.bulk_create(memberships)
        guardians = Guardian.objects.bulk_create([Guardian(user=p, first_name="Ouder", last_name=p.last_name, email=p.email)
                                                  for p in parents])
        pupils, owners = [], []
        for i, guardian in enumerate(guardians):
            for letter in ("a", "b")[: 1 + (i % 3 == 0)]:
                pupils.append(Pupil(first_name=f"Kind{i:03d}{letter}", last_name=f"Familie{i:03d}",
                                    date_of_birth=datetime.date(2016, 1, 1)))
                owners.append(guardian)
        pupils = Pupil.objects.bulk_create(pupils)
        GuardianLink.objects.bulk_create([GuardianLink(guardian=g, pupil=p) for g, p in zip(owners, pupils, strict=True)])
        Enrollment.objects.bulk_create([Enrollment(pupil=p, group=groups[n % len(groups)], school_year=year)
                                        for n, p in enumerate(pupils)])
    families = defaultdict(list)
    for guardian, pupil in zip(owners, pupils, strict=True):
        families[guardian.user.username].append(pupil.pk)
    group_of_teacher = {f"lk-{g.name}": g.pk for g in groups}
    pupil_group = {p.pk: groups[n % len(groups)].pk for n, p in enumerate(pupils)}
    return families, group_of_teacher, pupil_group


def start_gunicorn(args, env, log_path: Path) -> subprocess.Popen:
    log = open(log_path, "w")
    process = subprocess.Popen(
        [PY, "-m", "gunicorn", "julianaschool.wsgi:application", "--workers", str(args.workers),
         "--threads", str(args.threads), "--worker-class", "gthread", "--bind", f"127.0.0.1:{args.port}",
         "--timeout", "30", "--graceful-timeout", "5", "--backlog", "256"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{args.port}"
    for _ in range(100):
        try:
            if requests.get(base + "/health/", timeout=1).status_code == 200:
                return process
        except requests.RequestException:
            pass
        time.sleep(0.2)
    process.kill()
    sys.exit(f"gunicorn did not start; see {log_path}")


def worker_pids(master: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == master:
                    pids.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return pids


# --- the clients


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
RADIO = re.compile(r"<input\b[^>]*>")


def login(session: requests.Session, base: str, username: str) -> None:
    page = session.get(base + "/accounts/login/", timeout=30)
    token = CSRF.search(page.text).group(1)
    response = session.post(base + "/accounts/login/", data={"username": username, "password": PASSWORD,
                                                             "csrfmiddlewaretoken": token},
                            headers={"Referer": base + "/accounts/login/"}, allow_redirects=False, timeout=30)
    if response.status_code != 302:
        raise RuntimeError(f"login of {username} failed: {response.status_code}")


def own_answers(html: str) -> tuple[list[int], dict[int, bool]]:
    """The purposes on the form and the guardian's current answers (the checked radios)."""
    purposes, answers = [], {}
    for tag in RADIO.findall(html):
        if 'type="radio"' not in tag:
            continue
        name = re.search(r'name="doel_(\d+)"', tag)
        value = re.search(r'value="(ja|nee)"', tag)
        if not name or not value:
            continue
        pk = int(name.group(1))
        if pk not in purposes:
            purposes.append(pk)
        if re.search(r"\schecked\b", tag):
            answers[pk] = value.group(1) == "ja"
    return purposes, answers


@dataclass
class Attempt:
    family: str
    pupil: int
    changes: dict  # purpose id -> given, what this post changes
    acked: bool = False
    submission: str = ""
    status: str = ""
    latency: float = 0.0


@dataclass
class Results:
    attempts: list = field(default_factory=list)
    incidents: list = field(default_factory=list)  # (marker, pk or None when no answer came back)
    form_latency: list = field(default_factory=list)
    sheet_latency: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, **kwargs):
        with self.lock:
            for key, value in kwargs.items():
                getattr(self, key).append(value)


def family_loop(base, sessions, families, pool: queue.Queue, stop: threading.Event, results: Results, rng, think=0.0):
    while not stop.is_set():
        try:
            family = pool.get(timeout=0.5)
        except queue.Empty:
            continue
        session = sessions[family]
        pupil = rng.choice(families[family])
        url = f"{base}/toestemming/kind/{pupil}/"
        try:
            started = time.perf_counter()
            page = session.get(url, timeout=30)
            results.add(form_latency=time.perf_counter() - started)
            if page.status_code != 200:
                results.add(errors=f"GET form {page.status_code}")
                continue
            purposes, current = own_answers(page.text)
            choices = {pk: rng.random() < 0.6 for pk in purposes}
            flip = rng.choice(purposes)
            if current.get(flip) == choices[flip]:
                choices[flip] = not choices[flip]
            changes = {pk: v for pk, v in choices.items() if current.get(pk) != v}
            attempt = Attempt(family=family, pupil=pupil, changes=changes)
            data = {f"doel_{pk}": "ja" if v else "nee" for pk, v in choices.items()}
            data["csrfmiddlewaretoken"] = CSRF.search(page.text).group(1)
            if think:
                time.sleep(rng.uniform(0.5, 1.5) * think)
            started = time.perf_counter()
            try:
                response = session.post(url, data=data, headers={"Referer": url}, allow_redirects=False, timeout=30)
            except requests.RequestException as error:
                attempt.status = f"connection: {type(error).__name__}"
            else:
                attempt.latency = time.perf_counter() - started
                location = response.headers.get("Location", "")
                match = re.search(r"/bevestiging/([0-9a-f-]{36})/", location)
                if response.status_code == 302 and match:
                    attempt.acked, attempt.submission = True, match.group(1)
                else:
                    attempt.status = f"HTTP {response.status_code} {location}"
            results.add(attempts=attempt)
            if not attempt.acked:
                results.add(errors=f"POST form: {attempt.status}")
        except requests.RequestException as error:
            results.add(errors=f"GET form: {type(error).__name__}")
        finally:
            pool.put(family)


def teacher_loop(base, session, group_pk, pupils, stop: threading.Event, results: Results, rng):
    """A teacher reloads the class sheet; every fifth time they report an incident about a pupil
    of their group through the real report form (so a killed worker can hit an incident too)."""
    n = 0
    while not stop.is_set():
        n += 1
        started = time.perf_counter()
        try:
            response = session.get(f"{base}/toestemming/groepskaart/{group_pk}/", timeout=30)
        except requests.RequestException as error:
            results.add(errors=f"class sheet: {type(error).__name__}")
            continue
        results.add(sheet_latency=time.perf_counter() - started)
        if response.status_code != 200:
            results.add(errors=f"class sheet {response.status_code}")
        if n % 5 == 0:
            report_incident(base, session, rng.choice(pupils), results)


def report_incident(base, session, pupil, results: Results):
    url = f"{base}/incidenten/melden/"
    marker = f"Belastingtest {uuid.uuid4()}"
    try:
        page = session.get(url, timeout=30)
        category = re.search(r'<select name="category"[^>]*>.*?<option value="(\d+)"', page.text, re.S).group(1)
        data = {
            "csrfmiddlewaretoken": CSRF.search(page.text).group(1),
            "occurred_at": time.strftime("%Y-%m-%dT%H:%M", time.localtime(time.time() - 3600)),
            "place": "schoolplein", "category": category, "severity": "", "description": marker,
            "betrokkene-TOTAL_FORMS": "5", "betrokkene-INITIAL_FORMS": "0", "betrokkene-MIN_NUM_FORMS": "0",
            "betrokkene-MAX_NUM_FORMS": "5", "betrokkene-0-role": "dader", "betrokkene-0-person": f"p{pupil}",
        }
        response = session.post(url, data=data, headers={"Referer": url}, allow_redirects=False, timeout=30)
    except requests.RequestException as error:
        results.add(incidents=(marker, None), errors=f"incident: {type(error).__name__}")
        return
    match = re.search(r"/incidenten/(\d+)/$", response.headers.get("Location", ""))
    if response.status_code == 302 and match:
        results.add(incidents=(marker, int(match.group(1))))
    else:
        results.add(incidents=(marker, None), errors=f"incident: HTTP {response.status_code}")


# --- checking


def check_ledger(results: Results, base: str, sessions: dict, group_of_teacher: dict) -> list[str]:
    from django.db.models import Count

    from consent.models import ConsentRecord, Purpose

    problems = []
    records = list(ConsentRecord.objects.values_list("submission", "pupil_id", "purpose_id", "given"))
    by_submission = defaultdict(set)
    for submission, pupil, purpose, given in records:
        by_submission[str(submission)].add((pupil, purpose, given))
    doubled = ConsentRecord.objects.values("submission", "purpose_id").annotate(n=Count("id")).filter(n__gt=1).count()
    if doubled:
        problems.append(f"{doubled} (submission, purpose) pairs recorded more than once")

    acked = [a for a in results.attempts if a.acked]
    expected_records = 0
    for attempt in acked:
        expected = {(attempt.pupil, pk, v) for pk, v in attempt.changes.items()}
        expected_records += len(expected)
        if by_submission.get(attempt.submission) != expected:
            problems.append(f"acknowledged submission {attempt.submission} of {attempt.family}: ledger has "
                            f"{sorted(by_submission.get(attempt.submission, set()))}, expected {sorted(expected)}")
    acked_ids = {a.submission for a in acked}
    unacked = [a for a in results.attempts if not a.acked]
    unexplained, complete_unacked = [], 0
    for submission, rows in by_submission.items():
        if submission in acked_ids:
            continue
        # In the ledger but no answer reached the browser (its worker was killed): it must be one
        # whole attempt, never a part of one.
        if any(rows == {(a.pupil, pk, v) for pk, v in a.changes.items()} for a in unacked):
            complete_unacked += 1
        else:
            unexplained.append(submission)
    if unexplained:
        problems.append(f"{len(unexplained)} submissions in the ledger match no attempt (half-written or foreign)")
    total = len(records)
    if total != expected_records + sum(len(by_submission[s]) for s in by_submission if s not in acked_ids):
        problems.append("record count does not add up")

    # The class sheets against the ledger: the latest record per pupil and purpose (one guardian
    # per child here, so the guardian's latest answer is the answer; no record is "nee").
    latest = {}
    for pupil, purpose, given in ConsentRecord.objects.order_by("recorded_at", "id").values_list("pupil_id", "purpose_id", "given"):
        latest[(pupil, purpose)] = given
    names = {p.name: p.pk for p in Purpose.objects.active()}
    from julianaschool.models import Pupil

    pupil_by_name = {p.full_name: p.pk for p in Pupil.objects.all()}
    sheets_checked = cells = 0
    for teacher, group_pk in group_of_teacher.items():
        response = sessions[teacher].get(f"{base}/toestemming/groepskaart/{group_pk}/csv/", timeout=60)
        if response.status_code != 200:
            problems.append(f"class sheet CSV of group {group_pk}: HTTP {response.status_code}")
            continue
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        header = rows[0]
        columns = [(i, names[h]) for i, h in enumerate(header) if h in names]
        for row in rows[1:]:
            pupil = pupil_by_name[row[0]]
            for i, purpose in columns:
                cells += 1
                shown = row[i] == "ja"
                if shown != latest.get((pupil, purpose), False):
                    problems.append(f"class sheet {group_pk}: {row[0]} / {header[i]} shows {row[i]}, ledger says "
                                    f"{latest.get((pupil, purpose))}")
        sheets_checked += 1
    from incidents.models import Incident

    reported = {marker: pk for marker, pk in results.incidents}
    half = 0
    for incident in Incident.objects.filter(description__startswith="Belastingtest").annotate(
            n_parties=Count("parties", distinct=True), n_entries=Count("timeline", distinct=True)):
        if incident.n_parties != 1 or incident.n_entries != 1:
            half += 1
        if incident.description not in reported:
            problems.append(f"incident {incident.pk} matches no report")
    stored = set(Incident.objects.filter(description__startswith="Belastingtest").values_list("description", flat=True))
    lost_incidents = [m for m, pk in results.incidents if pk is not None and m not in stored]
    if half:
        problems.append(f"{half} incidents half-written (without their party or their 'gemeld' entry)")
    if lost_incidents:
        problems.append(f"{len(lost_incidents)} acknowledged incident reports missing")
    print(f"incidents:     {sum(1 for _m, pk in results.incidents if pk)} reported and acknowledged, "
          f"{len(stored)} in the database, {len(lost_incidents)} lost, {half} half-written")
    print(f"ledger:        {total} records; {len(acked)} acknowledged submissions with {expected_records} records, "
          f"all present: {not any(p.startswith('acknowledged') for p in problems)}; "
          f"{complete_unacked} complete submissions whose answer was lost with a killed worker; "
          f"{len(unexplained)} unexplained; doubled: {doubled}")
    print(f"class sheets:  {sheets_checked} sheets, {cells} cells compared with the ledger")
    return problems


def percentile(values, q):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main():
    args = parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="jp-load-"))
    env = environment(args, tmp)
    print(f"database {args.db}, {args.families} families, {args.concurrency} at a time, {args.teachers} teachers, "
          f"{args.seconds} s, think time {args.think} s, gunicorn {args.workers} workers x {args.threads} threads"
          f"{', one worker SIGKILLed halfway' if args.kill_worker else ''}")
    create_database(args, env)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    families, group_of_teacher, pupil_group = seed(args)
    base = f"http://127.0.0.1:{args.port}"
    server = start_gunicorn(args, env, tmp / "gunicorn.log")
    ok = False
    try:
        sessions = {name: requests.Session() for name in list(families) + list(group_of_teacher)}
        started = time.perf_counter()
        with_threads = queue.Queue()
        for name in sessions:
            with_threads.put(name)

        def log_in_all():
            while True:
                try:
                    name = with_threads.get_nowait()
                except queue.Empty:
                    return
                login(sessions[name], base, name)

        logins = [threading.Thread(target=log_in_all) for _ in range(8)]
        for thread in logins:
            thread.start()
        for thread in logins:
            thread.join()
        print(f"logged in {len(sessions)} accounts through the login page in {time.perf_counter() - started:.1f} s")

        results, stop = Results(), threading.Event()
        pool = queue.Queue()
        for name in random.Random(1).sample(list(families), len(families)):
            pool.put(name)
        threads = [threading.Thread(target=family_loop, args=(base, sessions, families, pool, stop, results, random.Random(n), args.think))
                   for n in range(args.concurrency)]
        teachers = list(group_of_teacher)[: args.teachers]
        pupils_of = defaultdict(list)
        for pupil, group in pupil_group.items():
            pupils_of[group].append(pupil)
        threads += [threading.Thread(target=teacher_loop, args=(base, sessions[t], group_of_teacher[t],
                                                                pupils_of[group_of_teacher[t]], stop, results, random.Random(t)))
                    for t in teachers]
        began = time.perf_counter()
        for thread in threads:
            thread.start()
        killed = None
        while time.perf_counter() - began < args.seconds:
            time.sleep(0.2)
            if args.kill_worker and killed is None and time.perf_counter() - began >= args.seconds / 2:
                pids = worker_pids(server.pid)
                if pids:
                    killed = pids[0]
                    os.kill(killed, signal.SIGKILL)
                    print(f"SIGKILLed gunicorn worker {killed} after {time.perf_counter() - began:.1f} s")
        stop.set()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - began

        acked = [a for a in results.attempts if a.acked]
        latencies = [a.latency for a in acked]
        print(f"submissions:   {len(acked)} acknowledged in {elapsed:.1f} s = {len(acked) / elapsed:.1f}/s "
              f"({sum(len(a.changes) for a in acked)} answers changed; "
              f"{len({a.family for a in acked})} of {len(families)} families)")
        print(f"latency POST:  median {statistics.median(latencies) * 1000:.0f} ms, "
              f"p99 {percentile(latencies, 0.99) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms")
        print(f"latency form:  median {statistics.median(results.form_latency) * 1000:.0f} ms, "
              f"p99 {percentile(results.form_latency, 0.99) * 1000:.0f} ms")
        if results.sheet_latency:
            print(f"class sheets:  {len(results.sheet_latency)} loaded, median {statistics.median(results.sheet_latency) * 1000:.0f} ms, "
                  f"p99 {percentile(results.sheet_latency, 0.99) * 1000:.0f} ms")
        kinds = defaultdict(int)
        for error in results.errors:
            kinds[error.split(":")[0] + ":" + error.split(":")[1][:40] if ":" in error else error] += 1
        print(f"errors:        {len(results.errors)} {dict(kinds) if kinds else ''}")
        problems = check_ledger(results, base, sessions, group_of_teacher)
        for problem in problems[:20]:
            print("PROBLEM:", problem)
        lost = sum(1 for p in problems if p.startswith("acknowledged"))
        print(f"result:        {'OK' if not problems else 'FAILED'}: {lost} acknowledged submissions lost or wrong, "
              f"{len(problems)} problems in all")
        ok = not problems and (args.kill_worker or not results.errors)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        from django.db import connections

        connections.close_all()
        if not args.keep_db:
            subprocess.run(["dropdb", "--if-exists", *pg_args(args), args.db], capture_output=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
