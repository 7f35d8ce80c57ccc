"""Benchmark: the publication check for 30 pupils beside a trivial view, and the takedown search
after a withdrawal with 10,000 publications on record.

    /work/main/.venv/bin/python bench/publications.py                 # a throwaway SQLite file
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/jp_bench_pub /work/main/.venv/bin/python bench/publications.py

Uses bench/consent.py's throwaway school (1,000 pupils in 40 groups, two guardians each, a full
ledger; a PostgreSQL database named in BENCH_DATABASE_URL is emptied and refilled, so never point
it at real data). Then, in the same process and through the same middleware, alternately:
- a trivial view (`HttpResponse("ok")` behind the same login),
- a plain portal page (the list of class sheets), the portal's fixed cost per page,
- the check through the API: /api/v1/consent/pupils for 30 pupil ids (a read token),
- the check page ("Foto plaatsen?", POST "Controleren") with 30 pupils ticked, as a teacher,
and prints the median server time, query count and requests per second of each and the ratio to
the trivial view (goal: at least 0.5). Then it registers 100 publications, withdraws consent for
one pupil and counts the queries of the takedown search; registers 10,000 in all and does the
same for another pupil: the count must not change with the number of publications.

Measured 1 December 2026 on the shared 2-core machine (medians of 300 requests; see README):

                  trivial view    portal page     check (API, 30)   check (page, 30)
    SQLite        15.6 ms /  6    25.5 ms / 11    17.9 ms / 5 0.72  93.4 ms / 15 0.14
    PostgreSQL     4.0 ms /  6     9.1 ms / 11     6.9 ms / 5 0.81  26.0 ms / 15 0.21

    takedown search: 6 queries with 100 publications, 6 with 10,000 (both databases).

The API check meets the goal (>= 0.5); the phone page does not: the portal's fixed cost per page
(the plain page alone is ~0.5) plus one ledger read over every channel and 55 rows of HTML.
"""

import importlib.util
import random
import statistics
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("bench_consent", HERE / "consent.py")
base = importlib.util.module_from_spec(spec)
spec.loader.exec_module(base)  # settings, django.setup(), the trivial view's URL, the school's seed

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from consent import services as consent_services  # noqa: E402
from consent.current import services as projection  # noqa: E402
from consent.models import ConsentRecord, Purpose  # noqa: E402
from consent.publications import services  # noqa: E402
from consent.publications.models import Publication, PublicationPerson, Takedown  # noqa: E402
from julianaschool.models import Pupil  # noqa: E402

CHECKED = 30
PUBLICATIONS = 10_000


def measure(client, method, url, data, n):
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        response = client.post(url, data) if method == "post" else client.get(url, data)
        times.append(time.perf_counter() - t0)
        assert response.status_code == 200, (url, response.status_code)
    return times


def count_queries(client, method, url, data) -> int:
    with CaptureQueriesContext(connection) as context:
        client.post(url, data) if method == "post" else client.get(url, data)
    return len(context.captured_queries)


def allowed_pupils(purpose, n):
    from consent.publications.check import verdicts

    found = verdicts(purpose=purpose, pupils=Pupil.objects.active().order_by("pk")[:400])
    return [v.person for v in found if v.allowed][:n]


def add_publications(*, purpose, pupils, teacher, count, rng, target=None, shown_in=0):
    """`count` publications by the teacher, each showing three of `pupils` recognisably, and
    `target` on the first `shown_in` of them (bulk insert: no check and no audit entry, which a
    real registration writes)."""
    today = timezone.localdate()
    made = Publication.objects.bulk_create([
        Publication(purpose=purpose, title=f"Bench {uuid.uuid4().hex[:8]}", published_on=today, location="bench",
                    published_by=teacher, published_by_name="Bench Teacher") for _ in range(count)], batch_size=2000)
    PublicationPerson.objects.bulk_create([
        PublicationPerson(publication=p, pupil=pupil, recognisable=True, allowed=True, outcome="ja")
        for p in made for pupil in rng.sample(pupils, 3)], batch_size=2000)
    PublicationPerson.objects.bulk_create([
        PublicationPerson(publication=p, pupil=target, recognisable=True, allowed=True, outcome="ja")
        for p in made[:shown_in]])


def withdraw(pupil, purpose) -> tuple[int, int, float]:
    """(queries of the takedown search, takedowns made, seconds) for one guardian's no."""
    guardian = pupil.guardians.order_by("pk").first()
    before = Takedown.objects.count()
    record = ConsentRecord(pupil=pupil, purpose=purpose, purpose_version=purpose.current_version, given=False,
                           guardian=guardian, decider_role="ouder", decided_by_name="bench", method="web",
                           text_sha256=purpose.current_version.text_sha256)
    projection.append([record])
    with CaptureQueriesContext(connection) as context:
        t0 = time.perf_counter()
        services.takedowns_after_ledger_change(records=[record])
        seconds = time.perf_counter() - t0
    return len(context.captured_queries), Takedown.objects.count() - before, seconds


def main():
    t0 = time.perf_counter()
    teacher, group = base.seed()
    print(f"database: {connection.vendor}; seeded {Pupil.objects.count()} pupils, "
          f"{ConsentRecord.objects.count()} ledger records in {time.perf_counter() - t0:.1f} s")
    parro = Purpose.objects.select_related("current_version").get(slug="parro")
    _token, raw = consent_services.create_integration_token(name="bench", purposes=[parro], actor=None)
    ids = list(Pupil.objects.active().order_by("?").values_list("pk", flat=True)[:CHECKED])
    client = Client()
    client.force_login(teacher)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    pages = {
        "trivial view": (client, "get", "/bench/trivial/", {}),
        # A plain portal page (base.html, navigation, role checks, no consent data): the fixed cost.
        "portal page": (client, "get", reverse("consent:groups"), {}),
        "check (API)": (api, "get", reverse("consent_api:pupils"),
                        {"channel": "parro", "pupils": ",".join(map(str, ids))}),
        "check (page)": (client, "post", reverse("publications:check"),
                         {"kanaal": "parro", "groep": str(group.pk), "p": [f"pupil-{pk}" for pk in ids],
                          "actie": "controleren"}),
    }
    for who, method, url, data in pages.values():
        measure(who, method, url, data, base.WARMUP)
    results = {name: [] for name in pages}
    rounds = 10
    for _round in range(rounds):
        for name, (who, method, url, data) in pages.items():
            results[name].extend(measure(who, method, url, data, base.REQUESTS // rounds))
    rows = {}
    for name, (who, method, url, data) in pages.items():
        times = results[name]
        rows[name] = (statistics.median(times) * 1000, count_queries(who, method, url, data), len(times) / sum(times))
        print(f"{name:<13} median {rows[name][0]:7.2f} ms   {rows[name][1]:3d} queries   {rows[name][2]:8.1f} req/s")
    for name in ("check (API)", "check (page)"):
        ratio = rows[name][2] / rows["trivial view"][2]
        print(f"{name} speed / trivial view speed = {ratio:.2f} (goal >= 0.50: {'met' if ratio >= 0.5 else 'NOT met'})")

    rng = random.Random(16)
    # Two pupils each shown on 5 publications; the others on random ones (three per publication).
    pupils = allowed_pupils(parro, 200)
    first, second, others = pupils[0], pupils[1], pupils[2:]
    add_publications(purpose=parro, pupils=others, teacher=teacher, count=100, rng=rng, target=first, shown_in=5)
    q_small, made_small, s_small = withdraw(first, parro)
    add_publications(purpose=parro, pupils=others, teacher=teacher, count=PUBLICATIONS - 100, rng=rng,
                     target=second, shown_in=5)
    q_large, made_large, s_large = withdraw(second, parro)
    print(f"takedown search with   100 publications: {q_small} queries, {made_small} takedowns, {s_small * 1000:.1f} ms")
    print(f"takedown search with {Publication.objects.count():,} publications: {q_large} queries, {made_large} takedowns, "
          f"{s_large * 1000:.1f} ms")
    print(f"query count independent of the number of publications: {'yes' if q_small == q_large else 'NO'}")


if __name__ == "__main__":
    try:
        main()
    finally:
        connection.close()
        if not base.os.environ.get("BENCH_DATABASE_URL"):
            import shutil

            shutil.rmtree(base.tmpdir, ignore_errors=True)
