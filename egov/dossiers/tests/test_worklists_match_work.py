"""Worklists that match the work (issue 13, item 5): "my work" is what I claimed or was given, "my
department" what waits unclaimed for my role; forwarding may name the next handler; events are filed
under the actor's own agency; the staff home counts the waiting work; the filters offer only the
fields and procedures the officer's agencies handle."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client

from egov.core.errors import ApplicationError
from egov.core.models import AuditEntry
from egov.dossiers.choices import TaskStatus
from egov.dossiers.contracts import ActionData
from egov.dossiers.forms import WorklistFilterForm
from egov.dossiers.models import Dossier
from egov.dossiers.selectors import (
    WORK_LISTS,
    DossierFilters,
    dossier_worklist,
    filter_choices_for,
    next_handlers_for,
    worklist_counts,
    worklists_for,
)
from egov.dossiers.services.actions import dossier_act
from egov.dossiers.services.intake import dossier_submit_online
from egov.dossiers.tests.conftest import MONDAY_9AM, ReceiveFn, agency_of, birth_intake, user
from egov.procedures.models import Procedure, ProcedureField

DESK, CHAIRMAN = "ttpdonghoi_ngothithanhtam", "pdonghoi_nguyenvanhai"
SPECIALIST, OTHER_SPECIALIST, VP_SPECIALIST = "pdonghoi_tranvandung", "pdonghoi_lethikimyen", "pdonghoi_hoangvanthinh"
PROVINCE_DESK = "ttpvhcc_tranthibichngoc"


def codes(username: str, worklist: str) -> list[str]:
    return [d.code for d in dossier_worklist(user=user(username), worklist=worklist, filters=DossierFilters())]


def act(dossier: Dossier, username: str, action: str, **fields: Any) -> Dossier:
    dossier.refresh_from_db()
    return dossier_act(
        actor=user(username), code=dossier.code, action=action, data=ActionData(version=dossier.version, **fields)
    )


def assert_counts_are_the_lists(*usernames: str) -> None:
    for username in usernames:
        counts = worklist_counts(user=user(username))
        for name in worklists_for(user=user(username)):
            assert counts[name] == len(codes(username, name)), (username, name)


def login(username: str) -> Client:
    client = Client()
    client.force_login(user(username))
    return client


# --- "my work" and "my department" ------------------------------------------------------------------


def test_my_work_is_what_i_claimed_and_my_department_what_waits_unclaimed_for_my_role(
    receive_birth: ReceiveFn, travel: Any
) -> None:
    # given a birth registration received at the ward centre: the receiving officer's own step
    travel(MONDAY_9AM)
    dossier = receive_birth()
    assert (codes(DESK, "mine"), codes(DESK, "department")) == ([dossier.code], [])
    # when the desk forwards it to the role (nobody named)
    act(dossier, DESK, "forward")
    # then it waits, unclaimed, in the department list of every specialist of the ward and of the
    # chairman (who may assign it), and in nobody's own work
    for username in (SPECIALIST, OTHER_SPECIALIST, CHAIRMAN):
        assert (codes(username, "mine"), codes(username, "department")) == ([], [dossier.code]), username
    assert codes(DESK, "mine") == []
    assert_counts_are_the_lists(DESK, SPECIALIST, OTHER_SPECIALIST, CHAIRMAN)
    # when a specialist claims it, it is her work and waits in no department list any more
    act(dossier, SPECIALIST, "claim")
    assert (codes(SPECIALIST, "mine"), codes(SPECIALIST, "department")) == ([dossier.code], [])
    assert (codes(OTHER_SPECIALIST, "mine"), codes(OTHER_SPECIALIST, "department")) == ([], [])
    assert (codes(CHAIRMAN, "mine"), codes(CHAIRMAN, "department")) == ([], [])
    # and the chairman still watches its time: the step is due within the warning horizon
    assert codes(CHAIRMAN, "due_soon") == [dossier.code]
    assert_counts_are_the_lists(SPECIALIST, OTHER_SPECIALIST, CHAIRMAN)


def test_a_step_given_by_the_leader_is_the_officers_work(receive_birth: ReceiveFn, travel: Any) -> None:
    travel(MONDAY_9AM)
    dossier = act(receive_birth(), DESK, "forward")
    task = dossier.tasks.get(status=TaskStatus.ACTIVE)
    act(dossier, CHAIRMAN, "assign", task_id=task.pk, assignee_id=user(OTHER_SPECIALIST).pk)
    assert (codes(OTHER_SPECIALIST, "mine"), codes(OTHER_SPECIALIST, "department")) == ([dossier.code], [])
    assert (codes(SPECIALIST, "mine"), codes(SPECIALIST, "department")) == ([], [])


# --- forwarding to a named handler ------------------------------------------------------------------


def test_forwarding_names_the_next_handler_who_finds_it_in_my_work(receive_birth: ReceiveFn, travel: Any) -> None:
    # given a dossier at the desk's step
    travel(MONDAY_9AM)
    dossier = receive_birth()
    step = dossier.tasks.get(status=TaskStatus.ACTIVE)
    # the next step's eligible handlers are the ward's specialists, the step's department (VP) first
    handlers = next_handlers_for(dossier=dossier, task=step)
    assert handlers == [
        (user(VP_SPECIALIST).pk, "Hoàng Văn Thịnh"),
        (user(OTHER_SPECIALIST).pk, "Lê Thị Kim Yến"),
        (user(SPECIALIST).pk, "Trần Văn Dũng"),
    ]
    # when the desk forwards it to one of them by name
    travel(MONDAY_9AM + timedelta(minutes=20))
    dossier = act(dossier, DESK, "forward", assignee_id=user(SPECIALIST).pk, note="Chuyển anh Dũng thẩm tra")
    # then it is his work, waits in nobody's department list, and he was told
    assert (codes(SPECIALIST, "mine"), codes(SPECIALIST, "department")) == ([dossier.code], [])
    assert (codes(OTHER_SPECIALIST, "mine"), codes(OTHER_SPECIALIST, "department")) == ([], [])
    assert user(SPECIALIST).notifications.filter(kind="dossier.assigned").count() == 1
    # and the history and the audit log name him
    event = dossier.events.get(action="forward")
    assert (event.data["assignee_id"], event.data["assignee"]) == (user(SPECIALIST).pk, "Trần Văn Dũng")
    entry = AuditEntry.objects.get(action="dossiers.forward", object_id=str(dossier.pk))
    assert entry.changes["assignee"] == "Trần Văn Dũng"


def test_forwarding_to_someone_who_cannot_do_the_next_step_is_refused(receive_birth: ReceiveFn, travel: Any) -> None:
    travel(MONDAY_9AM)
    dossier = receive_birth()
    with pytest.raises(ApplicationError) as caught:
        act(dossier, DESK, "forward", assignee_id=user(CHAIRMAN).pk)  # not a specialist
    assert (caught.value.code, caught.value.status) == ("dossier.assignee_not_eligible", 400)
    # nothing changed: the desk's step is still in progress
    assert list(dossier.tasks.filter(status=TaskStatus.ACTIVE).values_list("role", flat=True)) == ["desk_officer"]


def test_no_handler_is_offered_when_the_next_step_cannot_take_one(receive_birth: ReceiveFn, travel: Any) -> None:
    # the chairman signs: the next step is the desk's return of the result (for whoever is at the desk)
    travel(MONDAY_9AM)
    dossier = act(receive_birth(), DESK, "forward")
    dossier = act(dossier, SPECIALIST, "forward", assignee_id=user(CHAIRMAN).pk)
    signing = dossier.tasks.get(status=TaskStatus.ACTIVE)
    assert signing.assignee_id == user(CHAIRMAN).pk
    assert next_handlers_for(dossier=dossier, task=signing) == []
    page = login(CHAIRMAN).get(f"/staff/dossiers/{dossier.code}/")
    assert 'data-action="sign"' in page.text
    assert f'id="id_sign-{signing.pk}_assignee_id"' not in page.text


def test_the_forward_form_offers_the_handlers_and_refuses_a_bad_one_with_a_message(
    receive_birth: ReceiveFn, travel: Any
) -> None:
    travel(MONDAY_9AM)
    dossier = receive_birth()
    step = dossier.tasks.get(status=TaskStatus.ACTIVE)
    desk = login(DESK)
    page = desk.get(f"/staff/dossiers/{dossier.code}/")
    assert f'<select name="assignee_id" aria-describedby="id_forward-{step.pk}_assignee_id_helptext"' in page.text
    assert f'<option value="{user(SPECIALIST).pk}">Trần Văn Dũng</option>' in page.text
    url = f"/staff/dossiers/{dossier.code}/actions/forward/"
    refused = desk.post(url, {"version": dossier.version, "task_id": step.pk, "assignee_id": user(CHAIRMAN).pk})
    assert refused.status_code == 400
    assert "không giữ vai trò" in refused.text or "does not hold the role" in refused.text
    done = desk.post(url, {"version": dossier.version, "task_id": step.pk, "assignee_id": user(SPECIALIST).pk})
    assert done.status_code == 302
    assert codes(SPECIALIST, "mine") == [dossier.code]
    # the role itself is still a choice: an empty handler leaves the step to the department list
    other = receive_birth()
    other_step = other.tasks.get(status=TaskStatus.ACTIVE)
    posted = desk.post(
        f"/staff/dossiers/{other.code}/actions/forward/",
        {"version": other.version, "task_id": other_step.pk, "assignee_id": ""},
    )
    assert posted.status_code == 302
    assert other.code in codes(OTHER_SPECIALIST, "department")


# --- the history names the actor's own agency --------------------------------------------------------


def test_the_acceptance_is_filed_under_the_desk_officers_own_centre(demo: None, travel: Any) -> None:
    # given online submissions to the ward centre and to the provincial centre
    travel(MONDAY_9AM)
    ward = dossier_submit_online(
        applicant_user=None, agency_id=agency_of("ttpdonghoi").pk, data=birth_intake(channel="online_full")
    )
    province = dossier_submit_online(
        applicant_user=None,
        agency_id=agency_of("ttpvhcc").pk,
        data=birth_intake(channel="online_full", procedure_code="1.013236", subject="Cấp GPXD"),
    )
    assert (ward.handling_agency, province.handling_agency) == (agency_of("pdonghoi"), agency_of("ubndt"))
    # when each centre's desk officer accepts hers
    act(ward, DESK, "accept")
    act(province, PROVINCE_DESK, "accept")
    # then each acceptance is filed under the officer's own centre, in the history and in the audit log
    for dossier, centre in ((ward, "ttpdonghoi"), (province, "ttpvhcc")):
        event = dossier.events.get(action="accept")
        assert event.agency_id == agency_of(centre).pk
        entry = AuditEntry.objects.get(action="dossiers.accept", object_id=str(dossier.pk))
        assert entry.agency_id == agency_of(centre).pk
    # and the staff page's history names the centre
    page = login(DESK).get(f"/staff/dossiers/{ward.code}/")
    assert "Trung tâm PVHCC phường Đồng Hới" in page.text or "Trung tâm Phục vụ hành chính công phường" in page.text


def test_a_rejection_by_the_desk_is_filed_under_the_centre_and_the_ward_work_under_the_ward(
    receive_birth: ReceiveFn, travel: Any
) -> None:
    travel(MONDAY_9AM)
    online = dossier_submit_online(
        applicant_user=None, agency_id=agency_of("ttpdonghoi").pk, data=birth_intake(channel="online_full")
    )
    act(online, DESK, "reject", reasons=("Trùng hồ sơ",))
    assert online.events.get(action="reject").agency_id == agency_of("ttpdonghoi").pk
    dossier = act(receive_birth(), DESK, "forward")
    act(dossier, CHAIRMAN, "extend", new_due_date=(MONDAY_9AM + timedelta(days=3)).date(), reasons=("Xác minh",))
    assert dossier.events.get(action="extend").agency_id == agency_of("pdonghoi").pk


# --- the staff home -----------------------------------------------------------------------------------


def test_the_staff_home_counts_the_waiting_work_and_links_each_list(receive_birth: ReceiveFn, travel: Any) -> None:
    # given two dossiers at the desk and one forwarded to the ward's specialists; then the desk's step is late
    travel(MONDAY_9AM)
    receive_birth()
    receive_birth()
    act(receive_birth(), DESK, "forward")
    travel(MONDAY_9AM + timedelta(hours=6))  # past the desk step's 4 working hours
    # when the desk officer and a specialist open the staff home
    desk = login(DESK).get("/staff/")
    specialist = login(SPECIALIST).get("/staff/")
    # then each sees the counts of their lists, each linking to the list
    assert desk.status_code == specialist.status_code == 200
    desk_counts = {item.name: item.count for item in desk.context["work"]}
    expected = worklist_counts(user=user(DESK))
    assert desk_counts == {name: expected[name] for name in WORK_LISTS}  # the work lists, as the tabs count them
    assert (desk_counts["mine"], desk_counts["overdue"], desk_counts["due_soon"]) == (2, 2, 0)
    assert 'href="/staff/dossiers/?list=overdue"' in desk.text
    assert 'href="/staff/dossiers/?list=mine"' in desk.text
    specialist_counts = {item.name: item.count for item in specialist.context["work"]}
    assert (specialist_counts["mine"], specialist_counts["department"]) == (0, 1)
    assert "to_receive" not in specialist_counts
    assert 'href="/staff/dossiers/?list=department"' in specialist.text


def test_the_staff_home_of_an_officer_without_dossier_roles_has_no_work_counts(demo: None) -> None:
    response = login("ubndt_dangthimylinh").get("/staff/")  # an agency administrator only
    assert response.status_code == 200
    assert response.context["work"] == []
    assert "/staff/dossiers/?list=" not in response.text


# --- filters ------------------------------------------------------------------------------------------


def test_the_filters_offer_only_the_fields_and_procedures_the_agency_handles(demo: None) -> None:
    # given the whole catalogue's fields (the demo has more than any one agency handles)
    every_field = set(ProcedureField.objects.values_list("pk", flat=True))
    # when the ward desk's filter form is drawn
    fields, procedures = filter_choices_for(user=user(DESK))
    form = WorklistFilterForm(agencies=[], fields=fields, procedures=procedures)
    offered_fields = {int(value) for value, _label in form.fields["field"].choices if value}  # type: ignore[attr-defined]
    offered_codes = [value for value, _label in form.fields["procedure"].choices if value]  # type: ignore[attr-defined]
    # then it offers the birth registration the ward handles, not the provincial building permit
    assert "1.001193" in offered_codes
    assert "1.013236" not in offered_codes
    handled_fields = set(Procedure.objects.filter(code__in=offered_codes).values_list("field_id", flat=True))
    assert offered_fields == handled_fields - {None}
    assert offered_fields < every_field
    # and the Department of Construction's filters offer its building permit, not the ward's civil status
    _fields, construction = filter_choices_for(user=user("sxd_phanvanthanh"))
    construction_codes = [code for code, _label in construction]
    assert "1.013236" in construction_codes
    assert "1.001193" not in construction_codes


def test_a_procedure_the_agency_does_not_handle_is_a_form_error_not_a_crash(
    receive_birth: ReceiveFn, travel: Any
) -> None:
    travel(MONDAY_9AM)
    dossier = receive_birth()
    desk = login(DESK)
    response = desk.get("/staff/dossiers/", {"list": "mine", "procedure": "1.013236"})
    assert response.status_code == 200
    assert response.context["rows"] == []
    assert response.context["form"].errors["procedure"]
    response = desk.get("/staff/dossiers/", {"list": "mine", "procedure": "1.001193"})
    assert [row.dossier.code for row in response.context["rows"]] == [dossier.code]
    assert '<select name="procedure" id="id_procedure">' in response.text
