"""Procedure catalogue: import time of the national sample (2,642 records), then p50/p99 latency of
search over 200 varied queries (with and without accents, partial words, typos, codes), through the
selector, the API and the public list page; then the same with the catalogue doubled to 5,284
procedures (the sample again under synthetic codes).

    .venv/bin/python bench/catalogue.py                       # SQLite, a fresh /tmp/egov-bench-catalogue.sqlite3
    psql -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS egov_bench_catalogue"
    psql -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE egov_bench_catalogue"
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/egov_bench_catalogue .venv/bin/python bench/catalogue.py

The database must start without procedures (the import is timed on an empty catalogue). With
BENCH_RESULTS=path the results of the 200 queries are written there: a SQLite and a PostgreSQL run
must write the same file.
"""

import io
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _django import percentiles, setup

vendor = setup("catalogue")

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from config.env import BASE_DIR  # noqa: E402
from egov.core.text import fold  # noqa: E402
from egov.procedures.models import Procedure  # noqa: E402
from egov.procedures.selectors import procedure_search  # noqa: E402

SAMPLE = BASE_DIR.parent / "shared" / "data" / "procedures" / "national_catalogue_sample.jsonl"
rng = random.Random(20260101)

# What citizens type: everyday procedures, with accents as a phone keyboard gives them.
EVERYDAY = [
    "Đăng ký khai sinh",
    "đăng ký kết hôn",
    "đăng ký khai tử",
    "xác nhận tình trạng hôn nhân",
    "cấp bản sao trích lục hộ tịch",
    "chứng thực bản sao từ bản chính",
    "chứng thực chữ ký",
    "đăng ký thường trú",
    "đăng ký tạm trú",
    "cấp hộ chiếu phổ thông",
    "cấp thẻ căn cước",
    "giấy phép lái xe",
    "đổi giấy phép lái xe",
    "đăng ký thành lập hộ kinh doanh",
    "thành lập doanh nghiệp",
    "giấy phép xây dựng",
    "cấp giấy chứng nhận quyền sử dụng đất",
    "đăng ký biến động đất đai",
    "lý lịch tư pháp",
    "nuôi con nuôi",
    "trợ giúp pháp lý",
    "thuế thu nhập cá nhân",
    "hoàn thuế giá trị gia tăng",
    "hải quan xuất khẩu",
    "bảo hiểm y tế trẻ em",
    "khiếu nại",
    "tố cáo",
    "giấy phép kinh doanh vận tải",
    "đăng ký xe",
    "quốc tịch Việt Nam",
    "thị thực",
    "thẻ tạm trú người nước ngoài",
    "giấy phép lao động",
    "an toàn thực phẩm",
    "giấy phép môi trường",
    "khám bệnh chữa bệnh",
    "hộ nghèo",
    "người có công",
    "cấp phép khai thác khoáng sản",
    "đăng ký giám hộ",
]


def build_queries(names: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """200 (kind, query) pairs: 40 of each kind."""
    queries = [("accented", q) for q in EVERYDAY]
    queries += [("unaccented", fold(q)) for q in EVERYDAY]
    picked = rng.sample(names, 80)
    for _code, name in picked[:40]:  # the first words of a name, the last one half typed
        words = fold(name).split()[: rng.randint(2, 5)]
        words[-1] = words[-1][: max(1, len(words[-1]) // 2 + 1)]
        queries.append(("partial", " ".join(words)))
    for _code, name in picked[40:]:  # the first words of a name with two letters swapped in one word
        words = fold(name).split()[: rng.randint(3, 6)]
        candidates = [i for i, word in enumerate(words) if len(word) >= 4 and word.isalpha()] or [0]
        index = rng.choice(candidates)
        word = words[index]
        if len(word) >= 2:
            at = rng.randrange(len(word) - 1)
            words[index] = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
        queries.append(("typo", " ".join(words)))
    codes = [code for code, _name in rng.sample(names, 30)]
    queries += [("code", code) for code in codes]
    queries += [("code prefix", code[:6]) for code in codes[:10]]
    assert len(queries) == 200
    return queries


def timed_import(label: str, path: Path) -> None:
    out = io.StringIO()
    started = time.perf_counter()
    call_command("import_procedures", str(path), stdout=out)
    elapsed = time.perf_counter() - started
    if connection.vendor == "postgresql":  # what autovacuum does soon after a bulk load
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    counts = next(line for line in out.getvalue().splitlines() if line.startswith("Created:"))
    print(f"| {vendor} | {label} | {elapsed:.2f} s | {counts.split(' (')[0]} |")


def measure(label: str, calls: list[Callable[[], Any]]) -> None:
    for call in calls[:5]:  # warm-up: the vocabulary of typo correction, query compilation
        call()
    samples = []
    for call in calls:
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    p50, p99 = percentiles(samples)
    print(f"| {vendor} | {Procedure.objects.count():,} | {label} | {len(calls)} | {p50:.1f} ms | {p99:.1f} ms |")


def measure_all(queries: list[tuple[str, str]]) -> None:
    measure("procedure_search, all 200", [lambda q=q: procedure_search(q=q) for _kind, q in queries])
    for kind in ("accented", "unaccented", "partial", "typo", "code"):
        subset = [q for k, q in queries if k == kind]
        measure(f"procedure_search, {kind}", [lambda q=q: procedure_search(q=q) for q in subset])
    measure(
        "procedure_search, filtered (field + online)",
        [lambda q=q: procedure_search(q=q, field_code="ho-tich", online="any") for _kind, q in queries],
    )
    client = Client()
    measure("GET /api/v1/procedures?q=", [lambda q=q: client.get("/api/v1/procedures", {"q": q}) for _k, q in queries])
    measure("GET /thu-tuc/?q= (HTML page)", [lambda q=q: client.get("/thu-tuc/", {"q": q}) for _k, q in queries])


def dump_results(queries: list[tuple[str, str]]) -> None:
    """With BENCH_RESULTS=path: each query's count and first 20 codes, to compare databases
    (``diff`` the files of a SQLite and a PostgreSQL run: they must be equal)."""
    target = os.environ.get("BENCH_RESULTS")
    if not target:
        return
    results = []
    for kind, q in queries:
        result = procedure_search(q=q)
        results.append({"kind": kind, "q": q, "count": result.count, "codes": [p.code for p in result.items]})
    Path(target).write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    if Procedure.objects.exists():
        sys.exit("The benchmark database already has procedures: start from an empty one (see the docstring).")
    from django.conf import settings

    settings.PROCEDURES_API_RATE_LIMIT = 10**9
    settings.PORTAL_CATALOGUE_RATE_LIMIT = 10**9
    print("| Database | What | Time | Result |\n|---|---|---:|---|")
    timed_import("import 2,642 records (empty catalogue)", SAMPLE)
    timed_import("re-import, nothing changed", SAMPLE)
    names = list(Procedure.objects.values_list("code", "name").order_by("code"))
    queries = build_queries(names)
    print("\n| Database | Procedures | Queries | N | p50 | p99 |\n|---|---:|---|---:|---:|---:|")
    measure_all(queries)
    dump_results(queries)
    print("\n| Database | What | Time | Result |\n|---|---|---:|---|")
    # The sample again under codes of the same form (d.dddddd) with first digits the sample does not
    # use (1.001193 → 4.001193 …), so nothing clashes.
    used = sorted({code[0] for code, _name in names})
    spare = [digit for digit in "0123456789" if digit not in used]
    assert len(spare) >= len(used), "not enough unused first digits for synthetic codes"
    synthetic = dict(zip(used, spare, strict=False))
    with tempfile.TemporaryDirectory() as folder:
        doubled = Path(folder) / "synthetic.jsonl"
        with SAMPLE.open(encoding="utf-8") as source, doubled.open("w", encoding="utf-8") as target:
            for line in source:
                record = json.loads(line)
                record["ma_thu_tuc"] = synthetic[record["ma_thu_tuc"][0]] + record["ma_thu_tuc"][1:]
                target.write(json.dumps(record, ensure_ascii=False) + "\n")
        timed_import("import 2,642 more (synthetic codes)", doubled)
    print("\n| Database | Procedures | Queries | N | p50 | p99 |\n|---|---:|---|---:|---:|---:|")
    measure_all(queries)


main()
