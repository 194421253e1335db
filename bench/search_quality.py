"""Catalogue search quality (issue 14): recall@1, recall@5 and MRR of the public search over the
evaluation set ``bench/search_eval.jsonl`` (citizen queries, each with the codes of the procedures
of the national sample that are right answers), the misses, and the latency per query.

    .venv/bin/python bench/search_quality.py                  # SQLite, a fresh /tmp/egov-bench-searcheval.sqlite3
    createdb -h 127.0.0.1 -U postgres egov_searcheval
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/egov_searcheval .venv/bin/python bench/search_quality.py

Environment:
- ``SEARCH_EVAL_DOUBLE=1``: the catalogue of 5,284 procedures the issue asks latency for: the
  sample, then the sample again under synthetic codes (first digit remapped, 1.001193 → 4.001193,
  as bench/catalogue.py does). A synthetic copy of an acceptable procedure counts as acceptable.
- ``SEARCH_EVAL_AGREEMENT=postgres://…/<db>``: runs this script twice (SQLite and that PostgreSQL
  database, each in its own process) and prints how many queries get the same top 5 on both,
  then the queries that differ.
- ``SEARCH_EVAL_KINDS=sentence,typo``: only those kinds of queries.
- ``SEARCH_EVAL_MISSES=0``: leave out the list of misses.
- ``SEARCH_EVAL_DUMP=path``: write each query's top 20 codes there (JSON); used by the agreement mode.

The database is migrated and the national sample imported with ``manage.py import_procedures`` (on
PostgreSQL a database used before is fine: the import is idempotent; one that holds other
procedures is refused). Every query goes through the public interface,
``egov.procedures.selectors.procedure_search(q=…, limit=20)``, the function behind ``/thu-tuc/``
and ``GET /api/v1/procedures?q=``; nothing reaches into the engine.

Definitions, over the acceptable codes of each query: recall@k is the share of queries with at
least one acceptable procedure among the first k results; MRR is the mean of 1/rank of the first
acceptable result in the first 20 (0 when there is none). "Empty" counts the queries answered
with no result at all.
"""

import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from _django import percentiles, setup

HERE = Path(__file__).resolve().parent
EVAL_FILE = HERE / "search_eval.jsonl"
SAMPLE = HERE.parent.parent / "shared" / "data" / "procedures" / "national_catalogue_sample.jsonl"
LIMIT = 20
KINDS = ("sentence", "everyday", "no-diacritics", "typo", "partial", "code")


def load_eval() -> list[dict[str, Any]]:
    entries = [json.loads(line) for line in EVAL_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    wanted = os.environ.get("SEARCH_EVAL_KINDS")
    if wanted:
        kinds = {kind.strip() for kind in wanted.split(",")}
        entries = [entry for entry in entries if entry["kind"] in kinds]
    return entries


def synthetic_map(codes: list[str]) -> dict[str, str]:
    """First digit of the sample's codes → an unused first digit (the same remapping as bench/catalogue.py)."""
    used = sorted({code[0] for code in codes})
    spare = [digit for digit in "0123456789" if digit not in used]
    assert len(spare) >= len(used), "not enough unused first digits for synthetic codes"
    return dict(zip(used, spare, strict=False))


def agreement(url: str) -> None:
    """Run the evaluation on SQLite and on ``url`` in two processes and compare their top 5."""
    runs: dict[str, list[dict[str, Any]]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for label, database in (("SQLite", None), ("PostgreSQL", url)):
            dump = Path(folder) / f"{label}.json"
            env = {key: value for key, value in os.environ.items() if key != "SEARCH_EVAL_AGREEMENT"}
            env.pop("BENCH_DATABASE_URL", None)
            if database:
                env["BENCH_DATABASE_URL"] = database
            env["SEARCH_EVAL_DUMP"] = str(dump)
            env["SEARCH_EVAL_MISSES"] = "0"
            print(f"== {label}: running the evaluation …", flush=True)
            done = subprocess.run(  # noqa: S603 - this very script, with the same interpreter
                [sys.executable, __file__], env=env, capture_output=True, text=True, check=False
            )
            if done.returncode != 0 or not dump.exists():
                print(done.stdout[-2000:], done.stderr[-4000:], sep="\n")
                sys.exit(f"The {label} run failed: both databases must be available for the agreement mode.")
            print(done.stdout)
            runs[label] = json.loads(dump.read_text(encoding="utf-8"))
    sqlite, postgres = runs["SQLite"], runs["PostgreSQL"]
    assert [row["q"] for row in sqlite] == [row["q"] for row in postgres]
    same_order = sum(a["codes"][:5] == b["codes"][:5] for a, b in zip(sqlite, postgres, strict=True))
    same_set = sum(set(a["codes"][:5]) == set(b["codes"][:5]) for a, b in zip(sqlite, postgres, strict=True))
    same_count = sum(a["count"] == b["count"] for a, b in zip(sqlite, postgres, strict=True))
    total = len(sqlite)
    print("## SQLite vs PostgreSQL, top 5\n")
    print("| Same top 5, in order | Same top 5, any order | Same result count | Queries |\n|---:|---:|---:|---:|")
    print(
        f"| {same_order} ({same_order / total:.1%}) | {same_set} ({same_set / total:.1%}) "
        f"| {same_count} ({same_count / total:.1%}) | {total} |"
    )
    differing = [(a, b) for a, b in zip(sqlite, postgres, strict=True) if a["codes"][:5] != b["codes"][:5]]
    if differing:
        print("\nQueries whose top 5 differ (SQLite / PostgreSQL):")
        for a, b in differing:
            print(f"- {a['q']!r}: {' '.join(a['codes'][:5]) or '∅'} / {' '.join(b['codes'][:5]) or '∅'}")


def main() -> None:
    compare_with = os.environ.get("SEARCH_EVAL_AGREEMENT")
    if compare_with:
        agreement(compare_with)
        return
    doubled = os.environ.get("SEARCH_EVAL_DOUBLE") == "1"
    vendor = setup("searcheval-doubled" if doubled else "searcheval")

    from django.core.management import call_command
    from django.db import connection

    from egov.procedures.models import Procedure
    from egov.procedures.selectors import procedure_search

    sample_codes = [json.loads(line)["ma_thu_tuc"] for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    remap = synthetic_map(sample_codes)
    expected = len(sample_codes) * (2 if doubled else 1)
    existing = Procedure.objects.count()
    if existing > expected:
        sys.exit(f"The database holds {existing:,} procedures, more than the {expected:,} expected: use a fresh one.")

    def timed_import(label: str, path: Path) -> None:
        out = io.StringIO()
        started = time.perf_counter()
        call_command("import_procedures", str(path), stdout=out)
        elapsed = time.perf_counter() - started
        if connection.vendor == "postgresql":  # what autovacuum does soon after a bulk load
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        counts = next((line for line in out.getvalue().splitlines() if line.startswith("Created:")), "")
        print(f"- {label}: {elapsed:.1f} s ({counts.split(' (')[0] or 'see import output'})")

    print(f"# Catalogue search quality — {vendor}, {'doubled sample' if doubled else 'national sample'}\n")
    timed_import("import of the national sample", SAMPLE)
    if doubled:
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / "synthetic.jsonl"
            with SAMPLE.open(encoding="utf-8") as source, copy.open("w", encoding="utf-8") as target:
                for line in source:
                    record = json.loads(line)
                    record["ma_thu_tuc"] = remap[record["ma_thu_tuc"][0]] + record["ma_thu_tuc"][1:]
                    target.write(json.dumps(record, ensure_ascii=False) + "\n")
            timed_import("import of the sample again under synthetic codes", copy)
    total_procedures = Procedure.objects.count()
    print(f"- procedures searched: {total_procedures:,}\n")

    entries = load_eval()
    original = {remap[code[0]] + code[1:]: code for code in sample_codes} if doubled else {}
    names = dict(Procedure.objects.values_list("code", "name"))

    for entry in entries[:5]:  # warm-up: caches, query compilation, typo vocabulary
        procedure_search(q=entry["q"], limit=LIMIT)

    per_kind: dict[str, list[tuple[bool, bool, float, bool]]] = defaultdict(list)
    latencies: dict[str, list[float]] = defaultdict(list)
    misses: list[tuple[dict[str, Any], list[str]]] = []
    dump: list[dict[str, Any]] = []
    for entry in entries:
        started = time.perf_counter()
        result = procedure_search(q=entry["q"], limit=LIMIT)
        elapsed = time.perf_counter() - started
        got = [procedure.code for procedure in result.items]
        acceptable = set(entry["codes"])
        ranks = [rank for rank, code in enumerate(got, start=1) if original.get(code, code) in acceptable]
        first = ranks[0] if ranks else None
        hit1, hit5 = first == 1, first is not None and first <= 5
        per_kind[entry["kind"]].append((hit1, hit5, 1 / first if first else 0.0, result.count == 0))
        latencies[entry["kind"]].append(elapsed)
        if not hit5:
            misses.append((entry, got[:5]))
        dump.append({"q": entry["q"], "kind": entry["kind"], "count": result.count, "codes": got})

    def row(label: str, scores: list[tuple[bool, bool, float, bool]], samples: list[float]) -> str:
        n = len(scores)
        r1 = sum(s[0] for s in scores) / n
        r5 = sum(s[1] for s in scores) / n
        mrr = statistics.fmean(s[2] for s in scores)
        empty = sum(s[3] for s in scores)
        p50, p99 = percentiles(samples)
        return f"| {label} | {n} | {r1:.3f} | {r5:.3f} | {mrr:.3f} | {empty} | {p50:.1f} ms | {p99:.1f} ms |"

    print(f"| Kind | Queries | Recall@1 | Recall@5 | MRR@{LIMIT} | Empty | p50 | p99 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for kind in [k for k in KINDS if k in per_kind] + sorted(set(per_kind) - set(KINDS)):
        print(row(kind, per_kind[kind], latencies[kind]))
    all_scores = [score for scores in per_kind.values() for score in scores]
    all_samples = [sample for samples in latencies.values() for sample in samples]
    print(row("**all**", all_scores, all_samples))

    if os.environ.get("SEARCH_EVAL_MISSES", "1") != "0" and misses:
        print(f"\n## Misses: no acceptable procedure in the top 5 ({len(misses)} of {len(entries)})\n")
        for entry, top in misses:
            expected_codes = ", ".join(entry["codes"][:4]) + (" …" if len(entry["codes"]) > 4 else "")
            print(
                f"- [{entry['kind']}] {entry['q']!r} — expected {expected_codes} ({names.get(entry['codes'][0], '?')[:70]})"
            )
            if not top:
                print("    got nothing")
            for code in top:
                print(f"    got {code} {names.get(code, '?')[:90]}")

    target = os.environ.get("SEARCH_EVAL_DUMP")
    if target:
        Path(target).write_text(json.dumps(dump, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
