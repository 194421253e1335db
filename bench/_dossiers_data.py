"""A province-year of one-stop dossiers for ``bench/dossiers.py``, written with COPY.

The agencies, staff, procedures and internal processes are the real ones (demo province, demo
catalogue, plus ~40 more communes made through the organisation services); the dossiers, their
steps (control-sheet rows), events, participants, pauses and ratings are generated row by row, the
way the engine would have written them, and streamed into PostgreSQL through one COPY per table
(one connection each, so the server parses them in parallel). Secondary indexes and foreign keys are
dropped during the load and rebuilt after it. Deterministic for a seed.
"""

import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import psycopg
from django.db import connection, models

from egov.core.text import fold
from egov.dossiers.models import (
    Dossier,
    DossierCodeCounter,
    DossierEvent,
    DossierParticipant,
    DossierPause,
    DossierTask,
    Rating,
)
from egov.dossiers.services.process import handling_agency_for, snapshot_of
from egov.dossiers.timing import appointment_for
from egov.identity.roles import Role
from egov.organisation.models import Agency, StaffRoleAssignment
from egov.procedures.models import Channel, Procedure
from egov.procedures.process_selectors import process_template_get_applicable
from egov.workflow.facade import VIETNAM_TZ, is_working_day

MODELS: tuple[type[models.Model], ...] = (
    Dossier,
    DossierTask,
    DossierEvent,
    DossierParticipant,
    DossierPause,
    Rating,
    DossierCodeCounter,
)
# Procedures of a commune's one-stop centre and of the provincial centre, with their share of dossiers.
COMMUNE_MIX = {
    "2.000815": 30, "2.000884": 8, "1.001193": 8, "1.004873": 6, "2.000635": 6, "1.004194": 6, "1.010041": 5,
    "1.004222": 4, "1.000894": 3, "1.000656": 3, "2.001035": 3, "1.001612": 3, "1.013225": 3, "1.004859": 2,
    "2.000720": 2, "1.013133": 2, "2.000986": 2, "1.012796": 1, "1.001266": 1, "1.001022": 1,
}  # fmt: skip
PROVINCE_MIX = {"1.013992": 45, "1.013833": 35, "1.013236": 10, "3.000333": 10}
_SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Trương",
    "Đinh",
    "Mai",
    "Cao",
    "Lương",
]
_MIDDLES = ["Văn", "Thị", "Đức", "Minh", "Quang", "Hữu", "Thanh", "Ngọc", "Thu", "Hồng", "Kim", "Xuân", "Công", "Bảo"]
_GIVENS = [
    "Anh",
    "Bình",
    "Cường",
    "Dũng",
    "Hải",
    "Hiếu",
    "Hùng",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Nhung",
    "Phong",
    "Quân",
    "Sơn",
    "Thảo",
    "Trang",
    "Tuấn",
    "Vân",
    "Yến",
]
_OFFICE_MINUTES = 480  # 07:30-11:30 and 13:00-17:00


class Copier:
    """One binary COPY stream into one table; rows given as {column: value}, the rest from the
    model's defaults."""

    def __init__(self, url: str, model: type[models.Model]) -> None:
        fields = model._meta.concrete_fields
        self.conn = psycopg.connect(url)
        self.columns = [str(f.column) for f in fields]
        self.index = {column: n for n, column in enumerate(self.columns)}
        self.defaults = [_default(f) for f in fields]
        self.rows = 0
        cursor = self.conn.cursor()
        cursor.execute("SET synchronous_commit = off")
        table = model._meta.db_table
        self._context = cursor.copy(f"COPY {table} ({', '.join(self.columns)}) FROM STDIN (FORMAT BINARY)")
        self.copy = self._context.__enter__()
        self.copy.set_types([_binary_type(f) for f in fields])

    def write(self, values: dict[str, Any]) -> None:
        row = self.defaults.copy()
        for column, value in values.items():
            row[self.index[column]] = value
        self.copy.write_row(row)
        self.rows += 1

    def close(self) -> None:
        self._context.__exit__(None, None, None)
        self.conn.commit()
        self.conn.close()


def _binary_type(field: Any) -> str:
    name = str(field.db_type(connection)).split("(")[0]
    return {"timestamp with time zone": "timestamptz"}.get(name, name)


def _default(field: Any) -> Any:
    if field.has_default():
        value = field.get_default()
        return json.dumps(value) if isinstance(value, dict | list) else value
    if field.null:
        return None
    return "" if isinstance(field, models.CharField | models.TextField) else None


@dataclass
class Route:
    """A procedure received at one centre through one channel: its process, clock and people."""

    procedure_id: int
    version_id: int
    name: str
    field_id: int | None
    channel: str
    template_id: int
    snapshot_json: str
    steps: list[dict[str, Any]]
    step_agencies: list[int]
    handling_id: int
    amount: Decimal
    unit: str
    holders: list[list[int]]  # per step: users who hold its role in its agency


class ProvinceYear:
    def __init__(self, url: str, total: int, now: datetime, seed: int = 44) -> None:
        self.url, self.total, self.now = url, total, now
        self.rng = random.Random(seed)
        self.ids = dict.fromkeys(("dossier", "task", "event", "participant", "pause", "rating", "counter"), 0)
        self.due_cache: dict[tuple[date, int, str], datetime] = {}
        self.counts: dict[str, int] = {}
        self.names = [
            f"{self.rng.choice(_SURNAMES)} {self.rng.choice(_MIDDLES)} {self.rng.choice(_GIVENS)}" for _ in range(5000)
        ]
        self.folded = {name: fold(name) for name in self.names}

    # --- set-up: who receives what -------------------------------------------------------------
    def routes(self, centres: list[Agency]) -> dict[int, list[tuple[Route, float]]]:
        holders: dict[tuple[int, str], list[int]] = {}
        for agency_id, role, user_id in StaffRoleAssignment.objects.values_list(
            "staff_member__agency_id", "role", "staff_member__user_id"
        ):
            holders.setdefault((agency_id, role), []).append(user_id)
        procedures = {p.code: p for p in Procedure.objects.select_related("current_version")}
        routes: dict[int, list[tuple[Route, float]]] = {}
        for centre in centres:
            mix = PROVINCE_MIX if centre.code == "H44.30" else COMMUNE_MIX
            handling = handling_agency_for(centre)
            routes[centre.pk] = []
            for code, weight in mix.items():
                procedure = procedures[code]
                kinds = dict(Channel.objects.filter(version=procedure.current_version).values_list("kind", "time_unit"))
                for channel, share in (("counter", 0.7), ("online_full", 0.2), ("online_partial", 0.2), ("post", 0.1)):
                    if channel not in kinds:
                        continue
                    route = self._route(procedure, centre, handling, channel, holders)
                    if route is not None:
                        routes[centre.pk].append((route, weight * share))
        return routes

    def _route(self, procedure: Procedure, centre: Agency, handling: Agency, channel: str, holders: Any) -> Any:
        template = process_template_get_applicable(procedure_id=procedure.pk, agency_id=centre.pk, channel=channel)
        version = procedure.current_version
        timing = Channel.objects.filter(version=version, kind=channel).values_list("processing_time", "time_unit")
        if template is None or version is None or not timing or timing[0][0] is None:
            return None
        steps = snapshot_of(template)
        agencies, handling_id = [], handling.pk
        for step in steps:
            if step["agency_id"]:
                agencies.append(int(step["agency_id"]))
            else:
                agencies.append(centre.pk if step["role"] == Role.DESK_OFFICER else handling_id)
            handling_id = int(step["hand_off_agency_id"] or handling_id)
        return Route(
            procedure_id=procedure.pk,
            version_id=version.pk,
            name=version.name[:300],
            field_id=version.field_id,
            channel=channel,
            template_id=template.pk,
            snapshot_json=json.dumps(steps, ensure_ascii=False),
            steps=steps,
            step_agencies=agencies,
            handling_id=handling_id,
            amount=timing[0][0],
            unit=timing[0][1],
            holders=[holders.get((a, s["role"]), []) for a, s in zip(agencies, steps, strict=True)],
        )

    # --- the year --------------------------------------------------------------------------------
    def days(self) -> list[date]:
        today = self.now.astimezone(VIETNAM_TZ).date()
        return [d for d in (today - timedelta(days=n) for n in range(365, -1, -1)) if is_working_day(d)]

    def moment(self, day: date) -> datetime:
        minute = self.rng.randrange(_OFFICE_MINUTES)
        start = time(7, 30) if minute < 240 else time(13, 0)
        return datetime.combine(day, start, tzinfo=VIETNAM_TZ) + timedelta(
            minutes=minute % 240, seconds=self.rng.randrange(60)
        )

    def appointment(self, route: Route, received: datetime) -> datetime:
        if route.unit == "working_hour":
            return appointment_for(received, route.amount, route.unit)
        key = (received.astimezone(VIETNAM_TZ).date(), int(route.amount), route.unit)
        if key not in self.due_cache:  # depends only on the day of receipt in office hours
            self.due_cache[key] = appointment_for(received, route.amount, route.unit)
        return self.due_cache[key]

    def plan(self, centres: list[Agency], weights: dict[int, float]) -> Iterator[tuple[Agency, date, int]]:
        """(centre, day, number of dossiers received that day), totalling about ``self.total``."""
        days = self.days()
        scale = self.total / (sum(weights.values()) * len(days))
        for centre in centres:
            for day in days:
                mean = weights[centre.pk] * scale
                yield centre, day, max(0, round(self.rng.gauss(mean, mean**0.5)))

    def next_id(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table]

    def count(self, key: str) -> None:
        self.counts[key] = self.counts.get(key, 0) + 1


def pick(rng: random.Random, choices: list[tuple[Route, float]]) -> Route:
    return rng.choices([r for r, _w in choices], weights=[w for _r, w in choices])[0]


Writer = Callable[[dict[str, Any]], None]
