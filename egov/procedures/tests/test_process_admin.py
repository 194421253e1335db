"""The process-template admin: a template with its steps inline, saved through the service; broken
templates come back as form errors next to the steps, never as a 500."""

from decimal import Decimal

import pytest
from django.test import Client
from django.utils.html import escape

import egov.procedures.admin_process  # noqa: F401 - registers the admin (admin.py imports it too)
from egov.core.models import AuditEntry
from egov.identity.models import User
from egov.organisation.tests.factories import make_user
from egov.procedures.models import Procedure
from egov.procedures.process_models import ProcessStep, ProcessTemplate
from egov.procedures.services.process import process_template_create
from egov.procedures.tests.process_fixtures import (
    Place,
    birth_fixture,  # noqa: F401 - fixture
    commune_level_id,
    place_fixture,  # noqa: F401 - fixture
    template_data,
)

ADD_URL = "/admin/procedures/processtemplate/add/"


@pytest.fixture
def superuser(db: None) -> User:
    return make_user(username="quantri", is_staff=True, is_superuser=True)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _step(index: int, order: int, hours: str, role: str, *actions: str, pk: int | None = None) -> dict[str, object]:
    prefix = f"steps-{index}"
    return {
        f"{prefix}-id": str(pk) if pk else "",
        f"{prefix}-order": str(order),
        f"{prefix}-name": f"Bước {order}",
        f"{prefix}-role": role,
        f"{prefix}-duration": hours,
        f"{prefix}-duration_unit": "working_hour",
        f"{prefix}-actions": list(actions),
        f"{prefix}-parallel_group": "",
        f"{prefix}-description": "",
        f"{prefix}-agency": "",
        f"{prefix}-department": "",
        f"{prefix}-hand_off_agency": "",
    }


def _form(procedure_id: int, steps: list[dict[str, object]], *, initial: int = 0, **fields: str) -> dict[str, object]:
    data: dict[str, object] = {
        "procedure": str(procedure_id),
        "name": "Quy trình đăng ký khai sinh cấp xã",
        "level": str(commune_level_id()),
        "agency": "",
        "channel": "",
        "total_time": "1",
        "total_time_unit": "working_day",
        "valid_from": "",
        "valid_to": "",
        "is_active": "on",
        "steps-TOTAL_FORMS": str(len(steps)),
        "steps-INITIAL_FORMS": str(initial),
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    for step in steps:
        data |= step
    return data | fields


def _birth_steps() -> list[dict[str, object]]:
    return [
        _step(0, 1, "4", "desk_officer", "receive", "forward"),
        _step(1, 2, "2", "specialist", "forward", "send_back"),
        _step(2, 3, "1.5", "leader", "sign"),
        _step(3, 4, "0.5", "desk_officer", "return_result"),
    ]


def test_the_admin_creates_a_template_with_its_steps_through_the_service(birth: Procedure, superuser: User) -> None:
    # when
    response = _client(superuser).post(ADD_URL, _form(birth.pk, _birth_steps()))
    # then
    assert response.status_code == 302
    template = ProcessTemplate.objects.get()
    assert list(template.steps.values_list("order", "role", "actions")) == [
        (1, "desk_officer", ["receive", "forward"]),
        (2, "specialist", ["forward", "send_back"]),
        (3, "leader", ["sign"]),
        (4, "desk_officer", ["return_result"]),
    ]
    entry = AuditEntry.objects.get(action="procedures.process_template_create")
    assert entry.actor == superuser


def test_steps_that_do_not_add_up_are_a_form_error_and_nothing_is_saved(birth: Procedure, superuser: User) -> None:
    steps = _birth_steps()
    steps[3] = _step(3, 4, "3", "desk_officer", "return_result")  # 10.5 h for a 1-day template
    response = _client(superuser).post(ADD_URL, _form(birth.pk, steps))
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.non_form_errors()
    assert len(errors) == 1
    assert "10,5" in errors[0]  # the pages are in Vietnamese: 10,5 working hours against 8
    assert escape(errors[0]) in response.content.decode()
    assert (ProcessTemplate.objects.count(), ProcessStep.objects.count(), AuditEntry.objects.count()) == (0, 0, 0)


def test_a_step_without_anyone_responsible_is_marked_on_that_step(birth: Procedure, superuser: User) -> None:
    steps = _birth_steps()
    steps[1] = _step(1, 2, "2", "", "forward")
    response = _client(superuser).post(ADD_URL, _form(birth.pk, steps))
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert [bool(form.non_field_errors()) for form in formset.forms] == [False, True, False, False]
    assert ProcessTemplate.objects.count() == 0


def test_a_clash_with_another_template_is_a_form_error(birth: Procedure, superuser: User) -> None:
    process_template_create(data=template_data(birth), acting_user=None)
    response = _client(superuser).post(ADD_URL, _form(birth.pk, _birth_steps()))
    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.non_form_errors()
    assert ProcessTemplate.objects.count() == 1


def test_the_admin_edits_steps_and_swaps_their_order(birth: Procedure, superuser: User) -> None:
    # given
    template = process_template_create(data=template_data(birth), acting_user=None)
    ids = dict(template.steps.values_list("order", "pk"))
    steps = [
        _step(0, 1, "4", "desk_officer", "receive", "forward", pk=ids[1]),
        _step(1, 3, "2", "specialist", "forward", pk=ids[2]),  # the specialist now comes third
        _step(2, 2, "1.5", "leader", "sign", pk=ids[3]),
        _step(3, 4, "0.5", "desk_officer", "return_result", pk=ids[4]),
    ]
    # when
    response = _client(superuser).post(
        f"/admin/procedures/processtemplate/{template.pk}/change/", _form(birth.pk, steps, initial=4)
    )
    # then
    assert response.status_code == 302
    assert list(template.steps.order_by("order").values_list("role", "duration")) == [
        ("desk_officer", Decimal("4.00")),
        ("leader", Decimal("1.50")),
        ("specialist", Decimal("2.00")),
        ("desk_officer", Decimal("0.50")),
    ]
    assert AuditEntry.objects.filter(action="procedures.process_template_update").count() == 1


def test_templates_cannot_be_deleted_in_the_admin(birth: Procedure, superuser: User, place: Place) -> None:
    template = process_template_create(data=template_data(birth), acting_user=None)
    response = _client(superuser).post(f"/admin/procedures/processtemplate/{template.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert ProcessTemplate.objects.filter(pk=template.pk).exists()


def test_the_admin_pages_render(birth: Procedure, superuser: User) -> None:
    template = process_template_create(data=template_data(birth), acting_user=None)
    client = _client(superuser)
    for url in (
        ADD_URL,
        "/admin/procedures/processtemplate/",
        f"/admin/procedures/processtemplate/{template.pk}/change/",
    ):
        assert client.get(url).status_code == 200, url


def test_staff_without_the_catalogue_permission_cannot_edit_templates(birth: Procedure, place: Place) -> None:
    # given: an agency administrator of the commune (staff, but no catalogue permission)
    officer = make_user(username="xa_quantri", is_staff=True)
    # when
    response = _client(officer).post(ADD_URL, _form(birth.pk, _birth_steps()))
    # then
    assert response.status_code == 403
    assert ProcessTemplate.objects.count() == 0


LIST_URL = "/admin/procedures/processtemplate/"


def test_province_admin_manages_templates_but_an_agency_admin_cannot(place: Place) -> None:
    from egov.identity.roles import Role
    from egov.organisation.tests.factories import make_staff

    # given a province administrator and an agency administrator of a commune (both may use the admin)
    province_admin = make_staff(place.pc, Role.PROVINCE_ADMIN, username="qt_tinh", is_staff=True)
    agency_admin = make_staff(place.commune, Role.AGENCY_ADMIN, username="qt_xa", is_staff=True)
    # when / then
    assert _client(province_admin).get(LIST_URL).status_code == 200
    assert _client(province_admin).get(ADD_URL).status_code == 200
    assert _client(agency_admin).get(LIST_URL).status_code == 403
    assert _client(agency_admin).post(ADD_URL, {"name": "x"}).status_code == 403
    assert ProcessTemplate.objects.count() == 0
