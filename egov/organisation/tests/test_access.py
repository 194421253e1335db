import pytest
from django.contrib.auth.models import AnonymousUser

from egov.core.errors import NotFoundError, PermissionDeniedError
from egov.identity.roles import Role
from egov.organisation.access import (
    CHANGE_AGENCY,
    MANAGE_STAFF,
    VIEW_AGENCY,
    VIEW_STAFF,
    access_agency_object,
    clear_access_cache,
    grantable_roles,
    has_permission,
    has_province_permission,
    user_roles,
    visible_agency_ids,
)
from egov.organisation.models import Agency, Department, StaffMember, StaffRoleAssignment
from egov.organisation.querysets import ALL
from egov.organisation.tests.factories import make_citizen, make_department, make_staff, make_user


def test_user_roles_are_those_of_the_post_in_that_agency(org, specialist_a):
    # given a specialist of department A
    # when / then
    assert user_roles(specialist_a, org.dept_a.pk) == frozenset({Role.SPECIALIST})
    assert user_roles(specialist_a, org.dept_b.pk) == frozenset()


def test_province_wide_roles_apply_in_every_agency(org, auditor):
    assert user_roles(auditor, org.dept_b.pk) == frozenset({Role.AUDITOR})
    assert visible_agency_ids(auditor, VIEW_STAFF) is ALL
    assert has_permission(auditor, CHANGE_AGENCY, org.dept_b.pk) is False


def test_officer_sees_only_own_agency(org, specialist_a):
    assert visible_agency_ids(specialist_a, VIEW_AGENCY) == frozenset({org.dept_a.pk})
    assert visible_agency_ids(specialist_a, CHANGE_AGENCY) == frozenset()


def test_leader_oversees_descendants_for_reading_only(org, pc_leader):
    # given the leader of the provincial PC
    everything = {org.pc.pk, org.dept_a.pk, org.sub_a.pk, org.dept_b.pk, org.commune.pk}
    # then they read every agency below, but change nothing there
    assert visible_agency_ids(pc_leader, VIEW_AGENCY) == frozenset(everything)
    assert visible_agency_ids(pc_leader, VIEW_STAFF) == frozenset(everything)
    assert has_permission(pc_leader, MANAGE_STAFF, org.dept_a.pk) is False


def test_agency_admin_oversees_sub_agencies_but_manages_only_own(org, admin_a):
    assert visible_agency_ids(admin_a, VIEW_STAFF) == frozenset({org.dept_a.pk, org.sub_a.pk})
    assert visible_agency_ids(admin_a, MANAGE_STAFF) == frozenset({org.dept_a.pk})


def test_specialist_does_not_oversee_sub_agencies(org, specialist_a):
    assert has_permission(specialist_a, VIEW_AGENCY, org.sub_a.pk) is False


def test_inactive_post_or_agency_grants_nothing(org):
    # given two officers, one whose post ended and one whose agency was dissolved
    ended = make_staff(org.dept_a, Role.AGENCY_ADMIN)
    StaffMember.objects.filter(user=ended).update(is_active=False)
    dissolved = make_staff(org.dept_b, Role.AGENCY_ADMIN)
    Agency.objects.filter(pk=org.dept_b.pk).update(is_active=False)
    # then
    assert visible_agency_ids(ended, VIEW_AGENCY) == frozenset()
    assert visible_agency_ids(dissolved, VIEW_AGENCY) == frozenset()


def test_superuser_sees_all(org):
    superuser = make_user(is_superuser=True)
    assert visible_agency_ids(superuser, MANAGE_STAFF) is ALL
    assert has_province_permission(superuser, "organisation.add_agency") is True


@pytest.mark.django_db
def test_anonymous_and_inactive_users_have_no_access(org):
    inactive = make_staff(org.dept_a, Role.AGENCY_ADMIN, is_active=False)
    for user in (AnonymousUser(), inactive, None):
        assert visible_agency_ids(user, VIEW_AGENCY) == frozenset()
        assert has_permission(user, VIEW_AGENCY) is False
        assert user_roles(user, org.dept_a.pk) == frozenset()


def test_citizen_sees_no_agency(org):
    citizen = make_citizen()
    assert user_roles(citizen, org.dept_a.pk) == frozenset({Role.CITIZEN})
    assert visible_agency_ids(citizen, VIEW_AGENCY) == frozenset()
    assert has_permission(citizen, VIEW_STAFF) is False


def test_has_permission_without_agency_means_somewhere(org, admin_a, specialist_a):
    assert has_permission(admin_a, MANAGE_STAFF) is True
    assert has_permission(specialist_a, MANAGE_STAFF) is False


def test_roles_are_memoised_on_the_user(org, admin_a, django_assert_num_queries):
    # given roles computed once
    visible_agency_ids(admin_a, VIEW_AGENCY)
    # when asked again for the same and another permission on the same object
    with django_assert_num_queries(0):
        assert has_permission(admin_a, VIEW_AGENCY, org.dept_a.pk) is True
        assert has_permission(admin_a, MANAGE_STAFF, org.dept_a.pk) is True
    # and a role change is seen after clearing the cache
    StaffRoleAssignment.objects.filter(staff_member__user=admin_a).delete()
    assert has_permission(admin_a, MANAGE_STAFF, org.dept_a.pk) is True
    clear_access_cache(admin_a)
    assert has_permission(admin_a, MANAGE_STAFF, org.dept_a.pk) is False


def test_grantable_roles_are_the_roles_held_there_unless_province_admin(org, admin_a, province_admin):
    make_staff(org.dept_a, Role.SPECIALIST, Role.AGENCY_ADMIN, username="stp_hai_vai")
    two_roles = StaffMember.objects.get(user__username="stp_hai_vai").user
    assert grantable_roles(admin_a, org.dept_a.pk) == frozenset({Role.AGENCY_ADMIN})
    assert grantable_roles(two_roles, org.dept_a.pk) == frozenset({Role.AGENCY_ADMIN, Role.SPECIALIST})
    assert grantable_roles(admin_a, org.dept_b.pk) == frozenset()
    assert grantable_roles(province_admin, org.dept_b.pk) == frozenset(Role) - {Role.CITIZEN}


def test_visible_to_filters_agency_scoped_querysets(org, admin_a, pc_leader, specialist_a):
    dept_in_a = make_department(agency=org.dept_a)
    dept_in_sub = make_department(agency=org.sub_a)
    dept_in_b = make_department(agency=org.dept_b)
    assert set(Department.objects.visible_to(specialist_a)) == {dept_in_a}
    assert set(Department.objects.visible_to(admin_a)) == {dept_in_a, dept_in_sub}
    assert set(Department.objects.visible_to(pc_leader)) == {dept_in_a, dept_in_sub, dept_in_b}
    assert set(Agency.objects.visible_to(specialist_a).values_list("code", flat=True)) == {"H44.02"}
    assert list(Department.objects.visible_to(AnonymousUser())) == []


def test_access_agency_object_returns_visible_object(org, admin_a):
    assert access_agency_object(admin_a, Agency, org.dept_a.pk, CHANGE_AGENCY) == org.dept_a


def test_access_agency_object_hides_other_agencies_as_not_found(org, admin_a):
    with pytest.raises(NotFoundError) as exc:
        access_agency_object(admin_a, Agency, org.dept_b.pk, VIEW_AGENCY)
    assert exc.value.status == 404
    assert exc.value.as_dict()["code"] == "not_found"
    assert exc.value.as_dict()["message_en"] == "Not found: agency."
    assert exc.value.as_dict()["message"] == "Không tìm thấy cơ quan."


def test_access_agency_object_refuses_change_of_visible_object(org, specialist_a):
    with pytest.raises(PermissionDeniedError) as exc:
        access_agency_object(specialist_a, Agency, org.dept_a.pk, CHANGE_AGENCY)
    assert exc.value.status == 403


def test_access_agency_object_on_overseen_agency_is_403_not_404(org, pc_leader):
    # the leader sees department A, so refusing a change there does not leak anything
    with pytest.raises(PermissionDeniedError):
        access_agency_object(pc_leader, Agency, org.dept_a.pk, CHANGE_AGENCY)


@pytest.mark.parametrize("pk", [-1, "abc", None, 10**12])
def test_access_agency_object_missing_or_malformed_pk_is_404(org, province_admin, pk):
    with pytest.raises(NotFoundError):
        access_agency_object(province_admin, Agency, pk, VIEW_AGENCY)


def test_access_agency_object_checks_a_loaded_instance(org, admin_a):
    staff = StaffMember.objects.get(user=admin_a)
    other = make_staff(org.dept_b, Role.SPECIALIST)
    other_post = StaffMember.objects.get(user=other)
    assert access_agency_object(admin_a, staff, perm=MANAGE_STAFF) == staff
    with pytest.raises(NotFoundError):
        access_agency_object(admin_a, other_post, perm=VIEW_STAFF)


def test_access_agency_object_rejects_unscoped_models(org, province_admin):
    with pytest.raises(TypeError):
        access_agency_object(province_admin, type(province_admin), province_admin.pk, VIEW_AGENCY)
