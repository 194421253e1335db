"""The public tracking page: ``/tra-cuu/`` (the form) and ``/tra-cuu/<code>/`` (the progress)."""

from typing import Any

import pytest
from django.test import Client

from egov.dossiers.contracts import ActionData
from egov.dossiers.facade import dossier_act
from egov.dossiers.models import Dossier
from egov.dossiers.tests.conftest import (  # noqa: F401 - demo, receive_birth, travel are fixtures
    MONDAY_9AM,
    ReceiveFn,
    demo,
    receive_birth,
    travel,
    user,
)

FORM = "/tra-cuu/"


@pytest.fixture
def dossier(receive_birth: ReceiveFn, travel: Any) -> Dossier:  # noqa: F811
    travel(MONDAY_9AM)
    received = receive_birth()
    return dossier_act(
        actor=user("ttpdonghoi_ngothithanhtam"),
        code=received.code,
        action="forward",
        data=ActionData(version=received.version),
    )


def test_the_form_asks_for_the_code_with_a_label(client: Client, db: None) -> None:
    response = client.get(FORM)
    assert response.status_code == 200
    page = response.content.decode()
    assert '<label for="tracking-code">' in page
    assert 'name="code"' in page
    assert 'method="get"' in page  # works without JavaScript


def test_submitting_the_form_opens_the_dossiers_address(client: Client, db: None) -> None:
    response = client.get(FORM, {"code": "  H44.101.01-261102-0001 "})
    assert response.status_code == 302
    assert response["Location"] == "/tra-cuu/H44.101.01-261102-0001/"


def test_a_malformed_code_is_shown_again_with_the_reason(client: Client, db: None) -> None:
    response = client.get(FORM, {"code": "H44 <script>"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'aria-invalid="true"' in page
    assert 'id="tracking-code-error"' in page  # the reason, tied to the field by aria-describedby
    assert "<script>" not in page  # the value is escaped


def test_the_result_page_shows_the_progress_without_personal_data(client: Client, dossier: Dossier) -> None:
    response = client.get(f"/tra-cuu/{dossier.code}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert dossier.code in page
    assert "Nguyễn V. B." in page
    assert "đăng ký khai sinh" in page  # the procedure's name
    assert "17:00 03/11/2026" in page  # the appointment, in Vietnam time
    assert "09:00 02/11/2026" in page  # received
    for secret in ("Nguyễn Văn Bình", "044085001234", "0905110001", "nguyenvanbinh@example.com", "Ngô Thị Thanh Tâm"):
        assert secret not in page, secret


def test_a_lower_case_code_is_shown_at_the_receipts_address(client: Client, dossier: Dossier) -> None:
    response = client.get(f"/tra-cuu/{dossier.code.lower()}/")
    assert response.status_code == 302
    assert response["Location"] == f"/tra-cuu/{dossier.code}/"


def test_an_empty_code_asks_for_it(client: Client, db: None) -> None:
    response = client.get(FORM, {"code": "   "})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()


def test_an_unknown_code_is_404_with_the_form_and_a_message(client: Client, db: None) -> None:
    response = client.get("/tra-cuu/H44.101.01-261102-9999/")
    assert response.status_code == 404
    page = response.content.decode()
    assert 'id="tracking-code-error"' in page
    assert 'value="H44.101.01-261102-9999"' in page


def test_too_many_lookups_get_a_429_page_that_says_when_to_retry(
    client: Client, db: None, settings: Any, time_machine: Any
) -> None:
    # the clock stands still: the limit is per fixed window, and a window ending between two requests
    # would start the count again (the suite saw it once on a slow run)
    time_machine.move_to("2026-12-08 09:00:10+07:00", tick=False)
    settings.DOSSIER_TRACKING_RATE_LIMIT = 2
    statuses = [client.get("/tra-cuu/H44-0001/").status_code for _ in range(3)]
    assert statuses == [404, 404, 429]
    refused = client.get("/tra-cuu/H44-0001/")
    assert int(refused["Retry-After"]) >= 1
    assert refused["Content-Type"].startswith("text/html")
    assert str(refused["Retry-After"]) in refused.content.decode()
    # The API shares the budget: the same client is refused there too.
    assert client.get("/api/v1/track/H44-0001").status_code == 429


def test_the_home_page_links_to_tracking(client: Client, db: None) -> None:
    assert 'href="/tra-cuu/"' in client.get("/").content.decode()
