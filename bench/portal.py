"""Citizen portal under load (issue 6): requests/s, p50 and p99 of the public pages a citizen's phone
asks for — home, catalogue search, a procedure's page, tracking a dossier by code, the public
statistics — through gunicorn with wrk, on a province's year of dossiers and the national catalogue.

    createdb -h 127.0.0.1 -U postgres egov_bench
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/egov_bench .venv/bin/python bench/dossiers.py
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/egov_bench .venv/bin/python bench/portal.py

PostgreSQL, after bench/dossiers.py has generated the year (1,000,000 dossiers); the national
catalogue sample (2,642 procedures) is imported on the first run. Rate limits are lifted for the
run (wrk is one client); the cache is Redis (db 7), as in production. BENCH_GUNICORN_WORKERS
(default 4), BENCH_SECONDS per run (default 15).
"""

import gzip
import os
import random
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from _django import setup
from _wrk import gunicorn, wrk, wrk_figures

vendor = setup("portal")
if vendor != "postgres":
    sys.exit("bench/portal.py needs PostgreSQL with bench/dossiers.py's year: set BENCH_DATABASE_URL=postgres://…")

from django.core.management import call_command  # noqa: E402

from egov.core.text import fold  # noqa: E402
from egov.dossiers.models import Dossier  # noqa: E402
from egov.procedures.models import Procedure  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT.parent / "shared" / "data" / "procedures" / "national_catalogue_sample.jsonl"
# What citizens type on a phone, with and without accents (each also folded below).
EVERYDAY = [
    "Đăng ký khai sinh",
    "đăng ký kết hôn",
    "khai tử",
    "xác nhận tình trạng hôn nhân",
    "trích lục hộ tịch",
    "chứng thực bản sao",
    "đăng ký thường trú",
    "tạm trú",
    "hộ kinh doanh",
    "giấy phép xây dựng",
    "đất đai",
    "cấp đổi giấy chứng nhận quyền sử dụng đất",
    "lý lịch tư pháp",
    "trợ cấp xã hội",
    "giấy phép lái xe",
    "1.001193",
]
SECONDS = int(os.environ.get("BENCH_SECONDS", "15"))
WORKERS = int(os.environ.get("BENCH_GUNICORN_WORKERS", "4"))
rng = random.Random(20261123)


def prepare() -> dict[str, list[str]]:
    dossiers = Dossier.objects.count()
    if dossiers < 10_000:
        sys.exit(f"only {dossiers:,} dossiers: run bench/dossiers.py on this database first")
    if Procedure.objects.count() < 1_000:
        started = time.perf_counter()
        call_command("import_procedures", str(SAMPLE), verbosity=0)
        print(f"National catalogue sample imported in {time.perf_counter() - started:.0f} s")
    codes = list(Procedure.objects.filter(is_active=True).values_list("code", flat=True))
    tracked = list(Dossier.objects.order_by("?").values_list("code", flat=True)[:5_000])
    queries = [*EVERYDAY, *(fold(q) for q in EVERYDAY)]
    return {
        "home": ["/"],
        "search": [f"/thu-tuc/?q={urllib.request.quote(q)}" for q in queries],
        "procedure": [f"/thu-tuc/{code}/" for code in rng.sample(codes, min(2_000, len(codes)))],
        "tracking": [f"/tra-cuu/{code}/" for code in tracked],
        "statistics": ["/thong-ke/"],
    }


def _script(folder: Path, name: str, paths: list[str]) -> Path:
    listing = folder / f"{name}.txt"
    listing.write_text("\n".join(paths) + "\n", encoding="utf-8")
    script = folder / f"{name}.lua"
    script.write_text(
        f'local paths = {{}}\nfor line in io.lines("{listing}") do paths[#paths + 1] = line end\n'
        'request = function()\n  return wrk.format("GET", paths[math.random(#paths)], '
        '{["Accept-Language"] = "vi", ["Accept-Encoding"] = "gzip"})\nend\n',
        encoding="utf-8",
    )
    return script


def _page_size(base: str, path: str) -> tuple[int, int]:
    with urllib.request.urlopen(base + path, timeout=30) as response:  # noqa: S310 - our own server
        body = response.read()
    return len(body), len(gzip.compress(body))


def measure(pages: dict[str, list[str]]) -> None:
    env = {"DJANGO_SETTINGS_MODULE": "config.django.local", "DEBUG": "false", "EGOV_SKIP_DOTENV": "1"}
    env["CACHE_URL"] = "redis://127.0.0.1:6379/7"
    for limit in ("DOSSIER_TRACKING_RATE_LIMIT", "PORTAL_CATALOGUE_RATE_LIMIT", "PORTAL_STATISTICS_RATE_LIMIT"):
        env[limit] = "1000000000"
    rows = []
    with gunicorn(env, WORKERS) as base, tempfile.TemporaryDirectory() as folder:
        for name, paths in pages.items():
            script = _script(Path(folder), name, paths)
            size, packed = _page_size(base, paths[0])
            # Warm-up: each worker's first requests load templates, translations and the calendar.
            wrk(["-t2", "-c8", "-d5s", "--timeout", "30s", "-s", str(script), base])
            for clients in (4, 16):
                text = wrk(["-t2", f"-c{clients}", f"-d{SECONDS}s", "--timeout", "10s", "-s", str(script), base])
                rows.append((name, clients, size, packed, text))
    print(
        f"| Page (gunicorn {WORKERS} workers, wrk -t2, {SECONDS} s) | Clients | HTML / gzip | Requests | Requests/s | p50 | p99 |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, clients, size, packed, text in rows:
        figures = wrk_figures(text)
        print(
            f"| {name} | {clients} | {size / 1024:.1f} kB / {packed / 1024:.1f} kB | "
            f"{figures.requests:,} | {figures.rate} | {figures.p50} | {figures.p99} |"
        )
        for problem in figures.problems:
            print(f"|  wrk: {problem} | | | | | | |")


def main() -> None:
    pages = prepare()
    print(f"{Dossier.objects.count():,} dossiers, {Procedure.objects.count():,} procedures, database {vendor}\n")
    measure(pages)


if __name__ == "__main__":
    main()
