"""Roles and what each may do: the one table of role → permissions.

A staff member holds roles per agency (``organisation.StaffRoleAssignment``); a citizen account
has the citizen role implicitly. Permissions are plain strings ``"<app>.<verb>"``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DESK_OFFICER = "desk_officer", _("One-stop desk officer")
    SPECIALIST = "specialist", _("Specialist")
    LEADER = "leader", _("Leader")
    CLERK = "clerk", _("Clerk (records officer)")
    AGENCY_ADMIN = "agency_admin", _("Agency administrator")
    PROVINCE_ADMIN = "province_admin", _("Province administrator")
    AUDITOR = "auditor", _("Auditor")
    CITIZEN = "citizen", _("Citizen")


# Roles whose holders oversee every agency of the province, not only their own.
PROVINCE_WIDE_ROLES: frozenset[Role] = frozenset({Role.PROVINCE_ADMIN, Role.AUDITOR})

ROLE_PERMISSIONS: dict[Role, frozenset[str]] = {
    Role.DESK_OFFICER: frozenset(
        {"organisation.view_agency", "organisation.view_staff", "dossiers.view", "dossiers.receive", "dossiers.process"}
    ),
    Role.SPECIALIST: frozenset(
        {"organisation.view_agency", "organisation.view_staff", "dossiers.view", "dossiers.process"}
    ),
    Role.LEADER: frozenset(
        {
            "organisation.view_agency",
            "organisation.view_staff",
            "dossiers.view",
            "dossiers.process",
            "dossiers.assign",
            "dossiers.view_statistics",
        }
    ),
    # ND 30/2020 Điều 32 k2: the clerk (văn thư) keeps the agency's key device and seals.
    Role.CLERK: frozenset(
        {"organisation.view_agency", "organisation.view_staff", "dossiers.view", "dossiers.process", "signing.seal"}
    ),
    Role.AGENCY_ADMIN: frozenset(
        {
            "organisation.view_agency",
            "organisation.change_agency",
            "organisation.view_staff",
            "organisation.manage_staff",
            "organisation.manage_departments",
            "signing.manage_certificates",
        }
    ),
    Role.PROVINCE_ADMIN: frozenset(
        {
            "organisation.view_agency",
            "organisation.add_agency",
            "organisation.change_agency",
            "organisation.view_staff",
            "organisation.manage_staff",
            "organisation.manage_departments",
            "workflow.manage_calendar",
            "core.view_audit",
            "dossiers.view",
            "dossiers.view_statistics",
            "dossiers.manage_rules",
            "signing.manage_certificates",
            "signing.manage_trust",
        }
    ),
    Role.AUDITOR: frozenset(
        {
            "organisation.view_agency",
            "organisation.view_staff",
            "core.view_audit",
            "dossiers.view",
            "dossiers.view_statistics",
        }
    ),
    Role.CITIZEN: frozenset(),
}


def role_permissions(roles: set[Role] | frozenset[Role]) -> frozenset[str]:
    perms: set[str] = set()
    for role in roles:
        perms |= ROLE_PERMISSIONS[role]
    return frozenset(perms)
