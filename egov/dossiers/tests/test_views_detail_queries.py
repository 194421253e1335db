"""The dossier page (/staff/dossiers/<code>/) costs a bounded number of SQL queries, however long the
dossier's history (issue 12): a dossier sent back and forth many times, with notes, files and steps
finished by different officers, costs the same as one just received."""

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from egov.dossiers.choices import DossierStatus, TaskStatus
from egov.dossiers.contracts import ActionData, UploadedFile
from egov.dossiers.models import Dossier
from egov.dossiers.services.actions import dossier_act
from egov.dossiers.services.intake import dossier_receive
from egov.dossiers.tests.conftest import MONDAY_9AM, ReceiveFn, agency_of, birth_intake, user

DESK, SPECIALIST, OTHER_SPECIALIST, CHAIRMAN = (
    "ttpdonghoi_ngothithanhtam",
    "pdonghoi_tranvandung",
    "pdonghoi_lethikimyen",
    "pdonghoi_nguyenvanhai",
)
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
# Measured on SQLite and PostgreSQL: the page of a dossier with any history (login, roles, dossier,
# steps, participants, rating, files, events, the leader's list of officers, …).
MAX_QUERIES = 25
ROUNDS = 6  # each: forward, claim, two notes with a file, send back → 5 events, 2 steps, 2 files


def act(dossier: Dossier, username: str, action: str, **fields: Any) -> None:
    dossier.refresh_from_db()
    dossier_act(
        actor=user(username), code=dossier.code, action=action, data=ActionData(version=dossier.version, **fields)
    )


def long_history(dossier: Dossier) -> None:
    """Back and forth between the desk and the two ward specialists, with notes and files each time."""
    for number in range(ROUNDS):
        specialist = SPECIALIST if number % 2 else OTHER_SPECIALIST
        act(dossier, DESK, "forward", note=f"Chuyển lần {number + 1}")
        act(dossier, specialist, "claim")
        scan = UploadedFile(name=f"ghi-chu-{number}.pdf", content=PDF, content_type="application/pdf")
        act(dossier, specialist, "note", note=f"Ghi chú {number + 1}", files=(scan,))
        act(dossier, CHAIRMAN, "note", note=f"Ý kiến lãnh đạo {number + 1}")
        act(dossier, specialist, "send_back", note=f"Trả lại lần {number + 1}")
    act(dossier, DESK, "forward", note="Chuyển lần cuối")
    act(dossier, SPECIALIST, "claim")


def short_history(dossier: Dossier) -> None:
    act(dossier, DESK, "forward")
    act(dossier, SPECIALIST, "claim")


def page_queries(client: Client, dossier: Dossier) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/staff/dossiers/{dossier.code}/")
    assert response.status_code == 200
    return len(captured), response.text


@pytest.mark.parametrize("username", [DESK, SPECIALIST, CHAIRMAN])
def test_the_dossier_page_costs_the_same_queries_for_a_long_history(
    receive_birth: ReceiveFn, travel: Any, django_assert_max_num_queries: Any, username: str
) -> None:
    # given a dossier just forwarded and taken, and one sent back and forth six times
    travel(MONDAY_9AM)
    short, long = receive_birth(), receive_birth()
    short_history(short)
    long_history(long)
    assert long.events.count() >= 5 * ROUNDS
    assert long.tasks.count() >= 2 * ROUNDS
    assert long.files.count() == ROUNDS
    client = Client()
    client.force_login(user(username))
    page_queries(client, short)  # the officer's roles are read once per request; warm the other caches
    # when an officer opens each page, then both cost at most the same bound
    with django_assert_max_num_queries(MAX_QUERIES):
        few, _ = page_queries(client, short)
    with django_assert_max_num_queries(MAX_QUERIES):
        many, text = page_queries(client, long)
    # and exactly as many queries: nothing is loaded once per event, step, file or note
    assert many == few
    assert f"Ghi chú {ROUNDS}" in text
    assert f"ghi-chu-{ROUNDS - 1}.pdf" in text
    long.refresh_from_db()
    assert long.status == DossierStatus.PROCESSING


def test_the_dossier_page_costs_the_same_queries_with_parallel_steps(
    demo: None, travel: Any, django_assert_max_num_queries: Any
) -> None:
    # given two building permits at the provincial centre: one at the head of division's step, the
    # other one step further, at two parallel steps (appraisal and consultation)
    travel(MONDAY_9AM)
    desk, head = "ttpvhcc_tranthibichngoc", "sxd_truongthingoc"
    one, two = (
        dossier_receive(
            actor=user(desk),
            agency_id=agency_of("ttpvhcc").pk,
            data=birth_intake(procedure_code="1.013236", subject="Cấp GPXD"),
        )
        for _n in range(2)
    )
    act(one, desk, "forward")
    act(two, desk, "forward")
    act(two, head, "forward", assignee_id=user("sxd_phanvanthanh").pk)
    assert two.tasks.filter(status=TaskStatus.ACTIVE).count() == 2
    # when the director, who may assign every step of the department, opens both pages
    client = Client()
    client.force_login(user("sxd_lequocbao"))
    page_queries(client, one)
    with django_assert_max_num_queries(MAX_QUERIES):
        single, _ = page_queries(client, one)
    with django_assert_max_num_queries(MAX_QUERIES):
        parallel, text = page_queries(client, two)
    # then the officers offered for each step are read together, not once per step
    assert parallel == single
    assert text.count('data-action="assign"') == 2
