"""Audit log: append throughput (one transaction per entry, as services do) and verification speed.

.venv/bin/python bench/audit.py [N]          # SQLite
BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/egov_bench .venv/bin/python bench/audit.py
"""

import sys
import time

from _django import percentiles, setup

vendor = setup("audit")

from django.db import transaction  # noqa: E402

from egov.core.models import AuditChainHead, AuditEntry  # noqa: E402
from egov.core.services.audit import audit_record, audit_verify  # noqa: E402

N = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
AuditEntry.objects.all().delete()
AuditChainHead.objects.all().delete()

samples = []
start = time.perf_counter()
for i in range(N):
    t0 = time.perf_counter()
    with transaction.atomic():
        audit_record(
            actor=None,
            action="bench.append",
            object_type="bench.object",
            object_id=i,
            agency_id=i % 50,
            changes={"status": ["received", "processing"], "n": i},
        )
    samples.append(time.perf_counter() - t0)
elapsed = time.perf_counter() - start
p50, p99 = percentiles(samples)

t0 = time.perf_counter()
problems = audit_verify()
verify_s = time.perf_counter() - t0
assert not problems, problems

print(
    f"| {vendor} | {N:,} appends | {N / elapsed:,.0f} entries/s | p50 {p50:.2f} ms | p99 {p99:.2f} ms "
    f"| verify {N:,} in {verify_s:.2f} s ({N / verify_s:,.0f}/s) |"
)
