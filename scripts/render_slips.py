#!/usr/bin/env python3
"""Render every one-stop document (Mẫu 01 to 06) of sample dossiers to ``screenshots/`` for a visual check.

Runs on a throw-away in-memory test database (the demo province and procedures, the dossiers brought
into each state through the engine's services — the scenarios of the document tests), writes
``screenshots/slip-<name>.pdf`` and the first page of each as ``slip-<name>-1.png`` (``pdftoppm -r 60``;
``--dpi`` to change), and prints the time each PDF took (wall and CPU:
the first includes loading the fonts). Never touches the development database.

Usage: ``.venv/bin/python scripts/render_slips.py [--dpi 60] [--all-pages]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.django.test")
os.environ.setdefault("EGOV_SKIP_DOTENV", "1")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, default=60)
    parser.add_argument("--all-pages", action="store_true", help="render every page, not only the first")
    args = parser.parse_args()

    import logging

    import django

    django.setup()
    logging.getLogger("weasyprint").setLevel(logging.WARNING)  # one INFO line per rendering step
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        render_all(ROOT / "screenshots", dpi=args.dpi, all_pages=args.all_pages)
    finally:
        connection.creation.destroy_test_db(":memory:", verbosity=0)


def render_all(out: Path, *, dpi: int, all_pages: bool) -> None:
    import time_machine

    from egov.dossiers.documents import render_document
    from egov.dossiers.services.intake import dossier_receive
    from egov.dossiers.tests import test_documents as scenarios
    from egov.dossiers.tests.conftest import MONDAY_9AM, agency_of, birth_intake, user
    from egov.organisation.demo.data import AGENCIES
    from egov.organisation.demo.loader import demo_load
    from egov.organisation.tests.factories import make_commune, make_province
    from egov.procedures.demo.loader import procedures_load_demo

    province = make_province(code="44", name="Tỉnh Quảng Trị")
    for code in sorted({spec.unit_code for spec in AGENCIES if spec.unit_code != "44"}):
        ward = {"name": "Phường Đồng Hới", "unit_type": "Phường"} if code == "18880" else {}
        make_commune(code=code, parent=province, **ward)
    demo_load()
    procedures_load_demo()

    travellers: list[Any] = []

    def travel(moment: Any) -> None:
        if travellers:
            travellers.pop().stop()
        traveller = time_machine.travel(moment, tick=False)
        traveller.start()
        travellers.append(traveller)

    def receive(**overrides: Any) -> Any:
        desk, agency = user("ttpdonghoi_ngothithanhtam"), agency_of("ttpdonghoi")
        return dossier_receive(actor=desk, agency_id=agency.pk, data=birth_intake(**overrides))

    samples: dict[str, tuple[Callable[[], Any], str]] = {
        "receipt": (lambda: scenarios.received(receive), "receipt"),
        "supplement": (lambda: scenarios.supplement_requested(receive, travel), "supplement"),
        "refusal-intake": (lambda: scenarios.not_accepted(None), "refusal"),
        "refusal-examined": (lambda: scenarios.refused_after_examination(receive, travel), "refusal"),
        "apology": (lambda: scenarios.extended(receive, travel), "apology"),
        "stop": (lambda: scenarios.withdrawn(receive, travel), "stop"),
        "control-sheet": (lambda: scenarios.returned(receive, travel), "control_sheet"),
    }
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise SystemExit("pdftoppm not found: install poppler-utils (scripts/system-deps.sh)")
    out.mkdir(exist_ok=True)
    try:
        for name, (build, kind) in samples.items():
            travel(MONDAY_9AM)
            dossier = build()
            started, cpu_started = time.perf_counter(), time.process_time()
            pdf = render_document(dossier, kind)
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
            target = out / f"slip-{name}.pdf"
            target.write_bytes(pdf)
            pages = [] if all_pages else ["-f", "1", "-l", "1"]
            command = [pdftoppm, "-r", str(dpi), "-png", *pages, str(target), str(out / f"slip-{name}")]
            subprocess.run(command, check=True)  # noqa: S603 - poppler's pdftoppm on our own files
            print(f"{name:18} {kind:14} {len(pdf):7} bytes  {elapsed:5.2f} s (CPU {cpu:4.2f} s)  {target}")
    finally:
        if travellers:
            travellers.pop().stop()


if __name__ == "__main__":
    main()
