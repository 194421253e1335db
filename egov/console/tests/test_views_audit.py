"""/staff/audit/: the audit log for auditors and province administrators, and its break-in attempts."""

import json
from datetime import date

import pytest
import time_machine
from django.conf import settings
from django.test import Client

from egov.core.models import AuditEntry
from egov.core.services.audit import audit_record
from egov.identity.models import User
from egov.identity.roles import Role
from egov.organisation.models import Agency

from .conftest import MakeOfficer

LIST = "/staff/audit/"
VERIFY = "/staff/audit/verify/"


def _record(n: int, **kwargs: object) -> list[AuditEntry]:
    defaults: dict[str, object] = {"actor": None, "action": "core.test", "object_type": "core.thing"}
    return [audit_record(**{**defaults, "object_id": i, **kwargs}) for i in range(n)]  # type: ignore[arg-type]


# --- Who may read it ----------------------------------------------------------------------------


@pytest.mark.parametrize("url", [LIST, "/staff/audit/1/"])
def test_anonymous_is_sent_to_login(client: Client, db: None, url: str) -> None:
    # given
    _record(1)
    # when
    response = client.get(url)
    # then
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("url", [LIST, "/staff/audit/1/"])
def test_citizen_is_refused(client: Client, citizen: User, url: str) -> None:
    # given
    _record(1)
    client.force_login(citizen)
    # when / then
    assert client.get(url).status_code == 403
    assert client.post(VERIFY).status_code == 403


@pytest.mark.parametrize("role", [Role.DESK_OFFICER, Role.SPECIALIST, Role.LEADER, Role.CLERK, Role.AGENCY_ADMIN])
def test_officer_without_audit_role_is_refused(client: Client, make_officer: MakeOfficer, role: Role) -> None:
    # given
    _record(1)
    client.force_login(make_officer("nosy", roles=[role], is_staff=True))
    # when / then
    assert client.get(LIST).status_code == 403
    assert client.get("/staff/audit/1/").status_code == 403
    assert client.post(VERIFY).status_code == 403


def test_officer_whose_auditor_post_ended_is_refused(client: Client, make_officer: MakeOfficer) -> None:
    # given
    former = make_officer("former", roles=[Role.AUDITOR])
    former.staff_posts.update(is_active=False)
    client.force_login(former)
    # when / then
    assert client.get(LIST).status_code == 403


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.PROVINCE_ADMIN])
def test_auditor_and_province_admin_may_read(client: Client, make_officer: MakeOfficer, role: Role) -> None:
    # given
    _record(1)
    client.force_login(make_officer("reader", roles=[role]))
    # when / then
    assert client.get(LIST).status_code == 200
    assert client.get("/staff/audit/1/").status_code == 200


def test_verify_refuses_get_and_requests_without_csrf_token(auditor: User) -> None:
    # given
    client = Client(enforce_csrf_checks=True)
    client.force_login(auditor)
    # when / then
    response = client.get(VERIFY)  # a reload: the page holding the button, never a blank 405
    assert (response.status_code, response["Location"]) == (302, "/staff/audit/")
    assert client.post(VERIFY).status_code == 403


# --- The list ------------------------------------------------------------------------------------


def test_list_is_newest_first_and_paginated(client: Client, auditor: User) -> None:
    # given
    _record(51)
    client.force_login(auditor)
    # when
    first = client.get(LIST)
    second = client.get(LIST, {"page": 2})
    # then
    assert [e.seq for e, _ in first.context["rows"]] == list(range(51, 1, -1))
    assert [e.seq for e, _ in second.context["rows"]] == [1]
    assert 'href="?page=2"' in first.content.decode()


def test_pages_keep_the_filters(client: Client, auditor: User) -> None:
    # given
    _record(51, action="organisation.agency_create")
    _record(1, action="identity.login")
    client.force_login(auditor)
    # when
    page = client.get(LIST, {"action": "organisation.agency_create"}).content.decode()
    # then
    assert 'href="?action=organisation.agency_create&amp;page=2"' in page
    assert "Hiển thị 1\u201350 trong tổng số 51" in page


def test_list_shows_agency_names(client: Client, auditor: User, justice_department: Agency) -> None:
    # given
    audit_record(
        actor=auditor, action="organisation.agency_update", obj=justice_department, agency_id=justice_department.pk
    )
    client.force_login(auditor)
    # when
    response = client.get(LIST)
    # then
    assert [(e.action, name) for e, name in response.context["rows"]] == [
        ("organisation.agency_update", "Sở Tư pháp tỉnh Quảng Trị")
    ]


def test_filters_by_action_object_and_agency(
    client: Client, auditor: User, justice_department: Agency, provincial_committee: Agency
) -> None:
    # given
    _record(2, action="organisation.agency_create", agency_id=justice_department.pk)
    _record(2, action="organisation.agency_create", agency_id=provincial_committee.pk)
    _record(1, action="identity.login", object_type="identity.user")
    client.force_login(auditor)
    # when
    by_action = client.get(LIST, {"action": "organisation.agency_create"})
    by_agency = client.get(LIST, {"agency": provincial_committee.pk})
    by_object = client.get(LIST, {"object_type": "core.thing", "object_id": "1"})
    # then
    assert [e.seq for e, _ in by_action.context["rows"]] == [4, 3, 2, 1]
    assert [e.seq for e, _ in by_agency.context["rows"]] == [4, 3]
    assert [e.seq for e, _ in by_object.context["rows"]] == [4, 2]


def test_filters_by_actor_name_or_username(client: Client, auditor: User, desk_officer: User) -> None:
    # given
    audit_record(actor=desk_officer, action="core.test", object_type="x", object_id=1)
    audit_record(actor=auditor, action="core.test", object_type="x", object_id=2)
    client.force_login(auditor)
    # when
    by_username = client.get(LIST, {"actor": "desk1"})
    by_name = client.get(LIST, {"actor": "Tiếp"})
    # then
    assert [e.object_id for e, _ in by_username.context["rows"]] == ["1"]
    assert [e.object_id for e, _ in by_name.context["rows"]] == ["1"]


def test_filters_by_local_date_range(client: Client, auditor: User) -> None:
    # given entries either side of midnight in Vietnam (UTC+7)
    for moment in [
        "2026-03-01 23:30 +07:00",
        "2026-03-02 00:30 +07:00",
        "2026-03-03 23:59 +07:00",
        "2026-03-04 00:00 +07:00",
    ]:
        with time_machine.travel(moment, tick=False):
            _record(1, object_type=moment)
    client.force_login(auditor)
    # when
    response = client.get(LIST, {"date_from": "2026-03-02", "date_to": "2026-03-03"})
    # then
    assert [e.seq for e, _ in response.context["rows"]] == [3, 2]


def test_inverted_date_range_is_an_error_not_a_list(client: Client, auditor: User) -> None:
    # given
    _record(1)
    client.force_login(auditor)
    # when
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the language switch
    response = client.get(LIST, {"date_from": "2026-03-05", "date_to": "2026-03-01"})
    # then
    assert response.status_code == 200
    assert response.context["rows"] == []
    assert response.context["form"].errors == {"date_to": ["The end date must not be before the start date."]}
    page = response.content.decode()
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="id_date_to_error"' in page


def test_unknown_action_is_rejected_by_the_form(client: Client, auditor: User) -> None:
    # given
    _record(1)
    client.force_login(auditor)
    # when
    response = client.get(LIST, {"action": "<script>alert(1)</script>"})
    # then
    assert response.context["rows"] == []
    assert "action" in response.context["form"].errors
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_empty_log_shows_empty_state(client: Client, auditor: User) -> None:
    # given
    client.force_login(auditor)
    # when
    response = client.get(LIST)
    # then
    assert "Nhật ký kiểm toán đang trống" in response.content.decode()


# --- One entry -------------------------------------------------------------------------------------


def test_detail_shows_changes_and_hashes(client: Client, auditor: User, justice_department: Agency) -> None:
    # given
    entry = audit_record(
        actor=auditor,
        action="organisation.agency_update",
        obj=justice_department,
        agency_id=justice_department.pk,
        changes={"phone": ["", "0233 3 852 000"], "name": ["Sở Tư pháp", "Sở Tư pháp tỉnh Quảng Trị"]},
    )
    client.force_login(auditor)
    # when
    response = client.get(f"/staff/audit/{entry.seq}/")
    # then
    assert response.status_code == 200
    assert response.context["changes_pretty"] == json.dumps(
        {"name": ["Sở Tư pháp", "Sở Tư pháp tỉnh Quảng Trị"], "phone": ["", "0233 3 852 000"]},
        indent=2,
        ensure_ascii=False,
    )
    page = response.content.decode()
    assert entry.hash in page
    assert entry.prev_hash in page
    assert "Sở Tư pháp tỉnh Quảng Trị" in page
    assert f"object_type=organisation.agency&amp;object_id={justice_department.pk}" in page
    assert '<li><a href="/staff/audit/">Nhật ký kiểm toán</a></li>' in page
    assert '<li><span aria-current="page">#1</span></li>' in page


def test_detail_of_missing_entry_is_404(client: Client, auditor: User) -> None:
    # given
    client.force_login(auditor)
    # when / then
    assert client.get("/staff/audit/999/").status_code == 404


# --- Verifying the chain --------------------------------------------------------------------------


def test_verify_reports_an_intact_chain(client: Client, auditor: User) -> None:
    # given
    _record(3)
    client.force_login(auditor)
    # when
    response = client.post(VERIFY)
    # then
    check = response.context["check"]
    assert (check.is_intact, check.entries_checked, check.problems) == (True, 3, ())
    assert "Chuỗi nguyên vẹn." in response.content.decode()


def test_verify_reports_a_tampered_entry(client: Client, auditor: User) -> None:
    # given someone edited entry 2 behind the application's back
    _record(3)
    AuditEntry.objects.filter(seq=2).update(action="core.forged")
    client.force_login(auditor)
    # when
    response = client.post(VERIFY)
    # then
    check = response.context["check"]
    assert check.is_intact is False
    assert [(p.seq, p.problem) for p in check.problems] == [(2, "entry edited (hash mismatch)")]
    assert 'role="alert"' in response.content.decode()


def test_dates_are_iso_as_date_inputs_send_them(client: Client, auditor: User) -> None:
    # given
    client.force_login(auditor)
    # when
    iso = client.get(LIST, {"date_from": "2026-03-02"})
    other = client.get(LIST, {"date_from": "02/03/2026"})
    # then
    assert iso.context["form"].cleaned_data["date_from"] == date(2026, 3, 2)
    assert 'type="date" name="date_from" value="2026-03-02"' in iso.content.decode()
    assert list(other.context["form"].errors) == ["date_from"]
