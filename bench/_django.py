"""Shared set-up for benchmark scripts: a throw-away database, migrated.

BENCH_DATABASE_URL picks the database (default: a fresh SQLite file under /tmp); for PostgreSQL
pass e.g. postgres://postgres@127.0.0.1:5432/egov_bench (the database must exist and will be migrated).
"""

import os
import statistics
import sys
from pathlib import Path


def setup(name: str) -> str:
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    url = os.environ.get("BENCH_DATABASE_URL", f"sqlite:////tmp/egov-bench-{name}.sqlite3")
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = url
    os.environ["EGOV_SKIP_DOTENV"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.django.local")
    os.environ.setdefault("DEBUG", "false")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    return url.split(":", 1)[0]


def percentiles(samples_s: list[float]) -> tuple[float, float]:
    """p50 and p99 in milliseconds."""
    ordered = sorted(samples_s)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return statistics.median(ordered) * 1000, p99 * 1000
