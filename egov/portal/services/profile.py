"""The citizen's saved profile and household members: each change in one transaction, audited on
the citizen's account (only what changed is named, never the values: they are personal data)."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from egov.core import clock
from egov.core.errors import ApplicationError
from egov.core.services.audit import audit_record
from egov.identity.validators import normalize_citizen_id, validate_citizen_id
from egov.portal.models import CitizenProfile, HouseholdMember
from egov.portal.selectors_profile import household_list, household_member_get
from egov.portal.services.applications import ensure_citizen

MAX_MEMBERS = 30
PROFILE_FIELDS = ("birth_date", "gender", "ethnicity", "nationality", "residence")
MEMBER_FIELDS = ("full_name", "relationship", "birth_date", "gender", "id_number", "ethnicity", "nationality")


@dataclass(frozen=True)
class MemberData:
    full_name: str
    relationship: str
    birth_date: date
    gender: str = ""
    id_number: str = ""
    ethnicity: str = ""
    nationality: str = ""


def _check_birth_date(value: date | None, field: str = "birth_date") -> None:
    if value is not None and value > clock.today():
        message = _("A date of birth cannot be in the future.")
        raise ApplicationError(message, code="birth_date_future", fields={field: [message]})


def _full_clean(instance: Any) -> None:
    try:
        instance.full_clean(exclude=["citizen"])
    except ValidationError as error:
        raise ApplicationError(
            _("Please correct the errors below."),
            code="profile_invalid",
            fields={key: [str(message) for message in messages] for key, messages in error.message_dict.items()},
        ) from error


@transaction.atomic
def profile_save(*, citizen: Any, **values: Any) -> CitizenProfile:
    """Save the profile's own facts (``PROFILE_FIELDS``); the account's name, ID number, phone and
    e-mail are not changed here."""
    ensure_citizen(citizen)
    unknown = set(values) - set(PROFILE_FIELDS)
    if unknown:
        raise ApplicationError(_("Unknown profile field."), code="profile_unknown_field")
    _check_birth_date(values.get("birth_date"))
    profile, _created = CitizenProfile.objects.select_for_update().get_or_create(citizen=citizen)
    changed = [name for name in PROFILE_FIELDS if name in values and getattr(profile, name) != values[name]]
    for name in changed:
        setattr(profile, name, values[name].strip() if isinstance(values[name], str) else values[name])
    _full_clean(profile)
    profile.save()
    if changed:
        audit_record(actor=citizen, action="portal.profile_update", obj=citizen, changes={"fields": changed})
    return profile


def _clean_member(data: MemberData) -> MemberData:
    _check_birth_date(data.birth_date)
    number = normalize_citizen_id(data.id_number)
    if number:
        try:
            validate_citizen_id(number)
        except ValidationError as error:
            raise ApplicationError(
                _("Please correct the errors below."),
                code="profile_invalid",
                fields={"id_number": [str(message) for message in error.messages]},
            ) from error
    full_name = " ".join(data.full_name.split())
    return MemberData(
        full_name=full_name,
        relationship=data.relationship,
        birth_date=data.birth_date,
        gender=data.gender,
        id_number=number,
        ethnicity=data.ethnicity.strip(),
        nationality=data.nationality.strip(),
    )


@transaction.atomic
def household_member_add(*, citizen: Any, data: MemberData) -> HouseholdMember:
    ensure_citizen(citizen)
    limit = int(getattr(settings, "PORTAL_HOUSEHOLD_MAX_MEMBERS", MAX_MEMBERS))
    if household_list(citizen=citizen).count() >= limit:
        raise ApplicationError(
            _("You can save at most %(n)s household members.") % {"n": limit},
            code="household_too_many",
            status=409,
        )
    clean = _clean_member(data)
    member = HouseholdMember(citizen=citizen, **{name: getattr(clean, name) for name in MEMBER_FIELDS})
    _full_clean(member)
    member.save()
    audit_record(
        actor=citizen,
        action="portal.household_member_add",
        obj=citizen,
        changes={"member": member.pk, "relationship": member.relationship},
    )
    return member


@transaction.atomic
def household_member_update(*, citizen: Any, member_id: int, data: MemberData) -> HouseholdMember:
    ensure_citizen(citizen)
    member = household_member_get(citizen=citizen, member_id=member_id)
    member = HouseholdMember.objects.select_for_update().get(pk=member.pk)
    clean = _clean_member(data)
    changed = [name for name in MEMBER_FIELDS if getattr(member, name) != getattr(clean, name)]
    for name in changed:
        setattr(member, name, getattr(clean, name))
    _full_clean(member)
    member.save()
    if changed:
        audit_record(
            actor=citizen,
            action="portal.household_member_update",
            obj=citizen,
            changes={"member": member.pk, "fields": changed},
        )
    return member


@transaction.atomic
def household_member_remove(*, citizen: Any, member_id: int) -> str:
    """Delete a member; returns their name for the confirmation message."""
    ensure_citizen(citizen)
    member = household_member_get(citizen=citizen, member_id=member_id)
    name = member.full_name
    audit_record(
        actor=citizen,
        action="portal.household_member_remove",
        obj=citizen,
        changes={"member": member.pk, "relationship": member.relationship},
    )
    member.delete()
    return name
