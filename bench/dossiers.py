"""One-stop dossiers at a province's scale (issue 4): a year of ~1,000,000 dossiers over ~100 agencies,
then intake through ``dossier_receive``, the staff worklists, public tracking (selector and HTTP with
wrk against gunicorn) and the statistics report (Mẫu II.06a) for a month and a year.

    createdb -h 127.0.0.1 -U postgres egov_bench
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/egov_bench .venv/bin/python bench/dossiers.py

PostgreSQL only (the generation uses COPY). A database that already holds the generated year is
reused (measurements only); drop and re-create it to generate again. BENCH_DOSSIERS sets the volume
(default 1,000,000), BENCH_INTAKE the number of sequential intakes (default 1,000), BENCH_SKIP_HTTP=1
skips the gunicorn + wrk part, BENCH_PARTS=worklists,pages runs only those measurements (of intake,
worklists, pages, tracking, http, statistics). EXPLAIN ANALYZE of the slowest worklist queries (first
pages above BENCH_EXPLAIN_MS, default 30 ms) goes to /tmp/bench-dossiers-explain.txt.
"""

import os
import sys
import time
from datetime import timedelta

from _django import setup

vendor = setup("dossiers")
if vendor != "postgres":
    sys.exit("bench/dossiers.py needs PostgreSQL: set BENCH_DATABASE_URL=postgres://…")

from _dossiers_data import MODELS, Copier, ProvinceYear, pick  # noqa: E402
from _dossiers_measure import measure_all  # noqa: E402
from _dossiers_rows import DossierRows  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from egov.dossiers.models import Dossier  # noqa: E402
from egov.identity.roles import Role  # noqa: E402
from egov.organisation.models import AdministrativeUnit, Agency, AgencyKind, Position  # noqa: E402
from egov.organisation.services.agencies import agency_create  # noqa: E402
from egov.organisation.services.departments import department_create  # noqa: E402
from egov.organisation.services.staff import staff_create  # noqa: E402

URL = os.environ["DATABASE_URL"]
TOTAL = int(os.environ.get("BENCH_DOSSIERS", "1000000"))
EXTRA_COMMUNES = 40  # with the demo's 23 agencies: 103 agencies, 47 one-stop centres


def province() -> None:
    """The demo province and catalogue, then more communes (People's Committee + one-stop centre)."""
    if not Agency.objects.filter(code="H44").exists():
        call_command("load_demo", "--force", "--no-dossiers", verbosity=0)
    taken = set(Agency.objects.values_list("administrative_unit__code", flat=True))
    parent = AdministrativeUnit.objects.get(code="44", valid_to__isnull=True)
    spare = AdministrativeUnit.objects.filter(parent=parent, valid_to__isnull=True).exclude(code__in=taken)
    missing = EXTRA_COMMUNES - (Agency.objects.count() - 23) // 2
    positions = dict(Position.objects.values_list("code", "pk"))
    root = Agency.objects.get(code="H44")
    for number, unit in enumerate(spare.order_by("code")[: max(0, missing)], start=200):
        pc = agency_create(
            acting_user=None,
            code=f"H44.{number}",
            name=f"Ủy ban nhân dân {unit.name}",
            kind=AgencyKind.COMMUNE_PEOPLES_COMMITTEE,
            administrative_unit_id=unit.pk,
            parent_id=root.pk,
            short_name=f"UBND {unit.name}",
        )
        centre = agency_create(
            acting_user=None,
            code=f"H44.{number}.01",
            name=f"Trung tâm Phục vụ hành chính công {unit.name}",
            kind=AgencyKind.PUBLIC_SERVICE_CENTRE,
            administrative_unit_id=unit.pk,
            parent_id=pc.pk,
            short_name=f"Trung tâm PVHCC {unit.name}",
        )
        vp = department_create(acting_user=None, agency_id=pc.pk, code="VP", name="Văn phòng HĐND và UBND")
        desk = department_create(
            acting_user=None, agency_id=centre.pk, code="TNTKQ", name="Bộ phận Tiếp nhận và trả kết quả"
        )
        people = [
            (pc, vp, "chutich", "CHU_TICH_UBND", Role.LEADER),
            (pc, vp, "congchuc1", "CONG_CHUC_XA", Role.SPECIALIST),
            (pc, vp, "congchuc2", "CONG_CHUC_XA", Role.SPECIALIST),
            (centre, desk, "motcua1", "CONG_CHUC_MOT_CUA", Role.DESK_OFFICER),
            (centre, desk, "motcua2", "CONG_CHUC_MOT_CUA", Role.DESK_OFFICER),
        ]
        for agency, department, who, position, role in people:
            staff_create(
                acting_user=None,
                agency_id=agency.pk,
                username=f"x{unit.code}_{who}",
                full_name=f"Cán bộ {who} {unit.name}",
                department_id=department.pk,
                position_id=positions[position],
                roles=[role],
            )


def _constraints() -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    tables = [m._meta.db_table for m in MODELS]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid::regclass::text = ANY(%s) AND contype IN ('f', 'u') ORDER BY contype DESC",
            [tables],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s) AND indexname NOT IN "
            "(SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u'))",
            [tables],
        )
        indexes = cursor.fetchall()
    return constraints, indexes


def generate() -> None:
    now = timezone.now()
    started = time.perf_counter()
    centres = list(Agency.objects.filter(kind=AgencyKind.PUBLIC_SERVICE_CENTRE).order_by("code"))
    year = ProvinceYear(URL, TOTAL, now)
    weights = {c.pk: year.rng.uniform(0.5, 1.5) for c in centres}
    big = {"H44.101.01": 3.0, "H44.102.01": 3.0, "H44.103.01": 2.0}
    weights.update({c.pk: big[c.code] for c in centres if c.code in big})
    weights.update({c.pk: 0.14 * sum(weights.values()) for c in centres if c.code == "H44.30"})
    routes = year.routes(centres)
    constraints, indexes = _constraints()
    with connection.cursor() as cursor:
        for table, name, _definition in constraints:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    out = {
        key: Copier(URL, model)
        for key, model in zip(
            ("dossier", "task", "event", "participant", "pause", "rating", "counter"), MODELS, strict=True
        )
    }
    rows = DossierRows(year, out)
    for centre, day, number in year.plan(centres, weights):
        moments = sorted(m for m in (year.moment(day) for _ in range(number)) if m < now)  # today: until now
        for seq, received in enumerate(moments, start=1):
            rows.write(centre, pick(year.rng, routes[centre.pk]), day, seq, received)
        if moments:
            out["counter"].write(
                {"id": year.next_id("counter"), "agency_id": centre.pk, "day": day, "last": len(moments)}
            )
    for copier in out.values():
        copier.close()
    copied = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '1GB'")
        for _name, definition in indexes:
            cursor.execute(definition)
        for table, name, definition in constraints:
            cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        for model in MODELS:
            table = model._meta.db_table
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")  # noqa: S608
        # VACUUM as well: production's autovacuum sets the visibility map after a bulk load (index-only
        # scans then skip the heap); this machine's server runs with autovacuum off.
        cursor.execute("VACUUM ANALYZE")
        cursor.execute(  # a consistency check of the generator: finished dossiers have no step in progress
            "SELECT count(*) FROM dossiers_dossiertask t JOIN dossiers_dossier d ON d.id = t.dossier_id "
            "WHERE t.status = 'active' AND d.status IN ('returned', 'rejected', 'withdrawn')"
        )
        stray = cursor.fetchone()[0]
    total = time.perf_counter() - started
    print("| Table | Rows |\n|---|---:|")
    for model, copier in zip(MODELS, out.values(), strict=True):
        print(f"| {model._meta.db_table} | {copier.rows:,} |")
    print(f"\nStatuses: {dict(sorted(year.counts.items()))}; steps in progress on finished dossiers: {stray}")
    print(
        f"Generated and copied in {copied:.0f} s; indexes, constraints and VACUUM ANALYZE {total - copied:.0f} s; total {total:.0f} s.\n"
    )


def main() -> None:
    started = time.perf_counter()
    province()
    print(f"Province: {Agency.objects.count()} agencies ({time.perf_counter() - started:.0f} s).")
    if Dossier.objects.count() < TOTAL * 0.9:
        if Dossier.objects.exists():
            sys.exit("The database holds part of a generated year: drop and re-create it.")
        generate()
    today = timezone.localdate()
    first = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    last_month = (first, today.replace(day=1) - timedelta(days=1))
    year = (today - timedelta(days=365), today - timedelta(days=1))
    measure_all(URL, last_month, year)


main()
