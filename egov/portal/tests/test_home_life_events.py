"""The home page: the search box first, life events and popular procedures from the catalogue, and the
main navigation of the public layout."""

# ruff: noqa: F811 - the fixtures of the one-stop engine's tests are imported by name

import re
from datetime import timedelta
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from egov.dossiers.tests.conftest import (  # noqa: F401 - demo, receive_birth and travel are fixtures
    MONDAY_9AM,
    ReceiveFn,
    demo,
    receive_birth,
    travel,
)
from egov.identity.models import User, UserKind
from egov.portal.life_events import LIFE_EVENTS, POPULAR_FALLBACK
from egov.procedures.models import Procedure


@pytest.fixture(autouse=True)
def _fresh_cache() -> Any:
    cache.clear()
    yield
    cache.clear()


def linked_procedures(html: str, section_id: str) -> list[str]:
    """The procedure codes linked from one section of the page, in order."""
    match = re.search(rf'id="{section_id}".*?</(?:section|ol)>', html, re.S)
    assert match, section_id
    return re.findall(r'href="/thu-tuc/([^/"]+)/"', match.group(0))


def test_search_comes_first_then_life_events_with_active_procedures_only(client: Client, demo: None) -> None:
    # given marriage registration withdrawn from the catalogue and every business procedure too
    Procedure.objects.filter(code="1.000894").update(is_active=False)
    business = next(e for e in LIFE_EVENTS if e.slug == "kinh-doanh")
    Procedure.objects.filter(code__in=business.procedure_codes).update(is_active=False)
    # when
    html = client.get("/").content.decode()
    # then the search form is the first form of the content, before the life events
    main = html[html.index('<main id="main"') :]
    assert main.index('class="home-search"') < main.index('class="life-events"') < main.index('id="popular-title"')
    # each group has its anchor and lists its active procedures in the order of the data
    active = set(Procedure.objects.filter(is_active=True).values_list("code", flat=True))
    for event in LIFE_EVENTS:
        if event.slug == "kinh-doanh":
            assert f'id="{event.slug}"' not in html  # nothing to apply for: the group is left out
            continue
        assert f'href="#{event.slug}"' in html
        assert linked_procedures(html, event.slug) == [c for c in event.procedure_codes if c in active]
    assert "1.000894" not in linked_procedures(html, "ket-hon")
    assert linked_procedures(html, "sinh-con")[:2] == ["2.000986", "1.001193"]


def test_popular_procedures_fall_back_to_everyday_ones_without_dossiers(client: Client, demo: None) -> None:
    # given no dossier at all and the death registration withdrawn
    Procedure.objects.filter(code="1.000656").update(is_active=False)
    # when
    response = client.get("/")
    # then
    assert [p.code for p in response.context["popular"]] == [c for c in POPULAR_FALLBACK if c != "1.000656"]


def test_popular_procedures_are_the_most_received_lately_and_counted_every_few_minutes(
    client: Client,
    receive_birth: ReceiveFn,
    travel: Any,
    settings: Any,
) -> None:
    settings.EGOV_PAGE_CACHE_SECONDS = 0  # the counts' own cache, under the page cache (test_page_cache)
    # given two death registrations and a birth registration this month, and marriages long ago
    travel(MONDAY_9AM - timedelta(days=120))
    for _n in range(3):
        receive_birth(procedure_code="1.000894")
    travel(MONDAY_9AM)
    receive_birth(procedure_code="1.000656")
    receive_birth(procedure_code="1.000656")
    receive_birth()
    # when
    response = client.get("/")
    # then only the last 90 days count, the most received first
    assert [p.code for p in response.context["popular"]] == ["1.000656", "1.001193"]
    assert 'href="/thu-tuc/1.000656/"' in response.content.decode()
    # the counts are kept a few minutes: new dossiers show once they expire
    for _n in range(3):
        receive_birth()
    assert [p.code for p in client.get("/").context["popular"]] == ["1.000656", "1.001193"]
    cache.clear()
    assert [p.code for p in client.get("/").context["popular"]] == ["1.001193", "1.000656"]


def test_a_withdrawn_procedure_is_never_popular(client: Client, receive_birth: ReceiveFn, travel: Any) -> None:
    travel(MONDAY_9AM)
    receive_birth()
    Procedure.objects.filter(code="1.001193").update(is_active=False)
    assert [p.code for p in client.get("/").context["popular"]] == [c for c in POPULAR_FALLBACK if c != "1.001193"]


def test_the_navigation_offers_my_dossiers_to_citizens_only(client: Client, db: None) -> None:
    # anonymous visitors: procedures, tracking, statistics
    html = client.get("/").content.decode()
    nav = html[html.index('class="public-nav"') : html.index("</nav>", html.index('class="public-nav"'))]
    assert re.findall(r'href="([^"]+)"', nav) == ["/thu-tuc/", "/tra-cuu/", "/thong-ke/"]
    # an officer does not get "my dossiers"
    officer = User.objects.create_user(username="hoa", password="x" * 12, kind=UserKind.STAFF)
    client.force_login(officer)
    assert 'href="/ca-nhan/ho-so/"' not in client.get("/").content.decode()
    # a citizen does, in the menu and on the home page
    citizen = User.objects.create_user(username="dan", password="x" * 12, kind=UserKind.CITIZEN)
    client.force_login(citizen)
    html = client.get("/").content.decode()
    nav = html[html.index('class="public-nav"') : html.index("</nav>", html.index('class="public-nav"'))]
    assert re.findall(r'href="([^"]+)"', nav) == ["/thu-tuc/", "/tra-cuu/", "/thong-ke/", "/ca-nhan/ho-so/"]
    assert '<a class="button" href="/ca-nhan/ho-so/">' in html


def test_the_catalogue_page_is_marked_current(client: Client, db: None) -> None:
    assert 'href="/thu-tuc/" aria-current="page"' in client.get("/thu-tuc/").content.decode()
