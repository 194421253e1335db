"""The staff read path at scale (issue 12): the worklist counts come from a fixed number of queries
and match the lists; the page's rows load only what they show and cost the same queries for more
rows; the waiting, finished and all tabs' counts are kept a minute."""

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from egov.dossiers.contracts import ActionData
from egov.dossiers.models import Dossier
from egov.dossiers.selectors import (
    KEPT_COUNT_SECONDS,
    ROW_FIELDS,
    WORKLISTS,
    dossier_worklist,
    worklist_counts,
    worklist_rows,
    worklists_for,
)
from egov.dossiers.services.actions import dossier_act
from egov.dossiers.tests.conftest import MONDAY_9AM, ReceiveFn, user

DESK, SPECIALIST, CHAIRMAN = "ttpdonghoi_ngothithanhtam", "pdonghoi_tranvandung", "pdonghoi_nguyenvanhai"
AUDITOR = "ubndt_phamquanghuy"  # province-wide view: every agency
PROVINCE_CHAIRMAN = "ubndt_hoangvannam"  # leads the province People's Committee: reads every agency below it
OFFICERS = (DESK, SPECIALIST, "pdonghoi_lethikimyen", CHAIRMAN, AUDITOR, PROVINCE_CHAIRMAN, "stp_phamthimai")


def act(dossier: Dossier, username: str, action: str, **fields: Any) -> None:
    dossier.refresh_from_db()
    dossier_act(
        actor=user(username), code=dossier.code, action=action, data=ActionData(version=dossier.version, **fields)
    )


def a_ward_at_work(receive_birth: ReceiveFn, travel: Any) -> None:
    """Dossiers at every point of the ward's process: at the desk, with the specialists (unassigned
    and taken), with the chairman, waiting for the applicant, overdue, finished."""
    travel(MONDAY_9AM)
    _at_desk, unassigned, taken, signing, waiting, withdrawn = (receive_birth() for _n in range(6))
    for dossier in (unassigned, taken, signing):
        act(dossier, DESK, "forward")
    act(taken, SPECIALIST, "claim")
    act(signing, SPECIALIST, "forward")
    act(waiting, DESK, "request_supplement", reasons=("Thiếu tờ khai",))
    act(withdrawn, DESK, "withdraw")
    travel(MONDAY_9AM + timedelta(hours=6))  # the desk's 4 working hours are over: its step is overdue
    receive_birth()  # and one more, just received: due soon


def codes(username: str, worklist: str, **options: Any) -> list[str]:
    return [d.code for d in dossier_worklist(user=user(username), worklist=worklist, **options)]


@pytest.mark.parametrize("username", OFFICERS)
def test_every_tab_counts_exactly_its_list(receive_birth: ReceiveFn, travel: Any, username: str) -> None:
    a_ward_at_work(receive_birth, travel)
    counts = worklist_counts(user=user(username))
    assert set(counts) == set(WORKLISTS)
    lists = worklists_for(user=user(username))
    for name in WORKLISTS:
        assert counts[name] == (len(codes(username, name)) if name in lists else 0), name


def test_the_ward_lists_hold_what_each_officer_has_to_do(receive_birth: ReceiveFn, travel: Any) -> None:
    a_ward_at_work(receive_birth, travel)
    desk, specialist, chairman = (worklist_counts(user=user(u)) for u in (DESK, SPECIALIST, CHAIRMAN))
    assert (desk["mine"], desk["overdue"], desk["due_soon"], desk["waiting"], desk["finished"]) == (2, 1, 1, 1, 1)
    assert (specialist["mine"], specialist["department"]) == (1, 1)  # the taken one; the unassigned one
    # nothing taken; the unassigned examination and the signing, waiting for him (the desk's are the centre's)
    assert (chairman["mine"], chairman["department"]) == (0, 2)
    assert worklist_counts(user=user(AUDITOR))["all"] == 7


def test_the_counts_cost_a_fixed_number_of_queries(receive_birth: ReceiveFn, travel: Any) -> None:
    a_ward_at_work(receive_birth, travel)
    desk = user(DESK)
    worklists_for(user=desk)  # the officer's roles are read once and remembered

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            worklist_counts(user=desk)
        return len(captured)

    # the departments, (the calendar, for "due soon"), the four task-based tabs in one query, to
    # receive; and waiting, finished and all, which are then kept
    first, kept = queries(), queries()
    assert first == kept + 3
    assert kept <= 5
    for _n in range(3):
        receive_birth()
    assert queries() == kept


def test_the_waiting_finished_and_all_counts_are_kept_a_minute(receive_birth: ReceiveFn, travel: Any) -> None:
    # given the desk's counts, just read
    travel(MONDAY_9AM)
    first, second = receive_birth(), receive_birth()
    counts = worklist_counts(user=user(DESK))
    assert (counts["mine"], counts["waiting"], counts["finished"], counts["all"]) == (2, 0, 0, 2)
    # when one dossier waits for the applicant and the other is withdrawn, and a third is received
    act(first, DESK, "request_supplement", reasons=("Thiếu tờ khai",))
    act(second, DESK, "withdraw")
    receive_birth()
    # then the work tabs change at once, the kept ones once their minute is over
    counts = worklist_counts(user=user(DESK))
    assert (counts["mine"], counts["waiting"], counts["finished"], counts["all"]) == (1, 0, 0, 2)
    travel(MONDAY_9AM + timedelta(seconds=KEPT_COUNT_SECONDS + 1))
    counts = worklist_counts(user=user(DESK))
    assert (counts["mine"], counts["waiting"], counts["finished"], counts["all"]) == (1, 1, 1, 3)


@pytest.mark.parametrize("username", [DESK, CHAIRMAN, AUDITOR])
def test_the_page_rows_are_the_lists_dossiers_with_only_what_a_row_shows(
    receive_birth: ReceiveFn, travel: Any, username: str
) -> None:
    a_ward_at_work(receive_birth, travel)
    a_ward_at_work(receive_birth, travel)
    for name in worklists_for(user=user(username)):
        full = list(dossier_worklist(user=user(username), worklist=name))
        lean = list(dossier_worklist(user=user(username), worklist=name, row_fields_only=True))
        assert [d.code for d in lean] == [d.code for d in full], name
        rows = worklist_rows(user=user(username), worklist=name)
        assert len(rows) == len(full)
        assert [d.code for d in rows[0:50]] == [d.code for d in full], name
        assert [d.code for d in rows[2:4]] == [d.code for d in full[2:4]], name
        for mine, whole in zip(rows[0:50], full, strict=True):
            fields = [f for f in ROW_FIELDS if f != "procedure"]
            assert [getattr(mine, f) for f in fields] == [getattr(whole, f) for f in fields]
            assert (mine.procedure.code, mine.procedure.name) == (whole.procedure.code, whole.procedure.name)
            assert [t.pk for t in mine.active_tasks] == [t.pk for t in whole.active_tasks]  # type: ignore[attr-defined]
            assert getattr(mine, "work_due", None) == getattr(whole, "work_due", None)
            assert {"form_data", "process_snapshot", "papers"} <= mine.get_deferred_fields()


@pytest.mark.parametrize(
    ("username", "worklist"),
    [(DESK, "overdue"), (CHAIRMAN, "department"), (SPECIALIST, "mine"), (AUDITOR, "all"), (DESK, "finished")],
)
def test_every_tab_page_costs_the_same_queries_with_more_rows(
    receive_birth: ReceiveFn, travel: Any, username: str, worklist: str
) -> None:
    a_ward_at_work(receive_birth, travel)
    client = Client()
    client.force_login(user(username))

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/staff/dossiers/", {"list": worklist})
        assert response.status_code == 200
        return len(captured), len(response.context["rows"])

    queries()  # the waiting, finished and all counts are kept: both measures below read them from the cache
    few, rows = queries()
    assert rows >= 1
    a_ward_at_work(receive_birth, travel)
    more, more_rows = queries()
    assert more_rows > rows
    assert more == few
