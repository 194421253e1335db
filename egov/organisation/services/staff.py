"""Staff members: accounts with posts in agencies, their departments, positions and roles.

Two rules protect the directory (write the break-in test for each):
* an administrator manages only the staff of agencies where they hold ``manage_staff``;
* nobody grants or removes a role they do not hold in that agency, except a province
  administrator (``access.grantable_roles``), so no one can raise their own or anyone's privileges.
"""

import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from egov.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from egov.core.services.audit import audit_record
from egov.identity.models import User, UserKind
from egov.identity.roles import Role
from egov.organisation import access
from egov.organisation.access import MANAGE_STAFF
from egov.organisation.models import Agency, Department, Position, StaffMember, StaffRoleAssignment
from egov.organisation.services._common import (
    apply_changes,
    conflict,
    reject_unknown_fields,
    require,
    validate_instance,
)

STAFF_ACCOUNT_FIELDS = frozenset({"full_name", "email", "phone"})
STAFF_POST_FIELDS = frozenset({"position_id"})
# Holders of these roles may open the Django admin (scoped to their agencies by admin.py).
ADMIN_SITE_ROLES = frozenset({Role.AGENCY_ADMIN, Role.PROVINCE_ADMIN, Role.AUDITOR})

# Usernames follow the provinces' convention "<agency prefix>_<name>", e.g. stp_nguyenvanan.
_USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]{2,149}$")


@transaction.atomic
def staff_create(
    *,
    acting_user: Any,
    agency_id: int,
    username: str,
    full_name: str,
    email: str = "",
    phone: str = "",
    password: str | None = None,
    department_id: int | None = None,
    position_id: int | None = None,
    roles: Iterable[str] = (),
) -> StaffMember:
    """Create a staff account and its post. Without a password the account cannot log in until
    a password is set (e.g. by the reset flow)."""
    agency = _get_agency(agency_id)
    require(acting_user, MANAGE_STAFF, agency.pk)
    _ensure_active(agency)
    role_set = _parse_roles(roles)
    _check_grantable(acting_user, agency.pk, role_set)
    username = _validate_username(username)
    if User.objects.filter(username__iexact=username).exists():
        raise conflict(_("This username is already taken."), "username_taken", username=username)
    user = User(
        username=username, kind=UserKind.STAFF, full_name=full_name.strip(), email=email.strip(), phone=phone.strip()
    )
    if password:
        _check_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    validate_instance(user, exclude=["password"])
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:
        raise conflict(_("This username is already taken."), "username_taken", username=username) from exc
    staff = _post_create(agency=agency, user=user, department_id=department_id, position_id=position_id, roles=role_set)
    audit_record(
        actor=acting_user,
        action="organisation.staff_create",
        obj=staff,
        agency_id=agency.pk,
        changes={
            "username": user.username,
            "full_name": user.full_name,
            "department_id": staff.department_id,
            "position_id": staff.position_id,
            "roles": sorted(role_set),
            "admin_site_access": user.is_staff,
        },
    )
    return staff


@transaction.atomic
def staff_post_add(
    *,
    acting_user: Any,
    user_id: int,
    agency_id: int,
    department_id: int | None = None,
    position_id: int | None = None,
    roles: Iterable[str] = (),
) -> StaffMember:
    """Give an existing staff account a post in another agency (kiêm nhiệm)."""
    agency = _get_agency(agency_id)
    require(acting_user, MANAGE_STAFF, agency.pk)
    _ensure_active(agency)
    role_set = _parse_roles(roles)
    _check_grantable(acting_user, agency.pk, role_set)
    user = User.objects.select_for_update().filter(pk=user_id, kind=UserKind.STAFF, is_active=True).first()
    if user is None:
        raise ApplicationError(
            _("No active staff account with this id."), code="user_not_staff", fields={"user_id": user_id}
        )
    if StaffMember.objects.filter(user=user, agency=agency).exists():
        raise conflict(_("This person already has a post in this agency."), "staff_post_exists")
    staff = _post_create(agency=agency, user=user, department_id=department_id, position_id=position_id, roles=role_set)
    audit_record(
        actor=acting_user,
        action="organisation.staff_post_add",
        obj=staff,
        agency_id=agency.pk,
        changes={
            "user_id": user.pk,
            "department_id": department_id,
            "position_id": position_id,
            "roles": sorted(role_set),
        },
    )
    return staff


@transaction.atomic
def staff_update(*, acting_user: Any, staff_id: int, data: Mapping[str, Any]) -> StaffMember:
    """Change the person's name and contacts, or the post's position."""
    reject_unknown_fields(data, STAFF_ACCOUNT_FIELDS | STAFF_POST_FIELDS)
    staff = _lock_staff(staff_id)
    require(acting_user, MANAGE_STAFF, staff.agency_id)
    user = staff.user
    account = {name: (data[name] or "").strip() for name in STAFF_ACCOUNT_FIELDS & set(data)}
    changes = apply_changes(user, account)
    if changes:
        _ensure_can_manage_account(acting_user, user)
        validate_instance(user, exclude=["password"])
        user.save(update_fields=list(changes))
    if "position_id" in data:
        position_id = data["position_id"]
        if position_id is not None and not Position.objects.filter(pk=position_id).exists():
            raise ApplicationError(
                _("The position does not exist."), code="position_not_found", fields={"position_id": position_id}
            )
        changes |= apply_changes(staff, {"position_id": position_id})
    if not changes:
        return staff
    staff.save(update_fields=["position", "updated_at"])
    audit_record(
        actor=acting_user, action="organisation.staff_update", obj=staff, agency_id=staff.agency_id, changes=changes
    )
    return staff


@transaction.atomic
def staff_move_department(*, acting_user: Any, staff_id: int, department_id: int | None) -> StaffMember:
    staff = _lock_staff(staff_id)
    require(acting_user, MANAGE_STAFF, staff.agency_id)
    _check_department(staff.agency_id, department_id)
    changes = apply_changes(staff, {"department_id": department_id})
    if not changes:
        return staff
    staff.save(update_fields=["department", "updated_at"])
    audit_record(
        actor=acting_user, action="organisation.staff_move", obj=staff, agency_id=staff.agency_id, changes=changes
    )
    return staff


@transaction.atomic
def staff_roles_change(
    *, acting_user: Any, staff_id: int, add: Iterable[str] = (), remove: Iterable[str] = ()
) -> frozenset[Role]:
    """Grant ``add`` and withdraw ``remove`` on one post; returns the post's roles afterwards."""
    staff = _lock_staff(staff_id)
    require(acting_user, MANAGE_STAFF, staff.agency_id)
    to_add, to_remove = _parse_roles(add), _parse_roles(remove)
    if to_add & to_remove:
        raise ApplicationError(_("A role cannot be both granted and withdrawn."), code="role_add_remove_overlap")
    _check_grantable(acting_user, staff.agency_id, to_add | to_remove)
    if to_add and not staff.is_active:
        raise conflict(_("The post is inactive; reactivate it first."), "staff_inactive")
    current = _post_roles(staff)
    added, removed = to_add - current, to_remove & current
    if not added and not removed:
        return current
    StaffRoleAssignment.objects.bulk_create(
        StaffRoleAssignment(staff_member=staff, role=role) for role in sorted(added)
    )
    StaffRoleAssignment.objects.filter(staff_member=staff, role__in=removed).delete()
    changes: dict[str, Any] = {"added": sorted(added), "removed": sorted(removed)}
    changes |= _sync_admin_site_access(staff.user)
    _forget(staff.user, acting_user)
    audit_record(
        actor=acting_user,
        action="organisation.staff_roles_change",
        obj=staff,
        agency_id=staff.agency_id,
        changes=changes,
    )
    return (current | added) - removed


def staff_role_assign(*, acting_user: Any, staff_id: int, role: str) -> frozenset[Role]:
    return staff_roles_change(acting_user=acting_user, staff_id=staff_id, add=[role])


def staff_role_remove(*, acting_user: Any, staff_id: int, role: str) -> frozenset[Role]:
    return staff_roles_change(acting_user=acting_user, staff_id=staff_id, remove=[role])


@transaction.atomic
def staff_set_active(*, acting_user: Any, staff_id: int, is_active: bool) -> StaffMember:
    """End or restore a post. Ending it removes the powers of its roles, so the same escalation
    rule applies; an account left without any active post is disabled."""
    staff = _lock_staff(staff_id)
    require(acting_user, MANAGE_STAFF, staff.agency_id)
    _check_grantable(acting_user, staff.agency_id, _post_roles(staff))
    if staff.is_active == is_active:
        message = _("The post is already active.") if is_active else _("The post is already inactive.")
        raise conflict(message, "staff_active" if is_active else "staff_inactive")
    user = staff.user
    if not is_active and acting_user is not None and acting_user.pk == user.pk:
        raise conflict(_("You cannot end your own post."), "cannot_deactivate_self")
    if is_active:
        _ensure_active(staff.agency)
        _check_department(staff.agency_id, staff.department_id)
    staff.is_active = is_active
    staff.save(update_fields=["is_active", "updated_at"])
    changes: dict[str, Any] = {"is_active": [not is_active, is_active]}
    other_posts = StaffMember.objects.filter(user=user, is_active=True).exclude(pk=staff.pk).exists()
    account_active = is_active or other_posts or user.is_superuser or user.kind != UserKind.STAFF
    if user.is_active != account_active:
        changes["account_active"] = [user.is_active, account_active]
        user.is_active = account_active
        user.save(update_fields=["is_active"])
    changes |= _sync_admin_site_access(user)
    _forget(user, acting_user)
    audit_record(
        actor=acting_user,
        action="organisation.staff_activate" if is_active else "organisation.staff_deactivate",
        obj=staff,
        agency_id=staff.agency_id,
        changes=changes,
    )
    return staff


def _post_create(
    *, agency: Agency, user: User, department_id: int | None, position_id: int | None, roles: frozenset[Role]
) -> StaffMember:
    _check_department(agency.pk, department_id)
    if position_id is not None and not Position.objects.filter(pk=position_id).exists():
        raise ApplicationError(
            _("The position does not exist."), code="position_not_found", fields={"position_id": position_id}
        )
    staff = StaffMember(user=user, agency=agency, department_id=department_id, position_id=position_id)
    validate_instance(staff, exclude=["user", "agency"])
    staff.save()
    StaffRoleAssignment.objects.bulk_create(
        StaffRoleAssignment(staff_member=staff, role=role) for role in sorted(roles)
    )
    _sync_admin_site_access(user)
    _forget(user, None)
    return staff


def _ensure_can_manage_account(acting_user: Any, user: User) -> None:
    """Account data (name, e-mail used for password reset) is shared by all the person's posts: only
    someone who manages every post, and could grant every role on it, may change it."""
    if acting_user is None or acting_user.is_superuser:
        return
    denied = PermissionDeniedError(
        _(
            "This person holds posts or roles beyond those you administer, so only a province "
            "administrator may change their account."
        ),
        code="account_outside_scope",
    )
    if user.is_superuser:
        raise denied
    for post in StaffMember.objects.filter(user=user, is_active=True):
        roles = _post_roles(post)
        if not access.has_permission(acting_user, MANAGE_STAFF, post.agency_id):
            raise denied
        if roles - access.grantable_roles(acting_user, post.agency_id):
            raise denied


def _sync_admin_site_access(user: User) -> dict[str, Any]:
    """Django admin access (``is_staff``) follows the administrative roles of active posts."""
    if user.kind != UserKind.STAFF or user.is_superuser:
        return {}
    should = StaffRoleAssignment.objects.filter(
        staff_member__user=user, staff_member__is_active=True, role__in=ADMIN_SITE_ROLES
    ).exists()
    if user.is_staff == should:
        return {}
    old, user.is_staff = user.is_staff, should
    user.save(update_fields=["is_staff"])
    return {"admin_site_access": [old, should]}


def _forget(user: Any, acting_user: Any) -> None:
    access.clear_access_cache(user)
    if acting_user is not None and acting_user.pk == user.pk:
        access.clear_access_cache(acting_user)


def _post_roles(staff: StaffMember) -> frozenset[Role]:
    return frozenset(Role(role) for role in staff.role_assignments.values_list("role", flat=True))


def _parse_roles(roles: Iterable[str]) -> frozenset[Role]:
    parsed: set[Role] = set()
    for value in roles:
        if value not in Role.values or value == Role.CITIZEN:
            raise ApplicationError(_("Unknown staff role."), code="invalid_role", fields={"role": value})
        parsed.add(Role(value))
    return frozenset(parsed)


def _check_grantable(acting_user: Any, agency_id: int, roles: frozenset[Role]) -> None:
    if acting_user is None or not roles:
        return
    refused = roles - access.grantable_roles(acting_user, agency_id)
    if refused:
        raise PermissionDeniedError(
            format_lazy(
                _("You cannot grant or withdraw roles you do not hold in this agency: {roles}"),
                roles=", ".join(sorted(refused)),
            ),
            code="role_not_grantable",
        )


def _validate_username(username: str) -> str:
    normalised = username.strip().lower()
    if not _USERNAME_RE.match(normalised):
        raise ApplicationError(
            _("A username has 3 to 150 lower-case letters, digits, dots, dashes or underscores, e.g. stp_nguyenvanan."),
            code="invalid_username",
            fields={"username": username},
        )
    return normalised


def _check_password(password: str, user: User) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ApplicationError(
            _("The password is not strong enough."), code="weak_password", fields={"password": exc.messages}
        ) from exc


def _get_agency(agency_id: int) -> Agency:
    agency = Agency.objects.filter(pk=agency_id).first()
    if agency is None:
        raise NotFoundError(_("Agency not found."))
    return agency


def _ensure_active(agency: Agency) -> None:
    if not agency.is_active:
        raise conflict(_("The agency is inactive."), "agency_inactive")


def _check_department(agency_id: int, department_id: int | None) -> None:
    if department_id is None:
        return
    department = Department.objects.filter(pk=department_id).first()
    if department is None or department.agency_id != agency_id:
        raise ApplicationError(
            _("The department does not belong to this agency."),
            code="department_not_in_agency",
            fields={"department_id": department_id},
        )
    if not department.is_active:
        raise conflict(_("The department is inactive."), "department_inactive")


def _lock_staff(staff_id: int) -> StaffMember:
    staff = StaffMember.objects.select_for_update().select_related("user").filter(pk=staff_id).first()
    if staff is None:
        raise NotFoundError(_("Staff member not found."))
    return staff
