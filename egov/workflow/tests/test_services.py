"""Calendar writes: validated, audited, and seen by the very next deadline computation."""

from datetime import date, time

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from egov.core.errors import ApplicationError, NotFoundError
from egov.core.models import AuditEntry
from egov.identity.models import User
from egov.workflow import cache, facade
from egov.workflow.choices import OverrideBasis, OverrideKind
from egov.workflow.models import CalendarOverride, OfficeHours
from egov.workflow.services.calendar import (
    CalendarOverrideData,
    OfficeHoursData,
    calendar_override_create,
    calendar_override_delete,
    calendar_override_update,
    office_hours_create,
    office_hours_delete,
    office_hours_update,
)
from egov.workflow.tests.conftest import vn

pytestmark = pytest.mark.django_db

CULTURE_DAY = CalendarOverrideData(
    date=date(2026, 11, 24),
    kind=OverrideKind.PUBLIC_HOLIDAY,
    name="Ngày Văn hóa Việt Nam",
    legal_reference="  Luật sửa đổi BLLĐ   (giả định cho kiểm thử) ",
    basis=OverrideBasis.ANNOUNCED,
)


@pytest.fixture
def admin_user() -> User:
    return User.objects.create_user(username="qt.tinh", password="x" * 12, full_name="Quản trị tỉnh")


def test_created_day_off_changes_deadlines_at_once_and_is_audited(admin_user):
    # given a deadline computed (and cached) before the entry exists
    assert facade.add_working_days(date(2026, 11, 23), 1) == date(2026, 11, 24)
    # when an administrator records 24/11/2026 as a day off
    override = calendar_override_create(data=CULTURE_DAY, acting_user=admin_user)
    # then the very next computation skips it
    assert facade.add_working_days(date(2026, 11, 23), 1) == date(2026, 11, 25)
    assert facade.calendar_day(date(2026, 11, 24)).reason == "Ngày Văn hóa Việt Nam"
    # and the row and the audit entry say who did what
    assert override.recorded_by == admin_user
    assert override.legal_reference == "Luật sửa đổi BLLĐ (giả định cho kiểm thử)"
    entry = AuditEntry.objects.get(action="workflow.calendar_override_create")
    assert (entry.actor, entry.object_type, entry.object_id) == (
        admin_user,
        "workflow.calendaroverride",
        str(override.pk),
    )
    assert entry.changes["date"] == "2026-11-24"
    assert entry.changes["kind"] == "public_holiday"


def test_update_changes_results_at_once_and_audits_only_the_difference(admin_user):
    # given the seeded make-up Saturday 22/08/2026
    override = CalendarOverride.objects.get(date=date(2026, 8, 22))
    assert facade.add_working_days(date(2026, 8, 21), 1) == date(2026, 8, 22)
    # when it is turned into an ordinary day off (a Saturday off is the weekly rest)
    data = CalendarOverrideData(
        date=override.date,
        kind=OverrideKind.SWAPPED_DAY_OFF,
        name=override.name,
        legal_reference=override.legal_reference,
        basis=OverrideBasis(override.basis),
        note=override.note,
    )
    calendar_override_update(override_id=override.pk, data=data, acting_user=admin_user)
    # then Friday + 1 skips that Saturday and lands on Monday 24/08
    assert facade.add_working_days(date(2026, 8, 21), 1) == date(2026, 8, 24)
    entry = AuditEntry.objects.get(action="workflow.calendar_override_update")
    assert entry.changes == {"kind": ["make_up_working_day", "swapped_day_off"]}


def test_update_without_a_change_writes_nothing(admin_user):
    override = CalendarOverride.objects.get(date=date(2026, 8, 22))
    data = CalendarOverrideData(
        date=override.date,
        kind=OverrideKind(override.kind),
        name=override.name,
        legal_reference=override.legal_reference,
        basis=OverrideBasis(override.basis),
        note=override.note,
    )
    calendar_override_update(override_id=override.pk, data=data, acting_user=admin_user)
    assert AuditEntry.objects.filter(action__startswith="workflow.").count() == 0


def test_delete_restores_the_computed_rule_and_is_audited(admin_user):
    # given the seeded swapped Monday 31/08/2026
    override = CalendarOverride.objects.get(date=date(2026, 8, 31))
    assert not facade.is_working_day(date(2026, 8, 31))
    # when the entry is deleted
    calendar_override_delete(override_id=override.pk, acting_user=admin_user)
    # then the rules decide again: an ordinary Monday
    assert facade.is_working_day(date(2026, 8, 31))
    entry = AuditEntry.objects.get(action="workflow.calendar_override_delete")
    assert entry.object_id == str(override.pk)
    assert entry.changes["deleted"]["date"] == "2026-08-31"
    assert not CalendarOverride.objects.filter(date=date(2026, 8, 31)).exists()


def test_a_second_entry_for_the_same_date_is_refused_and_nothing_is_written(admin_user):
    data = CalendarOverrideData(
        date=date(2026, 2, 16), kind=OverrideKind.MAKE_UP_WORKING_DAY, name="x", legal_reference="y"
    )
    with pytest.raises(ValidationError) as error:
        calendar_override_create(data=data, acting_user=admin_user)
    assert "date" in error.value.message_dict
    assert CalendarOverride.objects.get(date=date(2026, 2, 16)).kind == "public_holiday"
    assert AuditEntry.objects.count() == 0
    assert not facade.is_working_day(date(2026, 2, 16))


@pytest.mark.parametrize(
    ("field", "value"),
    [("name", "   "), ("legal_reference", ""), ("date", date(2101, 1, 3)), ("kind", "holiday")],
)
def test_invalid_entries_are_refused(admin_user, field, value):
    values = {**CULTURE_DAY.__dict__, field: value}
    with pytest.raises(ValidationError) as error:
        calendar_override_create(data=CalendarOverrideData(**values), acting_user=admin_user)
    assert field in error.value.message_dict
    assert not CalendarOverride.objects.filter(name=CULTURE_DAY.name).exists()
    assert AuditEntry.objects.count() == 0


def test_missing_entry_is_a_404(admin_user):
    with pytest.raises(NotFoundError):
        calendar_override_delete(override_id=-1, acting_user=admin_user)
    with pytest.raises(NotFoundError):
        calendar_override_update(override_id=-1, data=CULTURE_DAY, acting_user=admin_user)


def test_rolled_back_write_is_not_left_in_the_cache(admin_user):
    # given a write that is rolled back after the calendar was read inside its transaction
    try:
        with transaction.atomic():
            calendar_override_create(data=CULTURE_DAY, acting_user=admin_user)
            assert not facade.is_working_day(date(2026, 11, 24))
            raise RuntimeError("roll back")
    except RuntimeError:
        pass
    # then the calendar does not keep the rolled-back day off
    assert facade.is_working_day(date(2026, 11, 24))


def test_office_hours_from_a_date_change_hour_arithmetic(admin_user):
    # when the province moves to 08:00-12:00 / 13:30-17:30 from 01/06/2026
    data = OfficeHoursData(
        valid_from=date(2026, 6, 1),
        morning_start=time(8, 0),
        morning_end=time(12, 0),
        afternoon_start=time(13, 30),
        afternoon_end=time(17, 30),
        legal_reference="QĐ giờ làm việc của UBND tỉnh (kiểm thử)",
    )
    office_hours = office_hours_create(data=data, acting_user=admin_user)
    # then hours after that date use the new sessions, before it the old ones
    assert facade.add_working_hours(vn(2026, 6, 1, 11, 0), 1) == vn(2026, 6, 1, 12, 0)
    assert facade.add_working_hours(vn(2026, 5, 29, 11, 0), 1) == vn(2026, 5, 29, 13, 30)
    assert facade.working_deadline(received_at=vn(2026, 6, 1, 9, 0), working_days=1) == vn(2026, 6, 2, 17, 30)
    assert AuditEntry.objects.get(action="workflow.office_hours_create").object_id == str(office_hours.pk)
    # when they are changed and then deleted, each step is audited and applied
    office_hours_update(
        office_hours_id=office_hours.pk,
        data=OfficeHoursData(**{**data.__dict__, "afternoon_end": time(17, 0)}),
        acting_user=admin_user,
    )
    assert facade.add_working_hours(vn(2026, 6, 1, 16, 0), 2) == vn(2026, 6, 2, 9, 0)
    office_hours_delete(office_hours_id=office_hours.pk, acting_user=admin_user)
    assert facade.add_working_hours(vn(2026, 6, 1, 11, 0), 1) == vn(2026, 6, 1, 13, 30)
    assert [e.action for e in AuditEntry.objects.order_by("seq")] == [
        "workflow.office_hours_create",
        "workflow.office_hours_update",
        "workflow.office_hours_delete",
    ]
    assert AuditEntry.objects.get(action="workflow.office_hours_update").changes == {
        "afternoon_end": ["17:30:00", "17:00:00"]
    }


@pytest.mark.parametrize(
    "sessions",
    [
        (time(11, 30), time(7, 30), time(13, 0), time(17, 0)),  # morning reversed
        (time(7, 30), time(13, 30), time(13, 0), time(17, 0)),  # morning overlaps afternoon
        (time(7, 30), time(11, 30), time(17, 0), time(13, 0)),  # afternoon reversed
    ],
)
def test_office_hours_out_of_order_are_refused(admin_user, sessions):
    data = OfficeHoursData(date(2026, 6, 1), *sessions)
    with pytest.raises(ValidationError):
        office_hours_create(data=data, acting_user=admin_user)
    assert not OfficeHours.objects.filter(valid_from=date(2026, 6, 1)).exists()
    assert AuditEntry.objects.count() == 0


def test_second_office_hours_for_the_same_date_is_refused(admin_user):
    seeded = OfficeHours.objects.get()
    data = OfficeHoursData(seeded.valid_from, time(8), time(12), time(13), time(17))
    with pytest.raises(ValidationError):
        office_hours_create(data=data, acting_user=admin_user)


def test_concurrent_insert_of_the_same_date_is_a_409(admin_user, monkeypatch):
    # given validation passed but another transaction inserted the date just before the save
    monkeypatch.setattr(CalendarOverride, "validate_unique", lambda self, exclude=None: None)
    data = CalendarOverrideData(date=date(2026, 2, 16), kind=OverrideKind.PUBLIC_HOLIDAY, name="x", legal_reference="y")
    with pytest.raises(ApplicationError) as error:
        calendar_override_create(data=data, acting_user=admin_user)
    assert (error.value.status, error.value.code) == (409, "calendar_date_taken")
    assert AuditEntry.objects.count() == 0


def test_service_write_marks_the_thread_until_commit(admin_user):
    calendar_override_create(data=CULTURE_DAY, acting_user=admin_user)
    assert cache._local.pending_write is True  # the test transaction has not committed
