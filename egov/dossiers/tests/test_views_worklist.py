"""/staff/dossiers/: the worklist page, its tabs, filters and scope."""

from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from egov.dossiers.contracts import ApplicantData
from egov.dossiers.services.intake import dossier_submit_online
from egov.dossiers.tests.conftest import MONDAY_9AM, ReceiveFn, agency_of, birth_intake, user

WORKLIST = "/staff/dossiers/"
DESK, SPECIALIST = "ttpdonghoi_ngothithanhtam", "pdonghoi_tranvandung"


def login(username: str) -> Client:
    client = Client()
    client.force_login(user(username))
    return client


def test_the_desk_starts_on_the_online_submissions_to_receive(demo: None, travel: Any) -> None:
    # given an online submission to the Đồng Hới ward centre
    travel(MONDAY_9AM)
    online = dossier_submit_online(
        applicant_user=None, agency_id=agency_of("ttpdonghoi").pk, data=birth_intake(channel="online_full")
    )
    # when its desk officer opens the worklists
    response = login(DESK).get(WORKLIST)
    # then the "to receive" tab is current, counted, and lists it
    assert response.status_code == 200
    assert [t.name for t in response.context["tabs"] if t.current] == ["to_receive"]
    assert {t.name: t.count for t in response.context["tabs"]}["to_receive"] == 1
    assert online.code in response.text
    assert f'href="/staff/dossiers/{online.code}/"' in response.text


def test_a_specialist_starts_on_my_work_and_sees_no_desk_tab(receive_birth: ReceiveFn, travel: Any) -> None:
    travel(MONDAY_9AM)
    receive_birth()
    response = login(SPECIALIST).get(WORKLIST)
    names = [t.name for t in response.context["tabs"]]
    assert "to_receive" not in names
    assert [t.name for t in response.context["tabs"] if t.current] == ["mine"]
    assert response.context["rows"] == []


def test_filters_narrow_the_list_and_keep_the_tab(receive_birth: ReceiveFn, travel: Any) -> None:
    travel(MONDAY_9AM)
    first = receive_birth()
    second = receive_birth(applicant=ApplicantData(full_name="Trần Thị Lan", id_number="044190009999"))
    desk = login(DESK)
    response = desk.get(WORKLIST, {"list": "mine", "q": "Trần Thị Lan"})
    assert [row.dossier.code for row in response.context["rows"]] == [second.code]
    assert first.code not in response.text
    # a bad date range is a form error, not a crash, and lists nothing
    response = desk.get(WORKLIST, {"list": "mine", "received_from": "2026-11-05", "received_to": "2026-11-01"})
    assert response.status_code == 200
    assert response.context["rows"] == []
    assert response.context["form"].errors["received_to"]


def test_an_unknown_list_is_404_and_another_agency_sees_nothing(receive_birth: ReceiveFn, travel: Any) -> None:
    travel(MONDAY_9AM)
    dossier = receive_birth()
    assert login(DESK).get(WORKLIST, {"list": "everything"}).status_code == 404
    outsider = login("stp_phamthimai").get(WORKLIST, {"list": "all"})
    assert outsider.status_code == 200
    assert dossier.code not in outsider.text


def test_the_page_costs_the_same_queries_with_more_rows(receive_birth: ReceiveFn, travel: Any) -> None:
    travel(MONDAY_9AM)
    desk = login(DESK)
    receive_birth()
    desk.get(WORKLIST, {"list": "mine"})

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert desk.get(WORKLIST, {"list": "mine"}).status_code == 200
        return len(captured)

    few = queries()
    for _n in range(5):
        receive_birth()
    assert queries() == few


def test_the_navigation_offers_the_one_stop_pages_by_role(receive_birth: ReceiveFn, travel: Any) -> None:
    travel(MONDAY_9AM)
    desk_page = login(DESK).get(WORKLIST).text
    assert 'href="/staff/dossiers/receive/"' in desk_page
    assert 'href="/staff/dossiers/statistics/"' not in desk_page
    leader_page = login("pdonghoi_nguyenvanhai").get(WORKLIST).text
    assert 'href="/staff/dossiers/statistics/"' in leader_page
    assert 'href="/staff/dossiers/receive/"' not in leader_page
