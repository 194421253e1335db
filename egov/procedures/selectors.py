"""Reads of the procedure catalogue: accent-insensitive search, the public detail, filter choices.

Only active procedures with a current (published) version are public. How matching and ranking work
is the search layer's (:mod:`egov.search`, ADR 0007); codes are looked up in :mod:`egov.procedures.search`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from egov.core import clock
from egov.core.errors import ApplicationError, NotFoundError
from egov.procedures.choices import ChannelKind
from egov.procedures.models import (
    Channel,
    ImplementingLevel,
    LegalBasis,
    Procedure,
    ProcedureField,
    ProcedureVersion,
    RequiredPaper,
)
from egov.procedures.search import Candidate, ParsedQuery, parse_query, rank_plain
from egov.search import facade as search

MAX_LIMIT = 100
SEARCH_COLLECTION = "procedures"  # egov.procedures.services.search_index writes it
FILTERED_CANDIDATES = 2000  # with filters, more of the engine's matches are ordered: the filters drop many
OnlineFilter = Literal["any", "full"]
ONLINE_FILTERS: tuple[str, ...] = ("any", "full")
# Order of implementing levels in filters: the hierarchy, then other agencies.
LEVEL_ORDER = ("ministry", "province", "district", "commune", "other")
# The channel whose processing time a list shows: the desk is the legal reference (ND 61/2018 as
# amended by ND 118/2025: the time limit runs from receipt of a complete dossier, whatever the channel).
CHANNEL_PREFERENCE = (ChannelKind.COUNTER, ChannelKind.ONLINE_FULL, ChannelKind.ONLINE_PARTIAL, ChannelKind.POST)


@dataclass(frozen=True)
class SearchResult:
    count: int
    items: list[Procedure]
    corrected: str | None = None  # the query with its typos corrected ("did you mean"), if it had any


@dataclass(frozen=True)
class FieldSummary:
    code: str
    name: str
    procedure_count: int


def procedures_public() -> QuerySet[Procedure]:
    """Procedures the public may see: active, with a current version."""
    return Procedure.objects.filter(is_active=True, current_version__isnull=False)


def procedure_search(
    *,
    q: str = "",
    field_code: str | None = None,
    level: str | None = None,
    agency: str | None = None,
    online: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchResult:
    """Search the public catalogue, best match first; without words, every procedure in code order.

    ``field_code``: a ProcedureField code; ``level``: an ImplementingLevel code; ``agency``: the code
    of an agency of the province that handles the procedure; ``online``: "any" (partly or fully
    online) or "full" (full online service, ND 42/2022/NĐ-CP Điều 11).
    """
    if not 1 <= limit <= MAX_LIMIT or offset < 0:
        raise ApplicationError(_("The page size must be between 1 and 100."), code="invalid_page")
    if online is not None and online not in ONLINE_FILTERS:
        raise ApplicationError(_("Unknown online filter."), code="invalid_filter")
    procedures = _filtered(field_code=field_code, level=level, agency=agency, online=online)
    query = parse_query(q)
    corrected = None
    if query.is_empty:  # code order, sorted here: database collations differ on punctuation
        ranked = [pk for _code, pk in sorted((code, pk) for pk, code in procedures.values_list("id", "code"))]
    else:
        filtered = any((field_code, level, agency, online))
        ranked, corrected = _ranked_ids(procedures, query, q, filtered=filtered)
    page_ids = ranked[offset : offset + limit]
    by_id = {procedure.id: procedure for procedure in _with_list_relations(Procedure.objects.filter(id__in=page_ids))}
    return SearchResult(
        count=len(ranked), items=[by_id[procedure_id] for procedure_id in page_ids], corrected=corrected
    )


def _filtered(
    *, field_code: str | None, level: str | None, agency: str | None, online: str | None
) -> QuerySet[Procedure]:
    procedures = procedures_public()
    if field_code:
        procedures = procedures.filter(field__code=field_code)
    if level:
        procedures = procedures.filter(current_version__in=ProcedureVersion.objects.filter(levels__code=level))
    if agency:
        procedures = procedures.filter(current_version__in=ProcedureVersion.objects.filter(local_agencies__code=agency))
    if online == "any":
        procedures = procedures.filter(has_online=True)
    elif online == "full":
        procedures = procedures.filter(has_full_online=True)
    return procedures


def _with_list_relations(procedures: QuerySet[Procedure]) -> QuerySet[Procedure]:
    return procedures.select_related("field", "current_version").prefetch_related(
        "current_version__levels", _children("channels", Channel, "kind")
    )


def _children(name: str, model: type[Any], order: str) -> Prefetch[Any]:
    """Rows of the current version, ordered within the version only: the models' default ordering
    ("version", then the version's and the procedure's) would join both tables for every page."""
    return Prefetch(f"current_version__{name}", queryset=model.objects.order_by(order, "id"))


def _ranked_ids(
    procedures: QuerySet[Procedure], query: ParsedQuery, text: str, *, filtered: bool
) -> tuple[list[int], str | None]:
    """Ids best first, and the query with its typos corrected when it had any. A code (or the start
    of one) is looked up as such; words go to the search layer (ADR 0007), whose order the filters keep."""
    if query.code is not None:  # one rare pattern instead of its pieces ("1", "001193")
        condition = Q(code__startswith=query.code) | Q(search_text__contains=query.code)
        ranked = rank_plain(query, _candidates(procedures.filter(condition)))
        if ranked:
            return ranked, None
    outcome = search.search(SEARCH_COLLECTION, text, limit=FILTERED_CANDIDATES if filtered else search.CANDIDATES)
    codes = [hit.key for hit in outcome.hits]
    ids = dict(procedures.filter(code__in=codes).values_list("code", "id"))
    return [ids[code] for code in codes if code in ids], outcome.corrected


def _candidates(procedures: QuerySet[Procedure]) -> list[Candidate]:
    return [Candidate(*row) for row in procedures.values_list("id", "code", "name_folded", "search_text")]


def procedure_get_public(code: str) -> Procedure:
    """A public procedure by national code with everything its page shows; 404 otherwise."""
    procedure = (
        procedures_public()
        .filter(code=code.strip())
        .select_related("field", "current_version", "current_version__field")
        .prefetch_related(
            "current_version__levels",
            _children("channels", Channel, "kind"),
            _children("papers", RequiredPaper, "order"),
            _children("legal_bases", LegalBasis, "order"),
            "current_version__local_agencies",
        )
        .first()
    )
    if procedure is None:
        raise NotFoundError(_("Procedure not found."), code="procedure_not_found")
    return procedure


def procedure_field_list() -> list[FieldSummary]:
    """Fields with at least one public procedure, alphabetical (accents ignored), with counts."""
    public = Q(procedures__is_active=True, procedures__current_version__isnull=False)
    rows = ProcedureField.objects.annotate(procedure_count=Count("procedures", filter=public)).filter(
        procedure_count__gt=0
    )
    ordered = sorted(rows, key=lambda row: (row.name_folded, row.code))
    return [FieldSummary(code=row.code, name=row.name, procedure_count=row.procedure_count) for row in ordered]


def implementing_level_list(*, on: date | None = None) -> list[ImplementingLevel]:
    """Implementing levels in force on ``on`` (default today): no district level after 30/6/2025
    (Luật Tổ chức chính quyền địa phương 72/2025/QH15)."""
    day = on or clock.today()
    levels = ImplementingLevel.objects.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )
    return sorted(levels, key=_level_position)


def levels_of(version: ProcedureVersion) -> list[ImplementingLevel]:
    """A version's implementing levels in hierarchical order (ministry, province, commune, other)."""
    return sorted(version.levels.all(), key=_level_position)


def _level_position(level: ImplementingLevel) -> tuple[int, str]:
    return (LEVEL_ORDER.index(level.code) if level.code in LEVEL_ORDER else len(LEVEL_ORDER), level.code)


def current_version_of(procedure: Procedure) -> ProcedureVersion:
    """The version a public procedure shows (``procedures_public`` only returns ones that have one)."""
    version = procedure.current_version
    if version is None:
        raise NotFoundError(_("Procedure not found."), code="procedure_not_found")
    return version


def primary_channel(channels: list[Channel]) -> Channel | None:
    """The channel whose processing time a list shows: the first with a time, desk first."""
    timed = [channel for channel in channels if channel.processing_time is not None]
    for kind in CHANNEL_PREFERENCE:
        for channel in timed:
            if channel.kind == kind:
                return channel
    return timed[0] if timed else (channels[0] if channels else None)


def online_level(procedure: Procedure) -> Literal["full", "partial", "none"]:
    if procedure.has_full_online:
        return "full"
    return "partial" if procedure.has_online else "none"
