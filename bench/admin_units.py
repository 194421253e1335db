"""Administrative units: load time of the shipped file on a fresh database (first load and re-run),
then p50/p99 latency of the lookups over N random queries each.

    .venv/bin/python bench/admin_units.py [N]        # SQLite, a fresh /tmp/egov-bench-admin-units.sqlite3
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/egov_bench .venv/bin/python bench/admin_units.py
"""

import random
import sys
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from _django import percentiles, setup

vendor = setup("admin-units")

from ninja.testing import TestClient  # noqa: E402

from config.api import api  # noqa: E402
from egov.organisation.models import AdministrativeUnit  # noqa: E402
from egov.organisation.services.units import admin_units_load  # noqa: E402
from egov.organisation.unit_selectors import (  # noqa: E402
    unit_current_for_legacy,
    unit_get,
    unit_legacy_lookup,
    unit_list_communes,
)

N = int(sys.argv[1]) if len(sys.argv) > 1 else 500
TODAY = date(2026, 1, 15)
OLD_DAY = date(2025, 6, 30)
rng = random.Random(20250701)


def timed(label: str, call: Callable[[], Any]) -> None:
    t0 = time.perf_counter()
    result = call()
    print(f"| {vendor} | {label} | {time.perf_counter() - t0:.2f} s | {result} |")


def measure(label: str, calls: list[Callable[[], Any]]) -> None:
    samples = []
    for call in calls:
        t0 = time.perf_counter()
        call()
        samples.append(time.perf_counter() - t0)
    p50, p99 = percentiles(samples)
    print(f"| {vendor} | {label} | {len(calls)} queries | p50 {p50:.2f} ms | p99 {p99:.2f} ms |")


def counts(result: Any) -> str:
    return (
        f"units {result.units_created} created / {result.units_updated} updated / {result.units_unchanged} "
        f"unchanged; successions {result.successions_created} / {result.successions_updated} / "
        f"{result.successions_unchanged}"
    )


timed("first load (fresh DB)", lambda: counts(admin_units_load()))
timed("re-run (nothing to change)", lambda: counts(admin_units_load()))

current = list(
    AdministrativeUnit.objects.filter(level="commune", valid_from__isnull=False).values_list(
        "code", "parent__code", "short_name"
    )
)
old_wards = list(
    AdministrativeUnit.objects.filter(level="commune", valid_to=OLD_DAY).values_list(
        "code", "short_name", "parent__name", "parent__parent__name"
    )
)
picks = [rng.choice(current) for _ in range(N)]
old_picks = [rng.choice(old_wards) for _ in range(N)]


def search(province: str, name: str) -> Callable[[], Any]:
    word = rng.choice(name.split())
    return lambda: list(unit_list_communes(province, q=word, on=TODAY)[:20])


measure("unit_get(commune code)", [lambda c=code: unit_get(c, on=TODAY) for code, _p, _n in picks])
measure("unit_list_communes(province, q=word)[:20]", [search(province, name) for _c, province, name in picks])
measure(
    "unit_current_for_legacy(old ward)",
    [lambda c=code: unit_current_for_legacy(c, "commune", on=TODAY) for code, *_rest in old_picks],
)
measure(
    "unit_legacy_lookup(province, district, ward names)",
    [
        lambda w=ward, d=district, p=province: unit_legacy_lookup(province=p, district=d, ward=w)
        for _c, ward, district, province in old_picks
    ],
)
client = TestClient(api)
measure(
    "GET /admin-units/provinces/{code}/communes?q=",
    [
        lambda p=province, n=name: client.get(f"/admin-units/provinces/{p}/communes?q={n.split()[0]}")
        for _c, province, name in picks
    ],
)
measure(
    "GET /admin-units/{code} (old ward, with successors)",
    [lambda c=code: client.get(f"/admin-units/{c}?at=2025-06-30") for code, *_rest in old_picks],
)
