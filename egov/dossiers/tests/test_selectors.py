"""Worklists and reads of dossiers: who sees what in which list, filters, counts, visibility."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from egov.core.errors import NotFoundError
from egov.dossiers.contracts import ActionData, ApplicantData
from egov.dossiers.models import Dossier
from egov.dossiers.selectors import (
    WORKLISTS,
    DossierFilters,
    dossier_get_visible,
    dossier_timeline,
    dossier_worklist,
    worklist_counts,
    worklists_for,
)
from egov.dossiers.services.actions import dossier_act
from egov.dossiers.services.intake import dossier_submit_online
from egov.dossiers.tests.conftest import MONDAY_9AM, ReceiveFn, agency_of, birth_intake, user

DESK, SPECIALIST, CHAIRMAN = "ttpdonghoi_ngothithanhtam", "pdonghoi_tranvandung", "pdonghoi_nguyenvanhai"


def codes(username: str, worklist: str, **filters: Any) -> list[str]:
    qs = dossier_worklist(user=user(username), worklist=worklist, filters=DossierFilters(**filters))
    return [d.code for d in qs]


def act(dossier: Dossier, username: str, action: str, **fields: Any) -> Dossier:
    dossier.refresh_from_db()
    return dossier_act(
        actor=user(username), code=dossier.code, action=action, data=ActionData(version=dossier.version, **fields)
    )


def test_my_work_follows_the_step_from_the_desk_to_the_specialist(receive_birth: ReceiveFn, travel: Any) -> None:
    # given a dossier received at the desk (its first step is the receiving officer's)
    travel(MONDAY_9AM)
    dossier = receive_birth()
    assert codes(DESK, "mine") == [dossier.code]
    assert codes(SPECIALIST, "mine") == []
    # when the desk forwards it to the role
    act(dossier, DESK, "forward")
    # then it waits, unclaimed, in the ward specialists' department lists and is no longer the desk's
    assert codes(DESK, "mine") == []
    assert (codes(SPECIALIST, "mine"), codes(SPECIALIST, "department")) == ([], [dossier.code])
    assert codes("pdonghoi_lethikimyen", "department") == [dossier.code]
    # and the chairman, leading the ward, sees it in the department list (to assign it), not in his own work
    assert codes(CHAIRMAN, "department") == [dossier.code]
    assert codes(CHAIRMAN, "mine") == []
    # once the specialist takes it, it is only hers
    act(dossier, SPECIALIST, "claim")
    assert codes(SPECIALIST, "mine") == [dossier.code]
    assert (codes("pdonghoi_lethikimyen", "mine"), codes("pdonghoi_lethikimyen", "department")) == ([], [])


def test_to_receive_lists_online_submissions_of_my_desk_only(demo: None, travel: Any) -> None:
    travel(MONDAY_9AM)
    citizen_data = birth_intake(channel="online_full")
    online = dossier_submit_online(applicant_user=None, agency_id=agency_of("ttpdonghoi").pk, data=citizen_data)
    assert codes(DESK, "to_receive") == [online.code]
    assert codes("ttpvhcc_tranthibichngoc", "to_receive") == []
    assert "to_receive" not in worklists_for(user=user(SPECIALIST))


def test_due_soon_overdue_waiting_and_finished(receive_birth: ReceiveFn, travel: Any) -> None:
    # given two dossiers received on Monday 9:00; the desk step has 4 working hours
    travel(MONDAY_9AM)
    late, waiting = receive_birth(), receive_birth()
    act(waiting, DESK, "request_supplement", reasons=("Thiếu tờ khai",))
    assert codes(DESK, "due_soon") == [late.code]  # the warning horizon (4 working hours) covers it
    assert codes(DESK, "overdue") == []
    # when the clock passes the step's due time (Monday 13:00 + lunch → 14:00)
    travel(MONDAY_9AM + timedelta(hours=6))
    # then the step is overdue; the paused dossier waits with its steps
    assert codes(DESK, "overdue") == [late.code]
    assert codes(DESK, "waiting") == [waiting.code]
    assert late.code not in codes(DESK, "waiting")
    # and the auditor (no step of his own) sees dossiers by their appointment
    assert codes("ubndt_phamquanghuy", "overdue") == []
    # when the late one is finished it moves to the finished list
    act(late, DESK, "withdraw")
    assert codes(DESK, "finished") == [late.code]
    assert codes(DESK, "overdue") == []


def test_filters_by_code_name_id_number_procedure_and_dates(receive_birth: ReceiveFn, travel: Any) -> None:
    travel(MONDAY_9AM)
    first = receive_birth()
    other = ApplicantData(full_name="Trần Thị Lan", id_number="044190009999")
    second = receive_birth(applicant=other)
    assert codes(DESK, "all", q=first.code[:-2]) == [second.code, first.code]
    assert codes(DESK, "all", q=first.code) == [first.code]
    assert codes(DESK, "all", q="Trần Thị") == [second.code]
    assert codes(DESK, "all", q="044190009999") == [second.code]
    assert codes(DESK, "all", procedure_code="1.001193") == [second.code, first.code]
    assert codes(DESK, "all", procedure_code="1.000894") == []
    assert codes(DESK, "all", received_from=date(2026, 11, 2), received_to=date(2026, 11, 2)) == [
        second.code,
        first.code,
    ]
    assert codes(DESK, "all", received_from=date(2026, 11, 3)) == []
    assert codes(DESK, "all", status="processing", channel="counter") == [second.code, first.code]
    assert codes(DESK, "all", channel="post") == []
    assert codes(DESK, "all", agency_id=agency_of("ttpdonghoi").pk) == [second.code, first.code]
    assert codes(DESK, "all", field_id=first.field_id) == [second.code, first.code]


def test_counts_match_the_lists(receive_birth: ReceiveFn, travel: Any) -> None:
    travel(MONDAY_9AM)
    receive_birth()
    receive_birth()
    counts = worklist_counts(user=user(DESK))
    assert set(counts) == set(WORKLISTS)
    for name in worklists_for(user=user(DESK)):
        assert counts[name] == len(codes(DESK, name)), name
    assert counts["mine"] == 2
    assert worklist_counts(user=user(SPECIALIST))["to_receive"] == 0


def test_a_page_of_the_worklist_costs_the_same_queries_for_more_rows(receive_birth: ReceiveFn, travel: Any) -> None:
    travel(MONDAY_9AM)
    desk = user(DESK)

    def queries_for_page() -> int:
        with CaptureQueriesContext(connection) as captured:
            for dossier in dossier_worklist(user=desk, worklist="mine")[:50]:
                _ = (dossier.procedure.name, dossier.receiving_agency.name)
                _ = [(t.name, t.agency.name, t.assignee) for t in dossier.active_tasks]  # type: ignore[attr-defined]
        return len(captured)

    receive_birth()
    queries_for_page()  # the officer's roles are read once and remembered
    few = queries_for_page()
    for _n in range(4):
        receive_birth()
    assert queries_for_page() == few


def test_a_dossier_is_visible_only_to_the_agencies_that_worked_on_it(receive_birth: ReceiveFn, travel: Any) -> None:
    travel(MONDAY_9AM)
    dossier = receive_birth()
    assert dossier_get_visible(user=user(DESK), code=dossier.code) == dossier
    assert dossier_get_visible(user=user("ubndt_phamquanghuy"), code=dossier.code) == dossier
    with pytest.raises(NotFoundError):
        dossier_get_visible(user=user("stp_phamthimai"), code=dossier.code)
    with pytest.raises(NotFoundError):
        dossier_get_visible(user=user(DESK), code="H44.101.01-000000-9999")
    assert codes("stp_phamthimai", "all") == []


def test_the_public_timeline_leaves_out_internal_work(receive_birth: ReceiveFn, travel: Any) -> None:
    travel(MONDAY_9AM)
    dossier = receive_birth()
    act(dossier, DESK, "note", note="Nội bộ")
    act(dossier, DESK, "forward")
    everything = [e.action for e in dossier_timeline(dossier=dossier)]
    public = [e.action for e in dossier_timeline(dossier=dossier, public_only=True)]
    assert everything == ["receive", "note", "forward"]
    assert public == ["receive", "forward"]
