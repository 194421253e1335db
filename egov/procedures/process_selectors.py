"""Reads of process templates: which internal process applies to a dossier.

The most specific template wins: one of the receiving agency (for the dossier's channel, then for
every channel), then one of its parent agencies in the same administrative unit (a commune's
one-stop centre belongs to the commune People's Committee), then the template of the implementing
level (the level of the agency's administrative unit, or the one asked for).
"""

from datetime import date

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from egov.organisation.models import Agency
from egov.procedures.process_models import ProcessTemplate

_MAX_PARENT_DEPTH = 5


def process_template_list(*, procedure_id: int) -> QuerySet[ProcessTemplate]:
    """Every template of a procedure (active or not) by scope, oldest first, with its steps."""
    return (
        ProcessTemplate.objects.filter(procedure_id=procedure_id)
        .select_related("level", "agency")
        .prefetch_related("steps__agency", "steps__department", "steps__hand_off_agency")
        .order_by(
            F("agency_id").asc(nulls_first=True),
            F("level_id").asc(nulls_first=True),
            "channel",
            F("valid_from").asc(nulls_first=True),
            "pk",
        )
    )


def process_template_get_applicable(
    *,
    procedure_id: int,
    agency_id: int | None = None,
    level_code: str | None = None,
    channel: str = "",
    on: date | None = None,
) -> ProcessTemplate | None:
    """The active template in force on ``on`` (default today) for a dossier of ``procedure_id``
    received by ``agency_id`` through ``channel``; None if the procedure has no applicable one."""
    day = on or timezone.localdate()
    templates = list(
        ProcessTemplate.objects.filter(procedure_id=procedure_id, is_active=True)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .select_related("level", "agency")
        .prefetch_related("steps__agency", "steps__department", "steps__hand_off_agency")
    )
    if not templates:
        return None
    agency_chain, unit_level = _agency_chain(agency_id)
    for candidate in agency_chain:
        found = _pick([t for t in templates if t.agency_id == candidate], channel)
        if found is not None:
            return found
    level = level_code or unit_level
    if level is None:
        return None
    return _pick(
        [t for t in templates if t.agency_id is None and t.level is not None and t.level.code == level], channel
    )


def _pick(templates: list[ProcessTemplate], channel: str) -> ProcessTemplate | None:
    """A template for the dossier's own channel beats one for every channel."""
    for wanted in [channel, ""] if channel else [""]:
        for template in templates:
            if template.channel == wanted:
                return template
    return None


def _agency_chain(agency_id: int | None) -> tuple[list[int], str | None]:
    """The agency and its parents in the same administrative unit; the level of that unit."""
    if agency_id is None:
        return [], None
    agency = Agency.objects.select_related("administrative_unit").filter(pk=agency_id).first()
    if agency is None:
        return [], None
    chain = [agency.pk]
    unit_id = agency.administrative_unit_id
    parent_id = agency.parent_id
    while parent_id is not None and len(chain) < _MAX_PARENT_DEPTH:
        parent = Agency.objects.filter(pk=parent_id).values("pk", "parent_id", "administrative_unit_id").first()
        if parent is None or parent["administrative_unit_id"] != unit_id:
            break
        chain.append(parent["pk"])
        parent_id = parent["parent_id"]
    return chain, agency.administrative_unit.level
