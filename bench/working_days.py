"""Benchmark of the working-day calendar: pure arithmetic and the public API.

    DJANGO_SETTINGS_MODULE=config.django.test .venv/bin/python bench/working_days.py [--calls N] [--requests N]

Creates a fresh SQLite database in a temporary directory (the configured one with ``--use-configured-db``),
migrates it (which seeds the 2025/2026 calendars), then measures over random inputs across 2025-2027:
``add_working_days``, ``add_working_hours``, ``is_working_day`` (calls/s of a plain loop, and p50/p99
of individually timed calls, timer overhead included) and the latency of the API endpoints through
Django's test ``Client`` (the full middleware stack, no network). Prints a Markdown table.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import argparse
import random
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any


def _percentile(sorted_values: Sequence[float], fraction: float) -> float:
    index = min(len(sorted_values) - 1, round(fraction * (len(sorted_values) - 1)))
    return sorted_values[index]


def _measure(name: str, function: Callable[..., Any], inputs: Sequence[tuple[Any, ...]]) -> dict[str, Any]:
    started = time.perf_counter()
    for args in inputs:
        function(*args)
    elapsed = time.perf_counter() - started
    timings = []
    clock = time.perf_counter_ns
    for args in inputs:
        before = clock()
        function(*args)
        timings.append((clock() - before) / 1000)
    timings.sort()
    return {
        "name": name,
        "calls": len(inputs),
        "per_second": len(inputs) / elapsed,
        "p50": _percentile(timings, 0.50),
        "p99": _percentile(timings, 0.99),
        "max": timings[-1],
    }


def _random_inputs(
    count: int, seed: int
) -> tuple[list[tuple[date, int]], list[tuple[datetime, Decimal]], list[tuple[date]]]:
    from egov.workflow.working_calendar import VIETNAM_TZ

    rng = random.Random(seed)
    first = date(2025, 1, 1)
    span = (date(2027, 12, 31) - first).days
    days_inputs = [(first + timedelta(days=rng.randrange(span - 90)), rng.randrange(0, 61)) for _ in range(count)]
    start_moment = datetime(2025, 1, 1, tzinfo=VIETNAM_TZ)
    hours_inputs = [
        (start_moment + timedelta(minutes=rng.randrange((span - 90) * 24 * 60)), Decimal(rng.randrange(1, 321)) / 4)
        for _ in range(count)
    ]
    day_inputs = [(first + timedelta(days=rng.randrange(span)),) for _ in range(count)]
    return days_inputs, hours_inputs, day_inputs


def _api_latency(path: str, params: list[dict[str, str]]) -> dict[str, Any]:
    from django.test import Client

    client = Client()
    timings = []
    for query in params:
        before = time.perf_counter_ns()
        response = client.get(path, query)
        timings.append((time.perf_counter_ns() - before) / 1000)
        assert response.status_code == 200, (response.status_code, response.content[:300])
    timings.sort()
    return {
        "name": f"GET {path}",
        "calls": len(params),
        "per_second": len(params) / (sum(timings) / 1e6),
        "p50": _percentile(timings, 0.50),
        "p99": _percentile(timings, 0.99),
        "max": timings[-1],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=200_000, help="random inputs per function (default 200000)")
    parser.add_argument("--requests", type=int, default=2_000, help="API requests per endpoint (default 2000)")
    parser.add_argument("--seed", type=int, default=20260216)
    parser.add_argument("--use-configured-db", action="store_true", help="do not create a temporary SQLite database")
    options = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.django.test")
    workdir = None
    if not options.use_configured_db:
        workdir = tempfile.TemporaryDirectory(prefix="egov-bench-calendar-")
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir.name}/bench.sqlite3"
    warnings.simplefilter("ignore")

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)

    from egov.workflow import facade
    from egov.workflow.cache import calendar_cache_clear

    # Cold start: read the two tables and build 2025-2027 (lunar dates, rules, overrides).
    calendar_cache_clear()
    before = time.perf_counter()
    for year in (2025, 2026, 2027):
        facade.is_working_day(date(year, 6, 1))
    cold_ms = (time.perf_counter() - before) * 1000
    # What an administrator's edit costs: drop the calendar, read the tables, rebuild the same years.
    calendar_cache_clear()
    before = time.perf_counter()
    for year in (2025, 2026, 2027):
        facade.is_working_day(date(year, 6, 1))
    rebuild_ms = (time.perf_counter() - before) * 1000

    days_inputs, hours_inputs, day_inputs = _random_inputs(options.calls, options.seed)
    rows = [
        _measure("add_working_days(start, 0..60)", facade.add_working_days, days_inputs),
        _measure("add_working_hours(moment, 0.25..80 h)", facade.add_working_hours, hours_inputs),
        _measure("is_working_day(d)", facade.is_working_day, day_inputs),
    ]

    rng = random.Random(options.seed + 1)
    api_days = [{"start": d.isoformat(), "days": str(n)} for d, n in days_inputs[: options.requests]]
    api_hours = [{"start": m.isoformat(), "hours": str(h)} for m, h in hours_inputs[: options.requests]]
    api_month = []
    for _ in range(options.requests):
        first = date(2025, 1, 1) + timedelta(days=rng.randrange(3 * 365 - 31))
        api_month.append({"from": first.isoformat(), "to": (first + timedelta(days=30)).isoformat()})
    rows += [
        _api_latency("/api/v1/calendar/add-working-days", api_days),
        _api_latency("/api/v1/calendar/add-working-hours", api_hours),
        _api_latency("/api/v1/calendar/days", api_month),
    ]

    print(
        f"Working-day calendar benchmark (Python {sys.version.split()[0]}, seed {options.seed}, "
        f"database {django.db.connection.vendor})."
    )
    print(
        f"First build in the process (imports the holidays package, reads tables, builds 2025-2027): {cold_ms:.1f} ms."
    )
    print(f"Rebuild after a change (reads tables, builds 2025-2027): {rebuild_ms:.1f} ms.\n")
    print("| operation | calls | calls/s | p50 µs | p99 µs | max µs |")
    print("|---|---:|---:|---:|---:|---:|")
    for row in rows:
        print(
            f"| {row['name']} | {row['calls']:,} | {row['per_second']:,.0f} | {row['p50']:.1f} | "
            f"{row['p99']:.1f} | {row['max']:.0f} |"
        )
    print("\nAPI rows: Django test Client, full middleware stack, no network; `days` asks for 31 days.")
    print(f"Check: 2026-02-13 + 1 working day = {facade.add_working_days(date(2026, 2, 13), 1)} (expected 2026-02-23).")
    if workdir is not None:
        django.db.connections.close_all()
        workdir.cleanup()


if __name__ == "__main__":
    main()
