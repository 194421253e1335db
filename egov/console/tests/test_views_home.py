"""/staff/: the officer's home."""

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse

from egov.identity.models import User, UserKind
from egov.identity.roles import Role
from egov.organisation.models import Agency, Position, StaffMember, StaffRoleAssignment

from .conftest import MakeOfficer

HOME = "/staff/"


def test_anonymous_is_sent_to_the_staff_login(client: Client, db: None) -> None:
    # when
    response = client.get(HOME)
    # then
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('identity:login')}?next=/staff/"


def test_citizen_is_refused(client: Client, citizen: User) -> None:
    # given
    client.force_login(citizen)
    # when
    response = client.get(HOME)
    # then
    assert response.status_code == 403


def test_integration_account_is_refused(client: Client, db: None) -> None:
    # given
    service = User.objects.create_user(username="lgsp", password="x" * 12, kind=UserKind.SERVICE)
    client.force_login(service)
    # when
    response = client.get(HOME)
    # then
    assert response.status_code == 403


def test_officer_sees_greeting_posts_and_roles(
    client: Client, make_officer: MakeOfficer, provincial_committee: Agency
) -> None:
    # given an officer with two posts (kiêm nhiệm)
    officer = make_officer(
        "hoa",
        roles=[Role.SPECIALIST, Role.DESK_OFFICER],
        department="Phòng Hành chính tư pháp",
        position="Chuyên viên",
        full_name="Nguyễn Thị Hoa",
    )
    leader_post = StaffMember.objects.create(
        user=officer,
        agency=provincial_committee,
        position=Position.objects.create(code="pct", name="Phó Chủ tịch", rank=1),
    )
    StaffRoleAssignment.objects.create(staff_member=leader_post, role=Role.LEADER)
    client.force_login(officer)
    # when
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the language switch
    response = client.get(HOME)
    # then
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hello, Nguyễn Thị Hoa" in page
    assert "Sở Tư pháp tỉnh Quảng Trị" in page
    assert "000.00.06.H44" in page
    assert "Phòng Hành chính tư pháp" in page
    assert "Chuyên viên" in page
    posts = response.context["posts"]
    assert [(p.agency_name, p.position, p.roles) for p in posts] == [
        ("Ủy ban nhân dân tỉnh Quảng Trị", "Phó Chủ tịch", ("Leader",)),
        ("Sở Tư pháp tỉnh Quảng Trị", "Chuyên viên", ("One-stop desk officer", "Specialist")),
    ]


def test_officer_without_post_sees_empty_state(client: Client, db: None) -> None:
    # given
    officer = User.objects.create_user(username="new", password="x" * 12, kind=UserKind.STAFF)
    client.force_login(officer)
    # when
    response = client.get(HOME)
    # then
    assert response.status_code == 200
    assert response.context["posts"] == []
    assert "Bạn chưa có vị trí công tác nào" in response.content.decode()


def test_inactive_post_is_not_listed(client: Client, make_officer: MakeOfficer) -> None:
    # given
    officer = make_officer("old", roles=[Role.CLERK])
    officer.staff_posts.update(is_active=False)
    client.force_login(officer)
    # when
    response = client.get(HOME)
    # then
    assert response.context["posts"] == []


@pytest.mark.parametrize(
    ("roles", "is_staff", "sees_audit", "sees_admin"),
    [
        ([Role.DESK_OFFICER], False, False, False),
        ([Role.AUDITOR], False, True, False),
        ([Role.PROVINCE_ADMIN], True, True, True),
        ([Role.AGENCY_ADMIN], True, False, True),
        # The Django admin lets in only accounts flagged is_staff: no link that would bounce.
        ([Role.AGENCY_ADMIN], False, False, False),
    ],
)
def test_navigation_follows_roles(
    client: Client, make_officer: MakeOfficer, roles: list[Role], is_staff: bool, sees_audit: bool, sees_admin: bool
) -> None:
    # given
    client.force_login(make_officer("nav", roles=roles, is_staff=is_staff))
    # when
    page = client.get(HOME).content.decode()
    # then
    assert ('href="/staff/audit/"' in page) is sees_audit
    assert ('href="/admin/"' in page) is sees_admin
    assert 'href="/api/v1/docs"' in page
    assert '<a href="/staff/" aria-current="page">' in page


def test_superuser_sees_every_tool(client: Client, db: None) -> None:
    # given
    root = User.objects.create_superuser(username="root", password="x" * 12, email="root@example.org")
    client.force_login(root)
    # when
    page = client.get(HOME).content.decode()
    # then
    assert 'href="/staff/audit/"' in page
    assert 'href="/admin/"' in page


@time_machine.travel("2026-09-02 09:00 +07:00", tick=False)  # Quốc khánh (National Day)
def test_today_is_a_day_off_on_national_day(client: Client, desk_officer: User) -> None:
    # given
    client.force_login(desk_officer)
    # when
    response = client.get(HOME)
    # then
    assert response.context["today"].is_working_day is False
    assert "Ngày nghỉ" in response.content.decode()


@time_machine.travel("2026-11-24 09:00 +07:00", tick=False)  # an ordinary Tuesday
def test_today_is_a_working_day_on_a_tuesday(client: Client, desk_officer: User) -> None:
    # given
    client.force_login(desk_officer)
    # when
    response = client.get(HOME)
    # then
    assert response.context["today"].is_working_day is True
    assert "Ngày làm việc" in response.content.decode()


@time_machine.travel("2101-01-03 09:00 +07:00", tick=False)  # beyond the years the calendar covers
def test_today_without_calendar_coverage_shows_only_the_date(client: Client, desk_officer: User) -> None:
    # given
    client.force_login(desk_officer)
    # when
    response = client.get(HOME)
    # then
    assert response.status_code == 200
    assert response.context["today"].is_working_day is None
    page = response.content.decode()
    assert '<time datetime="2101-01-03">' in page
    assert "Ngày làm việc" not in page
    assert "Ngày nghỉ" not in page
