"""Reads of administrative units: current and historical lookups, accent-insensitive search, and the
old → new mapping ("which commune is my old ward now?").

Validity: a unit is valid on a day when ``valid_from`` (NULL = unknown, taken as "always") is on or
before it and ``valid_to`` (NULL = still valid) is on or after it. Since 2025-07-01 (Luật 72/2025/QH15,
NQ 202/2025/QH15) there are two levels, province and commune; the district level ended on 2025-06-30.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from egov.core import clock
from egov.core.errors import ApplicationError, NotFoundError
from egov.core.text import fold
from egov.organisation.models import AdministrativeUnit, UnitLevel, UnitSuccession

REFORM_DATE = date(2025, 7, 1)
LAST_THREE_LEVEL_DAY = date(2025, 6, 30)
_LEVEL_BY_CODE_LENGTH = {2: UnitLevel.PROVINCE, 3: UnitLevel.DISTRICT, 5: UnitLevel.COMMUNE}
_MAX_HOPS = 10  # reorganisations chained one after another; far more than history needs


@dataclass(frozen=True)
class UnitMatch:
    """A unit reached from an older one; ``is_partial`` when only part of the old territory went there,
    ``is_default`` for the successor to use when only the old address is known (one per split unit)."""

    unit: AdministrativeUnit
    is_partial: bool
    is_default: bool = True


@dataclass(frozen=True)
class LegacyMatch:
    """An old unit found by its names, with the units that cover its territory on the requested day."""

    unit: AdministrativeUnit
    successors: list[UnitMatch]


def valid_on(day: date) -> Q:
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))


def _is_valid(unit: AdministrativeUnit, day: date) -> bool:
    return (unit.valid_from is None or unit.valid_from <= day) and (unit.valid_to is None or unit.valid_to >= day)


def _not_found() -> NotFoundError:
    return NotFoundError(_("Administrative unit not found."), code="admin_unit_not_found")


def unit_list_provinces(*, on: date | None = None, q: str | None = None) -> QuerySet[AdministrativeUnit]:
    """Provinces valid on ``on`` (default today): the 34 since 2025-07-01, the 63 before; ``q`` as
    in :func:`unit_list_communes`."""
    day = on or clock.today()
    return _search(AdministrativeUnit.objects.filter(valid_on(day), level=UnitLevel.PROVINCE), q).order_by("code")


def unit_get_current_province(code: str, *, on: date | None = None) -> AdministrativeUnit:
    """The province with this NSO code valid on ``on`` (default today); 404 if there is none."""
    province = unit_list_provinces(on=on).filter(code=code).first()
    if province is None:
        raise _not_found()
    return province


def unit_list_communes(
    province_code: str, *, q: str | None = None, on: date | None = None
) -> QuerySet[AdministrativeUnit]:
    """Communes (xã, phường, đặc khu; thị trấn before 2025) of a province valid on ``on``.

    ``q`` matches every word of the name ignoring accents and case ("dong hoi" finds "Đồng Hới").
    Before 2025 communes hang under districts, so both parent chains are followed.
    """
    day = on or clock.today()
    province = unit_get_current_province(province_code, on=day)
    communes = AdministrativeUnit.objects.filter(
        Q(parent=province) | Q(parent__parent=province), valid_on(day), level=UnitLevel.COMMUNE
    )
    return _search(communes, q).select_related("parent").order_by("code")


def _search(units: QuerySet[AdministrativeUnit], q: str | None) -> QuerySet[AdministrativeUnit]:
    for word in fold(q or "").split():
        units = units.filter(name_folded__contains=word)
    return units


def unit_search(q: str, *, level: str | None = None, on: date | None = None) -> QuerySet[AdministrativeUnit]:
    """Nationwide accent-insensitive search of units valid on ``on`` (default today)."""
    units = AdministrativeUnit.objects.filter(valid_on(on or clock.today()))
    if level:
        units = units.filter(level=level)
    return _search(units, q).select_related("parent").order_by("level", "code")


def unit_level_for_code(code: str) -> str | None:
    """NSO codes have 2 (province), 3 (district) or 5 (commune) digits."""
    return _LEVEL_BY_CODE_LENGTH.get(len(code)) if code.isdigit() else None


def unit_get(code: str, *, level: str | None = None, on: date | None = None) -> AdministrativeUnit:
    """The unit with this code valid on ``on``; without ``on``, the one valid today or else the most
    recent historical one (code 45, old Quảng Trị, no longer exists). 404 if there is none."""
    level = level or unit_level_for_code(code)
    units = AdministrativeUnit.objects.filter(code=code, level=level).select_related("parent", "parent__parent")
    if on is not None:
        unit = units.filter(valid_on(on)).first()
    else:
        unit = (
            units.filter(valid_on(clock.today())).first()
            or units.order_by(F("valid_to").desc(nulls_first=True)).first()
        )
    if unit is None:
        raise _not_found()
    return unit


def unit_successors(code: str, level: str) -> QuerySet[UnitSuccession]:
    """Direct successions from the historical unit(s) with this code: 'which commune is my old ward now?'.

    Codes are reused across periods (commune 00004 was Trúc Bạch, is Ba Đình), so only units that
    ended are considered, newest first.
    """
    return (
        UnitSuccession.objects.filter(
            predecessor__code=code, predecessor__level=level, predecessor__valid_to__isnull=False
        )
        .select_related("successor", "successor__parent", "predecessor")
        .order_by("-effective_date", "successor__code")
    )


def unit_successions_of(unit: AdministrativeUnit) -> QuerySet[UnitSuccession]:
    return unit.successions.select_related("successor", "successor__parent").order_by(
        "effective_date", "successor__code"
    )


def unit_predecessions_of(unit: AdministrativeUnit) -> QuerySet[UnitSuccession]:
    return unit.predecessions.select_related("predecessor", "predecessor__parent").order_by(
        "effective_date", "predecessor__level", "predecessor__code"
    )


def unit_current_for_legacy(code: str, level: str, *, on: date | None = None) -> list[UnitMatch]:
    """Follow the successions of the most recent unit with this code that ended before ``on`` (default
    today) to the units valid on ``on``. Several matches when the old unit was split."""
    day = on or clock.today()
    old = AdministrativeUnit.objects.filter(code=code, level=level, valid_to__lt=day).order_by("-valid_to").first()
    if old is None:
        raise _not_found()
    return _current_units([old.pk], day)[old.pk]


def _current_units(start_ids: list[int], day: date) -> dict[int, list[UnitMatch]]:
    """For each start unit, the units valid on ``day`` its territory went to (walking every hop)."""
    # origin -> successor -> (is_partial, is_default) along the path walked so far
    reached: dict[int, dict[int, tuple[bool, bool]]] = {origin: {} for origin in start_ids}
    frontier: list[tuple[int, int, bool, bool]] = [(origin, origin, False, True) for origin in start_ids]
    for _hop in range(_MAX_HOPS):
        if not frontier:
            break
        links: dict[int, list[tuple[int, bool, bool, bool]]] = defaultdict(list)
        rows = UnitSuccession.objects.filter(
            predecessor_id__in={unit_id for _o, unit_id, _p, _d in frontier}, effective_date__lte=day
        ).values_list("predecessor_id", "successor_id", "is_partial", "is_default", "successor__valid_to")
        for pred, succ, partial, default, succ_valid_to in rows:
            links[pred].append((succ, partial, default, succ_valid_to is None or succ_valid_to >= day))
        frontier_next: list[tuple[int, int, bool, bool]] = []
        for origin, unit_id, partial_so_far, default_so_far in frontier:
            for succ, partial, default, is_valid in links.get(unit_id, []):
                path = (partial_so_far or partial, default_so_far and default)
                if is_valid:
                    seen = reached[origin].get(succ, (True, False))
                    reached[origin][succ] = (seen[0] and path[0], seen[1] or path[1])
                else:
                    frontier_next.append((origin, succ, *path))
        frontier = frontier_next
    units = AdministrativeUnit.objects.select_related("parent").in_bulk(
        {succ for targets in reached.values() for succ in targets}
    )
    return {
        origin: [
            UnitMatch(units[succ], partial, default)
            for succ, (partial, default) in sorted(targets.items(), key=lambda t: units[t[0]].code)
        ]
        for origin, targets in reached.items()
    }


# --- Old address → new unit by names ------------------------------------------------------------

_TYPE_WORDS = {  # folded → with accents; longest first so "thanh pho" wins over shorter words
    "thanh pho": "thành phố",
    "thi tran": "thị trấn",
    "dac khu": "đặc khu",
    "phuong": "phường",
    "thi xa": "thị xã",
    "huyen": "huyện",
    "quan": "quận",
    "tinh": "tỉnh",
    "xa": "xã",
}
# Written short forms of the type words on old papers: "TP Đồng Hới", "TX. Ba Đồn", "P. 5", "Q.1".
_ABBREVIATIONS = {"tp": "thanh pho", "tx": "thi xa", "tt": "thi tran", "t": "tinh", "q": "quan", "h": "huyen"}
_ABBREVIATIONS |= {"p": "phuong", "x": "xa"}


def _name_keys(text: str, *, accents: bool) -> set[str]:
    """Comparable forms of a name: case-folded (and accent-folded unless ``accents``), apostrophes
    dropped ("Ea H'Leo"), other punctuation as spaces, leading zeros dropped ("Phường 05" = "Phường 5");
    a leading abbreviation is also tried expanded ("TP Đồng Hới")."""
    base = unicodedata.normalize("NFC", text).casefold() if accents else fold(text)
    words = re.sub(r"[^\w\s]", " ", re.sub(r"['\u2019`]", "", base)).split()
    words = [word.lstrip("0") or "0" if word.isdigit() else word for word in words]
    keys = {" ".join(words)}
    if len(words) > 1 and words[0] in _ABBREVIATIONS:
        expanded = _ABBREVIATIONS[words[0]]
        keys.add(" ".join([_TYPE_WORDS[expanded] if accents else expanded, *words[1:]]))
    return keys


def _without_type(key: str, *, accents: bool) -> str:
    for folded, accented in _TYPE_WORDS.items():
        word = accented if accents else folded
        if key.startswith(word + " "):
            return key[len(word) + 1 :]
    return key


def _match_names(units: list[AdministrativeUnit], query: str) -> list[AdministrativeUnit]:
    """The closest matches only: the full name with accents, then without; then the name without its
    type word, with accents, then without. So "Xã Phước Long" is not "Thị trấn Phước Long", and "Tân
    Thành" is not "Tân Thanh", while "tan thanh" finds both."""
    # A query typed without any accent cannot tell "Sa Pa" from "Sa Pả": compare it folded only.
    typed_with_accents = _name_keys(query, accents=True) != _name_keys(query, accents=False)
    for bare in (False, True):
        for accents in (True, False) if typed_with_accents else (False,):
            wanted = _name_keys(query, accents=accents)
            if bare:  # "Quán Thánh" may be a short name, not "Quận" + "Thánh": try both
                wanted |= {_without_type(key, accents=accents) for key in wanted}
            found = [unit for unit in units if wanted & _unit_keys(unit, accents=accents, bare=bare)]
            if found:
                return found
    return []


def _unit_keys(unit: AdministrativeUnit, *, accents: bool, bare: bool) -> set[str]:
    keys = _name_keys(unit.name, accents=accents)
    if not bare:
        return keys
    return {_without_type(key, accents=accents) for key in keys} | _name_keys(unit.short_name, accents=accents)


def unit_legacy_lookup(
    *, province: str, district: str | None = None, ward: str | None = None, on: date = LAST_THREE_LEVEL_DAY
) -> list[LegacyMatch]:
    """Find an old address by its names (accents, case, type words optional) and return the units valid
    today that cover it. ``on`` is the day the names were valid (default 2025-06-30, the last day of
    the three-level structure). 404 when the names match nothing."""
    district, ward = (district or "").strip() or None, (ward or "").strip() or None
    if not "".join(_name_keys(province, accents=False)):
        raise ApplicationError(
            _("Give at least the name of the province."), code="admin_unit_province_required", status=400
        )
    provinces = _match_names(list(unit_list_provinces(on=on)), province)
    old_units = provinces
    if district:
        districts = AdministrativeUnit.objects.filter(
            valid_on(on), level=UnitLevel.DISTRICT, parent__in=provinces
        ).select_related("parent")
        old_units = _match_names(list(districts), district)
    if ward:
        wards = AdministrativeUnit.objects.filter(valid_on(on), level=UnitLevel.COMMUNE).select_related(
            "parent", "parent__parent"
        )
        wards = (
            wards.filter(parent__in=old_units)
            if district
            else wards.filter(Q(parent__in=provinces) | Q(parent__parent__in=provinces))
        )
        old_units = _match_names(list(wards), ward)
    if not old_units:
        raise _not_found()
    return _legacy_matches(old_units, clock.today())


def _legacy_matches(old_units: list[AdministrativeUnit], day: date) -> list[LegacyMatch]:
    own = _current_units([unit.pk for unit in old_units], day)
    matches: list[LegacyMatch] = []
    for unit in old_units:
        successors = own[unit.pk]
        if _is_valid(unit, day):  # names that are still in force
            successors = [UnitMatch(unit, is_partial=False)]
        elif not successors and unit.level == UnitLevel.DISTRICT:
            successors = _district_successors(unit, day)
        matches.append(LegacyMatch(unit=unit, successors=successors))
    return matches


def _district_successors(district: AdministrativeUnit, day: date) -> list[UnitMatch]:
    """Districts were dissolved, not succeeded: their territory is wherever their communes went."""
    commune_ids = list(district.children.values_list("pk", flat=True))
    union: dict[int, UnitMatch] = {}
    for matches in _current_units(commune_ids, day).values():
        for match in matches:
            union.setdefault(match.unit.pk, match)
    whole = len(union) == 1 and not next(iter(union.values())).is_partial
    return sorted((UnitMatch(match.unit, not whole) for match in union.values()), key=lambda match: match.unit.code)
