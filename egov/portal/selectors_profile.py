"""Reads of the citizen's saved profile and household, and the people an e-form section can be
filled from. Always the citizen's own: another account's member is "not found"."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from egov.core.errors import NotFoundError
from egov.portal.models import CitizenProfile, HouseholdMember, Relationship
from egov.procedures.eforms.prefill import PersonFacts, is_person_section
from egov.procedures.eforms.spec import JSONDict

SELF = "self"
MEMBER_PREFIX = "member-"


@dataclass(frozen=True)
class PrefillChoice:
    key: str  # "self" or "member-<id>"
    label: str


def profile_get(*, citizen: Any) -> CitizenProfile:
    """The citizen's saved profile (an unsaved empty one until they save it)."""
    return CitizenProfile.objects.filter(citizen=citizen).first() or CitizenProfile(citizen=citizen)


def household_list(*, citizen: Any) -> QuerySet[HouseholdMember]:
    return HouseholdMember.objects.filter(citizen=citizen)


def household_member_get(*, citizen: Any, member_id: int) -> HouseholdMember:
    member = household_list(citizen=citizen).filter(pk=member_id).first()
    if member is None:
        raise NotFoundError(_("No member of your household has this number."), code="household_member_not_found")
    return member


def prefill_choices(*, citizen: Any) -> list[PrefillChoice]:
    """ "Me" first, then each household member with how they are related."""
    labels = dict(Relationship.choices)
    me = str(_("Me: %(name)s") % {"name": citizen.get_full_name()})
    return [PrefillChoice(SELF, me)] + [
        PrefillChoice(f"{MEMBER_PREFIX}{member.pk}", f"{member.full_name} ({labels.get(member.relationship, '')})")
        for member in household_list(citizen=citizen)
    ]


def prefill_person(*, citizen: Any, key: str) -> PersonFacts:
    """What is known of the person ``key`` names (``prefill_choices``). A member's residence is the
    household's, the one saved in the citizen's profile."""
    profile = profile_get(citizen=citizen)
    if key == SELF:
        return PersonFacts(
            full_name=citizen.get_full_name(),
            citizen_id=citizen.citizen_id or "",
            birth_date=profile.birth_date,
            gender=profile.gender,
            ethnicity=profile.ethnicity,
            nationality=profile.nationality,
            residence=profile.residence,
            phone=citizen.phone or "",
            email=citizen.email or "",
        )
    raw = key.removeprefix(MEMBER_PREFIX)
    if not key.startswith(MEMBER_PREFIX) or not raw.isdigit():
        raise NotFoundError(_("Choose yourself or a member of your household."), code="prefill_person_unknown")
    member = household_member_get(citizen=citizen, member_id=int(raw))
    return PersonFacts(
        full_name=member.full_name,
        citizen_id=member.id_number,
        birth_date=member.birth_date,
        gender=member.gender,
        ethnicity=member.ethnicity,
        nationality=member.nationality,
        residence=profile.residence,
    )


def prefill_offer(*, citizen: Any, schema: JSONDict | None, section: str) -> list[PrefillChoice]:
    """The people an e-form part can be filled from: none when the part is not about a person."""
    if not schema or not is_person_section(schema, section):
        return []
    return prefill_choices(citizen=citizen)
