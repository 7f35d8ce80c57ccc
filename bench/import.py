"""Benchmark: the EDEX import of a school of 1,000 pupils in 40 groups with 60 teachers.

    /work/main/.venv/bin/python bench/import.py                 # a throwaway SQLite file
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/js_bench_import /work/main/.venv/bin/python bench/import.py

Into a THROWAWAY database (the SQLite file is deleted afterwards; a PostgreSQL database named in
BENCH_DATABASE_URL is emptied and refilled, so never point it at real data) it imports, as the
office would, an EDEX file it builds itself, and prints for each step the wall time and the
number of queries:
- the preview (parse the file and compare it with the portal) and the save of the first import,
- the preview of the same file again (nothing to change),
- a later export with 50 pupils moved to another group and 10 who left: preview and save,
- the first import of a school half the size, to show that the query count does not grow with
  the number of pupils.
Goal: preview under 3 s and save under 10 s; a query count that does not grow with the pupils.
Figures are in README.md (section "Importing pupils").
"""

import datetime
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

tmpdir = tempfile.mkdtemp(prefix="bench-import-")
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmpdir}/bench.sqlite3"
os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret-" + "x" * 40)
os.environ.setdefault("DEBUG", "false")
os.environ["ALLOWED_HOSTS"] = "testserver"
os.environ["PRIVATE_MEDIA_ROOT"] = f"{tmpdir}/private"
os.environ["DJANGO_SETTINGS_MODULE"] = "julianaschool.settings"

import django

django.setup()

from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from throwaway_db import create_database_if_missing

from julianaschool import edex, edex_services
from julianaschool.models import Pupil, SchoolYear
from tests.julianaschool.edex_files import G, P, T, build

YEAR = "2026-2027"


def school(pupils: int, groups: int = 40, teachers: int = 60, moved: int = 0, left: int = 0) -> bytes:
    group_list = [G(f"#G{i}", f"{i % 8 + 1}{'abcde'[i // 8]}", str(i % 8 + 1)) for i in range(groups)]
    pupil_list = []
    for i in range(pupils):
        group = i % groups
        if i < moved:
            group = (group + 1) % groups
        pupil_list.append(P(f"#L{i}", f"Kind{i}", f"Achternaam{i}", prefix="van" if i % 7 == 0 else "",
                            born=datetime.date(2014 + group % 8, 1 + i % 12, 1 + i % 28), group=f"#G{group}",
                            left=datetime.date(2026, 10, 1) if moved <= i < moved + left else None))
    teacher_list = [T(f"#T{i}", f"Juf{i}", f"Leerkracht{i}", email=f"leerkracht{i}@school.example",
                      groups={f"#G{i % groups}": ["LRK"]}) for i in range(teachers)]
    return build(YEAR, group_list, pupil_list, teacher_list)


def measure(label: str, data: bytes, *, save: bool = True) -> tuple[int, int]:
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        plan = edex.read(data)
    preview_s, preview_q = time.perf_counter() - started, len(queries)
    assert not isinstance(plan, list) and plan.ok, plan
    line = f"{label:<44} preview {preview_s:6.2f} s / {preview_q:3d} queries ({len(plan.changes)} lines)"
    save_q = 0
    if save and plan.changes:
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            edex_services.apply_edex(plan=plan, actor=None)
        save_q = len(queries)
        line += f"   save {time.perf_counter() - started:6.2f} s / {save_q:3d} queries"
    print(line)
    return preview_q, save_q


def main():
    create_database_if_missing()
    call_command("migrate", verbosity=0)
    if connection.vendor == "postgresql":
        call_command("flush", interactive=False, verbosity=0)
    SchoolYear.objects.get_or_create(name=YEAR, defaults={"starts_on": datetime.date(2026, 8, 1),
                                                          "ends_on": datetime.date(2027, 7, 31)})
    print(f"{connection.vendor}, {os.cpu_count()} cores")
    first = school(1000)
    print(f"EDEX file of 1,000 pupils, 40 groups, 60 teachers: {len(first) // 1024} kB")
    with transaction.atomic():
        half = measure("first import, 500 pupils (rolled back)", school(500))
        transaction.set_rollback(True)
    full = measure("first import, 1,000 pupils", first)
    measure("the same file again", first)
    measure("later export: 50 moved, 10 left", school(1000, moved=50, left=10))
    print(f"pupils in the portal: {Pupil.objects.count()}")
    # SQLite takes at most 999 parameters a statement, so Django splits a bulk insert of 1,000 rows
    # into batches there: a few statements more, not one per pupil. PostgreSQL needs no batches.
    print(f"queries (preview, save) for 500 pupils {half}, for 1,000 pupils {full}")


if __name__ == "__main__":
    try:
        main()
    finally:
        if not os.environ.get("BENCH_DATABASE_URL"):
            import shutil

            shutil.rmtree(tmpdir, ignore_errors=True)
