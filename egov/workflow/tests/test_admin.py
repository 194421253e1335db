"""The Django admin writes through the services (audited); only calendar managers may change."""

from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from egov.core.models import AuditEntry
from egov.identity.models import User
from egov.workflow import facade
from egov.workflow.models import CalendarOverride, OfficeHours

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/workflow/calendaroverride/add/"
FORM = {
    "date": "2026-11-24",
    "kind": "public_holiday",
    "name": "Ngày Văn hóa Việt Nam",
    "legal_reference": "Văn bản giả định (kiểm thử)",
    "basis": "announced",
    "note": "",
}


@pytest.fixture
def superuser() -> User:
    return User.objects.create_superuser(username="root", password="x" * 12, email="root@example.vn")


def _staff(username: str, *codenames: str) -> User:
    user = User.objects.create_user(username=username, password="x" * 12, is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="workflow", codename__in=codenames))
    return user


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_superuser_adds_a_day_off_through_the_service(superuser):
    # when a superuser saves the add form
    response = _client(superuser).post(ADD_URL, FORM)
    # then the entry exists, is audited with the user, and applies at once
    assert response.status_code == 302
    override = CalendarOverride.objects.get(date=date(2026, 11, 24))
    assert override.recorded_by == superuser
    entry = AuditEntry.objects.get(action="workflow.calendar_override_create")
    assert (entry.actor, entry.object_id) == (superuser, str(override.pk))
    assert not facade.is_working_day(date(2026, 11, 24))


def test_manager_permission_allows_change_and_delete(superuser):
    manager = _staff("lich", "manage_calendar")
    client = _client(manager)
    override = CalendarOverride.objects.get(date=date(2026, 8, 31))
    # when the manager edits the entry's name
    response = client.post(
        f"/admin/workflow/calendaroverride/{override.pk}/change/",
        {
            **FORM,
            "date": "2026-08-31",
            "kind": "swapped_day_off",
            "name": "Nghỉ hoán đổi (sửa)",
            "legal_reference": override.legal_reference,
        },
    )
    assert response.status_code == 302
    assert (
        AuditEntry.objects.get(action="workflow.calendar_override_update").changes["name"][1] == "Nghỉ hoán đổi (sửa)"
    )
    # and deletes it
    response = client.post(f"/admin/workflow/calendaroverride/{override.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not CalendarOverride.objects.filter(pk=override.pk).exists()
    assert AuditEntry.objects.filter(action="workflow.calendar_override_delete", actor=manager).count() == 1
    assert facade.is_working_day(date(2026, 8, 31))


def test_bulk_delete_action_audits_each_entry(superuser):
    ids = list(CalendarOverride.objects.filter(date__year=2025).values_list("pk", flat=True))
    response = _client(superuser).post(
        "/admin/workflow/calendaroverride/",
        {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
    )
    assert response.status_code == 302
    assert CalendarOverride.objects.filter(date__year=2025).count() == 0
    assert AuditEntry.objects.filter(action="workflow.calendar_override_delete").count() == len(ids)


def test_staff_without_the_permission_cannot_add_or_see(superuser):
    # given a staff account without any calendar permission
    client = _client(_staff("khach"))
    # when it tries to add an entry or open the list
    assert client.post(ADD_URL, FORM).status_code == 403
    assert client.get("/admin/workflow/calendaroverride/").status_code == 403
    # then nothing changed
    assert not CalendarOverride.objects.filter(date=date(2026, 11, 24)).exists()
    assert AuditEntry.objects.count() == 0


def test_view_permission_reads_but_cannot_change(superuser):
    client = _client(_staff("xem", "view_calendaroverride"))
    assert client.get("/admin/workflow/calendaroverride/").status_code == 200
    override = CalendarOverride.objects.get(date=date(2026, 8, 31))
    response = client.post(f"/admin/workflow/calendaroverride/{override.pk}/change/", {**FORM, "date": "2026-08-31"})
    assert response.status_code == 403
    assert CalendarOverride.objects.get(pk=override.pk).name != FORM["name"]
    assert client.post(ADD_URL, FORM).status_code == 403


def test_anonymous_is_sent_to_the_login_page():
    response = Client().post(ADD_URL, FORM)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert not CalendarOverride.objects.filter(date=date(2026, 11, 24)).exists()


def test_invalid_form_shows_errors_and_writes_nothing(superuser):
    response = _client(superuser).post(ADD_URL, {**FORM, "date": "2026-02-16"})  # already an entry
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["date"]
    assert AuditEntry.objects.count() == 0


def test_office_hours_saved_in_the_admin_are_audited(superuser):
    response = _client(superuser).post(
        "/admin/workflow/officehours/add/",
        {
            "valid_from": "2027-01-01",
            "morning_start": "07:00",
            "morning_end": "11:00",
            "afternoon_start": "13:30",
            "afternoon_end": "17:30",
            "legal_reference": "QĐ của UBND tỉnh (kiểm thử)",
            "note": "",
        },
    )
    assert response.status_code == 302
    office_hours = OfficeHours.objects.get(valid_from=date(2027, 1, 1))
    assert AuditEntry.objects.get(action="workflow.office_hours_create").object_id == str(office_hours.pk)
    assert facade.calendar_day(date(2027, 1, 4)).office_hours[0][0].hour == 7


def test_list_pages_render(superuser):
    client = _client(superuser)
    assert client.get("/admin/workflow/calendaroverride/?date__year=2026").status_code == 200
    assert client.get("/admin/workflow/officehours/").status_code == 200
