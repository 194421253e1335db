"""Load the administrative units (province → commune since 01/7/2025, the three-level tree before) and
their successions from the data file the product ships (``egov/organisation/data/``).

Legal basis: Luật Tổ chức chính quyền địa phương 72/2025/QH15 (two-level local government from
2025-07-01, district level abolished), NQ 202/2025/QH15 (34 provinces) and the Standing Committee's
commune-merger resolutions (3,321 communes). Codes are the NSO statistical codes.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.utils.translation import gettext_lazy as _

from egov.core.errors import ApplicationError
from egov.core.services.audit import audit_record
from egov.core.text import fold
from egov.organisation.models import AdministrativeUnit, UnitLevel, UnitSuccession

if TYPE_CHECKING:
    from egov.identity.models import User

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "admin_units.json.gz"
FILE_FORMAT = "egov-admin-units/1"
BATCH_SIZE = 500
_LOCK_KEY = 0x6567_6F76_0001  # PostgreSQL advisory lock: one load at a time

# A unit is identified by its level, code and period: the same code names different territories
# before and after 2025-07-01 (code 44 was Quảng Bình, is Quảng Trị).
UnitKey = tuple[str, str, date | None, date | None]
_FIELDS = ("name", "short_name", "unit_type", "parent_id", "name_folded")


@dataclass(frozen=True)
class LoadResult:
    units_created: int
    units_updated: int
    units_unchanged: int
    successions_created: int
    successions_updated: int
    successions_unchanged: int
    source_sha256: str

    @property
    def changed(self) -> bool:
        return bool(self.units_created or self.units_updated or self.successions_created or self.successions_updated)


@dataclass(frozen=True)
class UnitRow:
    key: UnitKey
    name: str
    short_name: str
    unit_type: str
    parent_key: UnitKey | None


@dataclass(frozen=True)
class LinkRow:
    predecessor: UnitKey
    successor: UnitKey
    effective_date: date
    is_partial: bool
    is_default: bool


@dataclass(frozen=True)
class Dataset:
    units: list[UnitRow]  # parents before children
    links: list[LinkRow]
    sha256: str


@transaction.atomic
def admin_units_load(*, path: Path | None = None, acting_user: User | None = None) -> LoadResult:
    """Create or update every unit and succession of the data file; never deletes anything.

    Idempotent: a second run changes nothing and writes no audit entry. One audit entry
    summarises a load that changed something.
    """
    dataset = read_dataset(path or DATA_FILE)
    _lock()
    units = _sync_units(dataset.units)
    successions = _sync_successions(dataset.links, units.ids)
    result = LoadResult(
        units_created=units.created,
        units_updated=units.updated,
        units_unchanged=units.unchanged,
        successions_created=successions[0],
        successions_updated=successions[1],
        successions_unchanged=successions[2],
        source_sha256=dataset.sha256,
    )
    if result.changed:
        audit_record(
            actor=acting_user,
            action="organisation.admin_units_load",
            object_type="organisation.administrativeunit",
            object_id="*",
            changes=asdict(result),
        )
    return result


def read_dataset(path: Path) -> Dataset:
    """Parse and check the data file; any problem is a 400 ``admin_units_file_invalid``."""
    try:
        raw = path.read_bytes()
        document = json.loads(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw)
    except FileNotFoundError as exc:
        raise ApplicationError(
            _("The administrative-units data file does not exist."), code="admin_units_file_missing", status=400
        ) from exc
    except (OSError, EOFError, ValueError) as exc:  # gzip.BadGzipFile and JSONDecodeError are among these
        raise _invalid(str(exc)) from exc
    try:
        return _parse(document, hashlib.sha256(raw).hexdigest())
    except (KeyError, IndexError, TypeError, ValueError) as exc:
        raise _invalid(f"{type(exc).__name__}: {exc}") from exc


def _invalid(detail: str) -> ApplicationError:
    return ApplicationError(
        _("The administrative-units data file is not valid."),
        code="admin_units_file_invalid",
        status=400,
        fields={"detail": detail[:300]},
    )


def _parse(document: dict[str, Any], sha256: str) -> Dataset:
    if document.get("format") != FILE_FORMAT:
        raise ValueError(f"format must be {FILE_FORMAT!r}")
    columns = document["unit_columns"]
    if columns[:4] != ["code", "name", "short_name", "unit_type"]:
        raise ValueError(f"unexpected unit columns {columns}")
    units: list[UnitRow] = []
    known: set[UnitKey] = set()
    periods: dict[str, tuple[date | None, date | None]] = {}
    for period in document["periods"]:
        valid_from, valid_to = _date(period["valid_from"]), _date(period["valid_to"])
        levels: list[str] = period["levels"]
        for depth, level in enumerate(levels):
            if level not in UnitLevel.values:
                raise ValueError(f"unknown level {level!r}")
            parent_level = levels[depth - 1] if depth else None
            for row in period["units"].get(level, []):
                if not all(isinstance(value, str) for value in row[:4]):
                    raise ValueError(f"{level} {row[:1]}: code, names and type must be text")
                code, name, short_name, unit_type = row[:4]
                key: UnitKey = (level, code, valid_from, valid_to)
                parent_key: UnitKey | None = None
                if parent_level is not None:
                    parent_key = (parent_level, str(row[4]), valid_from, valid_to)
                    if parent_key not in known:
                        raise ValueError(f"{level} {code}: unknown parent {row[4]}")
                if key in known or not code.isdigit() or not name.strip():
                    raise ValueError(f"{level} {code}: duplicate code or empty name")
                known.add(key)
                units.append(UnitRow(key, name.strip(), short_name.strip(), unit_type.strip(), parent_key))
        periods[period["id"]] = (valid_from, valid_to)
    links: list[LinkRow] = []
    for block in document["successions"]:
        effective = _date(block["effective_date"])
        if effective is None or block["link_columns"][:5] != [
            "predecessor_level",
            "predecessor_code",
            "successor_level",
            "successor_code",
            "is_partial",
        ]:
            raise ValueError("succession block without a date or with unexpected columns")
        before, after = periods[block["from"]], periods[block["to"]]
        has_default = block["link_columns"][5:6] == ["is_default"]
        for pred_level, pred_code, succ_level, succ_code, is_partial, *rest in block["links"]:
            predecessor: UnitKey = (pred_level, str(pred_code), before[0], before[1])
            successor: UnitKey = (succ_level, str(succ_code), after[0], after[1])
            if predecessor not in known or successor not in known:
                raise ValueError(f"succession {pred_code} → {succ_code} names an unknown unit")
            is_default = bool(rest[0]) if has_default and rest else not is_partial
            links.append(LinkRow(predecessor, successor, effective, bool(is_partial), is_default))
    return Dataset(units=units, links=links, sha256=sha256)


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _lock() -> None:
    """Serialise concurrent loads on PostgreSQL (legacy rows have a NULL valid_from, which the unique
    constraint does not cover). SQLite already serialises writers (IMMEDIATE transactions)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])


@dataclass
class _UnitSync:
    ids: dict[UnitKey, int]
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _existing_units() -> dict[UnitKey, tuple[int, tuple[Any, ...]]]:
    existing: dict[UnitKey, tuple[int, tuple[Any, ...]]] = {}
    rows = AdministrativeUnit.objects.order_by("-id").values_list(
        "id", "level", "code", "valid_from", "valid_to", *_FIELDS
    )
    for pk, level, code, valid_from, valid_to, *values in rows.iterator(chunk_size=5000):
        existing[(level, code, valid_from, valid_to)] = (pk, tuple(values))  # lowest id wins
    return existing


def _sync_units(rows: list[UnitRow]) -> _UnitSync:
    existing = _existing_units()
    sync = _UnitSync(ids={key: pk for key, (pk, _values) in existing.items()})
    # Parents first: the file lists a period's levels top-down, so one pass per level suffices.
    for level in (UnitLevel.PROVINCE, UnitLevel.DISTRICT, UnitLevel.COMMUNE):
        to_create: list[AdministrativeUnit] = []
        to_update: list[AdministrativeUnit] = []
        for row in (r for r in rows if r.key[0] == level):
            parent_id = sync.ids[row.parent_key] if row.parent_key else None
            values = (row.name, row.short_name, row.unit_type, parent_id, fold(row.name))
            unit = AdministrativeUnit(
                level=row.key[0],
                code=row.key[1],
                valid_from=row.key[2],
                valid_to=row.key[3],
                **dict(zip(_FIELDS, values, strict=True)),
            )
            current = existing.get(row.key)
            if current is None:
                to_create.append(unit)
            elif current[1] != values:
                unit.pk = current[0]
                to_update.append(unit)
            else:
                sync.unchanged += 1
        for unit in (*to_create, *to_update):
            # Field checks only: uniqueness is guaranteed by the keyed sync and backed by the DB,
            # and the parent id comes from the rows just read or written.
            unit.full_clean(exclude=["parent"], validate_unique=False, validate_constraints=False)
        AdministrativeUnit.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
        AdministrativeUnit.objects.bulk_update(to_update, fields=list(_FIELDS), batch_size=BATCH_SIZE)
        sync.created += len(to_create)
        sync.updated += len(to_update)
        if to_create:
            sync.ids.update(
                ((lv, code, vf, vt), pk)
                for pk, lv, code, vf, vt in AdministrativeUnit.objects.filter(level=level)
                .order_by("-id")
                .values_list("id", "level", "code", "valid_from", "valid_to")
                .iterator(chunk_size=5000)
            )
    return sync


def _sync_successions(links: list[LinkRow], ids: dict[UnitKey, int]) -> tuple[int, int, int]:
    existing = {
        (pred, succ, eff): (pk, partial, default)
        for pk, pred, succ, eff, partial, default in UnitSuccession.objects.values_list(
            "id", "predecessor_id", "successor_id", "effective_date", "is_partial", "is_default"
        ).iterator(chunk_size=5000)
    }
    to_create: list[UnitSuccession] = []
    to_update: list[UnitSuccession] = []
    unchanged = 0
    for link in links:
        pred, succ = ids[link.predecessor], ids[link.successor]
        current = existing.get((pred, succ, link.effective_date))
        succession = UnitSuccession(
            predecessor_id=pred,
            successor_id=succ,
            effective_date=link.effective_date,
            is_partial=link.is_partial,
            is_default=link.is_default,
        )
        if current is None:
            to_create.append(succession)
        elif current[1:] != (link.is_partial, link.is_default):
            succession.pk = current[0]
            to_update.append(succession)
        else:
            unchanged += 1
    for succession in (*to_create, *to_update):
        succession.full_clean(exclude=["predecessor", "successor"], validate_unique=False, validate_constraints=False)
    UnitSuccession.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    UnitSuccession.objects.bulk_update(to_update, fields=["is_partial", "is_default"], batch_size=BATCH_SIZE)
    return len(to_create), len(to_update), unchanged
