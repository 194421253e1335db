"""The measurements of ``bench/dossiers.py`` on the generated province-year (markdown tables on stdout)."""

import multiprocessing
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from _django import percentiles
from _dossiers_data import COMMUNE_MIX, PROVINCE_MIX
from _wrk import gunicorn, wrk, wrk_figures
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from egov.dossiers.contracts import ApplicantData, IntakeData, ReceivedPaper
from egov.dossiers.models import Dossier
from egov.dossiers.services.intake import dossier_receive
from egov.identity.models import User
from egov.identity.roles import Role
from egov.organisation.models import Agency, AgencyKind, StaffRoleAssignment

EXPLAIN = Path(tempfile.gettempdir()) / "bench-dossiers-explain.txt"
SLOW_MS = 100.0
# Worklist first pages above this p50 get their plans written to EXPLAIN (issue 12's target: 30 ms).
WORKLIST_EXPLAIN_MS = float(os.environ.get("BENCH_EXPLAIN_MS", "30"))
# BENCH_PARTS picks the measurements (comma-separated); BENCH_SKIP_HTTP=1 leaves out "http".
PARTS = ("intake", "worklists", "pages", "tracking", "http", "statistics")
# Who looks at worklists: (label, username).
OFFICERS = (
    ("commune desk (Đồng Hới)", "ttpdonghoi_ngothithanhtam"),
    ("commune specialist (Đồng Hới)", "pdonghoi_tranvandung"),
    ("commune chairman (Đồng Hới)", "pdonghoi_nguyenvanhai"),
    ("provincial centre desk", "ttpvhcc_tranthibichngoc"),
    ("department specialist (Agriculture and Environment)", "snnmt_lethanhha"),
    ("department director (Agriculture and Environment)", "snnmt_nguyenhuuloc"),
    ("province administrator", "skhcn_nguyenducthang"),
)
rng = random.Random(2026)


def timed(calls: list[Callable[[], Any]], warm: int = 2) -> tuple[float, float]:
    for call in calls[:warm]:
        call()
    samples = []
    for call in calls:
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return percentiles(samples)


def explain(label: str, call: Callable[[], Any]) -> None:
    """EXPLAIN ANALYZE every query of ``call`` that took more than 20 ms."""
    with CaptureQueriesContext(connection) as captured:
        call()
    with connection.cursor() as cursor, EXPLAIN.open("a", encoding="utf-8") as out:
        for query in captured.captured_queries:
            if float(query["time"]) * 1000 < 20:
                continue
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query['sql']}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
            out.write(f"### {label} ({float(query['time']) * 1000:.0f} ms)\n{query['sql']}\n{plan}\n\n")


# --- intake ----------------------------------------------------------------------------------------
def _desks() -> list[tuple[User, Agency, list[str]]]:
    desks = []
    rows = StaffRoleAssignment.objects.filter(
        role=Role.DESK_OFFICER, staff_member__agency__kind=AgencyKind.PUBLIC_SERVICE_CENTRE
    ).select_related("staff_member__user", "staff_member__agency")
    for row in rows:
        agency = row.staff_member.agency
        codes = list(PROVINCE_MIX if agency.code == "H44.30" else COMMUNE_MIX)
        desks.append((row.staff_member.user, agency, codes))
    return desks


def _intake_one(desks: list[tuple[User, Agency, list[str]]], generator: random.Random) -> float:
    user, agency, codes = generator.choice(desks)
    data = IntakeData(
        procedure_code=generator.choice(codes),
        applicant=ApplicantData(full_name="Nguyễn Văn Bình", id_number=f"0440850{generator.randrange(10**5):05d}"),
        papers=(ReceivedPaper(name="Tờ khai", originals=1),),
    )
    started = time.perf_counter()
    dossier_receive(actor=user, agency_id=agency.pk, data=data)
    return time.perf_counter() - started


def _intake_worker(args: tuple[int, int]) -> list[float]:
    count, seed = args
    connections.close_all()
    generator = random.Random(seed)
    desks = _desks()
    return [_intake_one(desks, generator) for _ in range(count)]


def intake(count: int) -> None:
    desks = _desks()
    for _ in range(5):
        _intake_one(desks, rng)
    started = time.perf_counter()
    samples = [_intake_one(desks, rng) for _ in range(count)]
    wall = time.perf_counter() - started
    p50, p99 = percentiles(samples)
    print("| Intake (`dossier_receive`) | N | Dossiers/s | p50 | p99 |\n|---|---:|---:|---:|---:|")
    print(f"| sequential, 1 process | {count:,} | {count / wall:.0f} | {p50:.1f} ms | {p99:.1f} ms |")
    connections.close_all()
    for processes in (2, 4):
        each = count // processes
        started = time.perf_counter()
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            results = pool.map(_intake_worker, [(each, 100 + n) for n in range(processes)])
        wall = time.perf_counter() - started
        samples = [s for part in results for s in part]
        p50, p99 = percentiles(samples)
        print(
            f"| {processes} processes at once | {len(samples):,} | {len(samples) / wall:.0f} | {p50:.1f} ms | {p99:.1f} ms |"
        )
    print()


# --- worklists -------------------------------------------------------------------------------------
def worklists() -> None:
    from egov.dossiers import selectors
    from egov.dossiers.selectors import worklist_counts, worklists_for

    # The first page as the staff page reads it: ``worklist_rows`` since issue 12 (row columns only,
    # task-based lists a page at a time); before it, the whole dossiers of ``dossier_worklist``.
    rows_of = getattr(selectors, "worklist_rows", None)
    print(f"First pages through `{'worklist_rows' if rows_of else 'dossier_worklist'}`.\n")

    def first_page(user: User, name: str) -> list[Dossier]:
        if rows_of is not None:
            return list(rows_of(user=user, worklist=name)[0:50])
        return list(selectors.dossier_worklist(user=user, worklist=name)[:50])

    kept = getattr(selectors, "KEPT_COUNT_SECONDS", None)
    print("| Officer | Worklist | Rows (capped) | First page of 50: p50 | p99 |\n|---|---|---:|---:|---:|")
    for label, username in OFFICERS:
        user = User.objects.get(username=username)
        counts = worklist_counts(user=user)
        for name in worklists_for(user=user):

            def page(name: str = name, user: User = user) -> list[Dossier]:
                return first_page(user, name)

            p50, p99 = timed([page] * 15)
            print(f"| {label} | {name} | {counts[name]:,} | {p50:.1f} ms | {p99:.1f} ms |")
            if p50 > WORKLIST_EXPLAIN_MS:
                explain(f"{username} {name}", page)

        def tabs(user: User = user) -> dict[str, int]:
            return worklist_counts(user=user)

        if kept is not None:  # every call counts everything, as before issue 12: no cache to read
            shared, selectors.cache = selectors.cache, NoCache()  # type: ignore[attr-defined]
            p50, p99 = timed([tabs] * 10)
            selectors.cache = shared  # type: ignore[attr-defined]
            print(f"| {label} | *all tab counts, nothing kept (cold)* | | {p50:.1f} ms | {p99:.1f} ms |")
        p50, p99 = timed([tabs] * 10)
        print(f"| {label} | *all tab counts* (`worklist_counts`) | | {p50:.1f} ms | {p99:.1f} ms |")
        if p50 > WORKLIST_EXPLAIN_MS:
            explain(f"{username} counts", tabs)
    from egov.dossiers.selectors import DossierFilters

    def first_page_filtered(user: User, filters: DossierFilters) -> list[Dossier]:
        if rows_of is not None:
            return list(rows_of(user=user, worklist="all", filters=filters)[0:50])
        return list(selectors.dossier_worklist(user=user, worklist="all", filters=filters)[:50])

    admin = User.objects.get(username="skhcn_nguyenducthang")
    sample = Dossier.objects.order_by("?").values("code", "applicant_id_number", "applicant_name")[:1][0]
    for label, filters in (
        ("name “nguyen van” (unaccented)", DossierFilters(q="nguyen van")),
        (f"name “{sample['applicant_name']}”", DossierFilters(q=sample["applicant_name"])),
        ("identification number", DossierFilters(q=sample["applicant_id_number"])),
        ("code prefix (agency + day)", DossierFilters(q=sample["code"][:-5])),
    ):

        def search(filters: DossierFilters = filters) -> list[Dossier]:
            return first_page_filtered(admin, filters)

        p50, p99 = timed([search] * 10)
        print(f"| province administrator | all, search by {label} | | {p50:.1f} ms | {p99:.1f} ms |")
        if p50 > SLOW_MS:
            explain(f"search {label}", search)
    print()


class NoCache:
    """A cache that keeps nothing: the counts as a cold cache gives them."""

    def get(self, key: str, default: Any = None) -> Any:
        return default

    def set(self, key: str, value: Any, timeout: Any = None) -> None:
        return None


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


def pages() -> None:
    """The worklist page as the officer gets it (Django's test client, full middleware, no network):
    tabs with their counts, the capped count of the list, the first page of 50 rendered."""
    from django.test import Client

    from egov.dossiers.selectors import worklists_for

    print("| Officer | `GET /staff/dossiers/?list=` | Queries | p50 | p99 |\n|---|---|---:|---:|---:|")
    for label, username in OFFICERS:
        user = User.objects.get(username=username)
        client = Client()
        client.force_login(user)
        for name in worklists_for(user=user):

            def get(name: str = name, client: Client = client) -> Any:
                response = client.get("/staff/dossiers/", {"list": name})
                assert response.status_code == 200, response.status_code
                return response

            counter = QueryCounter()  # the request resets connection.queries: count them as they run
            with connection.execute_wrapper(counter):
                get()
            p50, p99 = timed([get] * 10)
            print(f"| {label} | {name} | {counter.count} | {p50:.1f} ms | {p99:.1f} ms |")
    print()


# --- tracking --------------------------------------------------------------------------------------
def _codes(count: int) -> list[str]:
    top = Dossier.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    ids = rng.sample(range(1, top + 1), min(count * 2, top))
    return list(Dossier.objects.filter(pk__in=ids).values_list("code", flat=True)[:count])


def tracking(count: int) -> list[str]:
    from egov.dossiers.tracking import dossier_track

    codes = _codes(count)

    def track(code: str) -> Callable[[], Any]:
        return lambda: dossier_track(code=code)

    p50, p99 = timed([track(c) for c in codes])
    print("| Tracking | N | Requests/s | p50 | p99 |\n|---|---:|---:|---:|---:|")
    print(f"| `dossier_track` (selector, 1 process) | {len(codes):,} | | {p50:.1f} ms | {p99:.1f} ms |")
    return codes


def tracking_http(codes: list[str], url: str) -> None:
    env = {"DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.django.local", "DEBUG": "false"}
    env.update(EGOV_SKIP_DOTENV="1", DOSSIER_TRACKING_RATE_LIMIT="1000000000", CACHE_URL="redis://127.0.0.1:6379/7")
    workers = int(os.environ.get("BENCH_GUNICORN_WORKERS", "4"))
    with gunicorn(env, workers) as target, tempfile.TemporaryDirectory() as folder:
        listing = Path(folder) / "codes.txt"
        listing.write_text("\n".join(codes) + "\n", encoding="utf-8")
        script = Path(folder) / "track.lua"
        script.write_text(
            f'local codes = {{}}\nfor line in io.lines("{listing}") do codes[#codes + 1] = line end\n'
            'request = function()\n  return wrk.format("GET", "/api/v1/track/" .. codes[math.random(#codes)])\nend\n',
            encoding="utf-8",
        )
        # Warm-up: every worker's first requests build the API schema and the calendar (seconds each).
        warm = ["wrk", "-t2", "-c16", "-d20s", "--timeout", "30s", "-s", str(script), target]
        subprocess.run(warm, capture_output=True, check=True)  # noqa: S603
        outputs = [
            (clients, wrk(["-t2", f"-c{clients}", "-d15s", "--timeout", "10s", "-s", str(script), target]))
            for clients in (4, 16)
        ]
    for clients, text in outputs:
        figures = wrk_figures(text)
        print(
            f"| `GET /api/v1/track/<code>`, gunicorn {workers} workers, wrk -t2 -c{clients} -d15s | "
            f"{figures.requests:,} | {figures.rate} | {figures.p50} | {figures.p99} |"
        )
        for problem in figures.problems:
            print(f"|  wrk: {problem} | | | | |")
    print()


# --- statistics ------------------------------------------------------------------------------------
def statistics(last_month: tuple[date, date], year: tuple[date, date]) -> None:
    from egov.dossiers.one_stop_report import one_stop_report

    admin = User.objects.get(username="skhcn_nguyenducthang")
    leader = User.objects.get(username="pdonghoi_nguyenvanhai")
    print("| Report (`one_stop_report`) | Rows | p50 | p99 |\n|---|---:|---:|---:|")
    for label, user, (start, end), group in (
        ("province, last month, by agency", admin, last_month, "agency"),
        ("province, last month, by field", admin, last_month, "field"),
        ("province, 12 months, by agency", admin, year, "agency"),
        ("province, 12 months, by agency and field", admin, year, "agency_field"),
        ("one commune (its chairman), 12 months", leader, year, "agency"),
    ):

        def report(user: Any = user, start: date = start, end: date = end, group: str = group) -> Any:
            return one_stop_report(user=user, period_from=start, period_to=end, group_by=group)

        rows = len(report().rows)
        p50, p99 = timed([report] * 5, warm=1)
        print(f"| {label} | {rows} | {p50:.0f} ms | {p99:.0f} ms |")
        if p50 > 1000:
            explain(f"report {label}", report)
    print()


def measure_all(url: str, last_month: tuple[date, date], year: tuple[date, date]) -> None:
    EXPLAIN.write_text("", encoding="utf-8")
    print(f"Load average at start: {os.getloadavg()[0]:.1f}\n")
    parts = set(os.environ.get("BENCH_PARTS", ",".join(PARTS)).split(","))
    if os.environ.get("BENCH_SKIP_HTTP"):
        parts.discard("http")
    if "intake" in parts:
        intake(int(os.environ.get("BENCH_INTAKE", "1000")))
    if "worklists" in parts:
        worklists()
    if "pages" in parts:
        pages()
    if {"tracking", "http"} & parts:
        codes = tracking(2000)
        if "http" in parts:
            tracking_http(codes, url)
    if "statistics" in parts:
        statistics(last_month, year)
    print(f"Load average at end: {os.getloadavg()[0]:.1f}; slow query plans in {EXPLAIN}.", file=sys.stdout)
