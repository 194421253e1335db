"""The public statistics page (/thong-ke/): figures per agency and field for a month and its year."""

# ruff: noqa: F811 - the fixtures of the one-stop engine's tests are imported by name

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from egov.dossiers.models import Dossier
from egov.dossiers.tests.conftest import (  # noqa: F401 - demo, receive_birth and travel are fixtures
    MONDAY_9AM,
    ReceiveFn,
    demo,
    receive_birth,
    travel,
)
from egov.portal.tests.test_account import DESK, SPECIALIST, act
from egov.portal.views_statistics import _number, _rate
from egov.workflow.facade import VIETNAM_TZ

URL = "/thong-ke/"
CHAIRMAN = "pdonghoi_nguyenvanhai"
NOV_20 = datetime(2026, 11, 20, 10, 0, tzinfo=VIETNAM_TZ)
OCT_5 = datetime(2026, 10, 5, 9, 0, tzinfo=VIETNAM_TZ)  # a Monday


@pytest.fixture(autouse=True)
def _fresh_cache() -> Any:
    cache.clear()
    yield
    cache.clear()


def resolve(dossier: Dossier, travel: Any, start: datetime) -> Dossier:
    for hours, who, action in ((1, DESK, "forward"), (2, SPECIALIST, "forward"), (3, CHAIRMAN, "sign")):
        travel(start + timedelta(hours=hours))
        dossier = act(who, dossier, action)
    return dossier


@pytest.fixture
def dossiers(receive_birth: ReceiveFn, travel: Any) -> list[Dossier]:
    """October: one received and resolved. November: three received, one resolved, one withdrawn."""
    travel(OCT_5)
    october = resolve(receive_birth(), travel, OCT_5)
    travel(MONDAY_9AM)
    resolved, withdrawn, open_ = receive_birth(), receive_birth(), receive_birth()
    resolved = resolve(resolved, travel, MONDAY_9AM)
    withdrawn = act(DESK, withdrawn, "withdraw", note="Người yêu cầu xin rút")
    return [october, resolved, withdrawn, open_]


def expected(start: datetime, end: datetime) -> dict[str, int]:
    """The figures computed from the rows themselves."""
    rows = list(Dossier.objects.all())
    finished = [d for d in rows if d.finished_at and start <= d.finished_at < end]
    on_time = [d for d in finished if d.status == "withdrawn" or d.timeliness in ("early", "on_time")]
    return {
        "received": sum(1 for d in rows if d.received_at and start <= d.received_at < end),
        "resolved": len(finished),
        "on_time": len(on_time),
        "late": sum(1 for d in finished if d.status != "withdrawn" and d.timeliness == "late"),
    }


def as_shown(figures: dict[str, int]) -> dict[str, str]:
    rate = _rate(round(100 * figures["on_time"] / figures["resolved"], 2)) if figures["resolved"] else ""
    return {**{key: str(value) for key, value in figures.items()}, "rate": rate}


def test_the_figures_match_the_dossiers_of_the_month_and_the_year(
    client: Client, dossiers: list[Dossier], travel: Any
) -> None:
    # when the page is opened on 20 November
    travel(NOV_20)
    response = client.get(f"{URL}?year=2026&month=11")
    # then
    assert response.status_code == 200
    month, year = response.context["blocks"]
    november = as_shown(expected(datetime(2026, 11, 1, tzinfo=VIETNAM_TZ), datetime(2026, 11, 21, tzinfo=VIETNAM_TZ)))
    whole_year = as_shown(expected(datetime(2026, 1, 1, tzinfo=VIETNAM_TZ), datetime(2026, 11, 21, tzinfo=VIETNAM_TZ)))
    assert november == {"received": "3", "resolved": "2", "on_time": "2", "late": "0", "rate": _rate(100.0)}
    assert whole_year["received"] == "4"
    centre = dossiers[0].receiving_agency.name
    by_agency, by_field = month["tables"]
    assert by_agency["rows"] == [{"label": centre, **november}]
    assert by_field["rows"] == [{"label": dossiers[0].field.name, **november}]  # type: ignore[union-attr]
    assert by_agency["total"] == {"label": "", **november}
    assert year["tables"][0]["rows"] == [{"label": centre, **whole_year}]
    # tables for every reader: caption, header scopes, a focusable scrolling region
    html = response.content.decode()
    assert html.count('role="region"') == 4
    assert 'tabindex="0"' in html
    assert '<th scope="col"' in html
    assert '<th scope="row">' in html
    assert "<caption" in html
    assert 'aria-label="Tháng 11/2026' in html or 'aria-label="Month 11/2026' in html
    # and nothing about the applicants
    assert "Nguyễn Văn Bình" not in html
    assert dossiers[1].code not in html


def test_without_parameters_the_current_month_is_shown(client: Client, dossiers: list[Dossier], travel: Any) -> None:
    travel(NOV_20)
    response = client.get(URL)
    assert response.status_code == 200
    assert (response.context["period"].year, response.context["period"].month) == (2026, 11)
    assert response.context["blocks"][0]["total"]["received"] == "3"
    # the main navigation marks the page
    assert 'href="/thong-ke/" aria-current="page"' in response.content.decode()


def test_an_earlier_month_of_the_year(client: Client, dossiers: list[Dossier], travel: Any) -> None:
    travel(NOV_20)
    response = client.get(f"{URL}?year=2026&month=10")
    month, year = response.context["blocks"]
    assert month["total"]["received"] == "1"
    assert month["total"]["resolved"] == "1"
    assert year["stats"].period_to == NOV_20.date()  # the year so far


@pytest.mark.parametrize(
    "query",
    [
        "year=abc",
        "year=1999",
        "year=2027",
        "month=13",
        "month=0",
        "month=-1",
        "year=2026&month=12",
        "month=x&year=2026",
    ],
)
def test_a_bad_period_falls_back_to_the_current_month_with_the_reason(
    client: Client, db: None, travel: Any, query: str
) -> None:
    travel(NOV_20)
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 400
    assert (response.context["period"].year, response.context["period"].month) == (2026, 11)
    assert response.context["error"]
    assert 'role="alert"' in response.content.decode()


def test_the_figures_are_cached_for_a_few_minutes(
    client: Client, dossiers: list[Dossier], receive_birth: ReceiveFn, travel: Any, settings: Any
) -> None:
    settings.EGOV_PAGE_CACHE_SECONDS = 0  # the figures' own cache, under the page cache (test_page_cache)
    travel(NOV_20)
    assert client.get(URL).context["blocks"][0]["total"]["received"] == "3"
    receive_birth()
    assert client.get(URL).context["blocks"][0]["total"]["received"] == "3"
    cache.clear()
    assert client.get(URL).context["blocks"][0]["total"]["received"] == "4"


def test_numbers_are_written_the_vietnamese_way() -> None:
    with translation.override("vi"):
        assert _number(1234567) == "1.234.567"
        assert _rate(66.67) == "66,7%"
        assert _rate(None) == ""
    with translation.override("en"):
        assert _number(1234567) == "1,234,567"
        assert _rate(66.67) == "66.7%"


def test_an_empty_period_says_so(client: Client, db: None, travel: Any) -> None:
    travel(NOV_20)
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["blocks"][0]["tables"][0]["rows"] == []
    assert 'class="empty-state"' in response.content.decode()
