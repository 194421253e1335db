"""The public page cache (egov.core.pagecache) on the real pages: served again without the view,
never personal, and out of date the moment the catalogue or a dossier changes."""

import dataclasses
import gzip
from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
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
from egov.identity.models import User
from egov.procedures.models import Procedure
from egov.procedures.services.catalogue import procedure_save
from egov.procedures.services.catalogue_data import procedure_data_from_version
from egov.procedures.tests.search_data import make_sample

CITIZEN = "citizen-044085001234"  # Nguyễn Văn Bình (demo)
PUBLIC_PAGES = ("/", "/thu-tuc/", "/thu-tuc/?q=khai+sinh", "/thu-tuc/1.001193/", "/thong-ke/", "/tra-cuu/")


@pytest.fixture
def dossier(receive_birth: ReceiveFn, travel: Any) -> Dossier:  # noqa: F811
    travel(MONDAY_9AM)
    return receive_birth()


def test_public_pages_are_served_again_from_the_cache_without_cookies_or_sessions(demo: None) -> None:  # noqa: F811
    client = Client()
    for path in PUBLIC_PAGES:
        first, second = client.get(path), client.get(path)
        assert (first.status_code, second.status_code) == (200, 200), path
        assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit"), path
        assert second.content == first.content, path
        assert not first.cookies, path  # no session, no CSRF cookie
        assert not second.cookies, path
        assert first["Content-Language"] == second["Content-Language"] == "vi", path
    assert Session.objects.count() == 0


def test_a_cached_page_never_carries_a_logged_in_users_name_or_csrf_token(demo: None) -> None:  # noqa: F811
    citizen = User.objects.get(username=CITIZEN)
    signed_in = Client()
    signed_in.force_login(citizen)
    mine = signed_in.get("/")
    assert citizen.full_name in mine.content.decode()
    assert "X-Page-Cache" not in mine  # a session cookie: neither looked up nor kept

    anonymous = Client()
    for _ in range(2):
        page = anonymous.get("/")
        assert page.status_code == 200
        assert citizen.full_name not in page.content.decode()
        assert "csrfmiddlewaretoken" not in page.content.decode()

    # ...and the page kept for anonymous readers is not what the citizen sees either.
    again = signed_in.get("/")
    assert citizen.full_name in again.content.decode()
    assert "X-Page-Cache" not in again


def test_a_page_that_used_a_csrf_token_is_never_kept(demo: None) -> None:  # noqa: F811
    client = Client()
    for _ in range(2):
        login = client.get("/accounts/citizen/login/")
        assert login.status_code == 200
        assert "X-Page-Cache" not in login
    assert "csrfmiddlewaretoken" in login.content.decode()


def test_english_and_vietnamese_are_kept_apart(demo: None) -> None:  # noqa: F811
    vietnamese, english = Client(), Client()
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for _ in range(2):
        assert "Thủ tục hành chính" in vietnamese.get("/thu-tuc/").content.decode()
        page = english.get("/thu-tuc/")
        assert page["Content-Language"] == "en"
        assert "Administrative procedures" in page.content.decode()


def test_readers_who_accept_gzip_get_it_compressed_once(demo: None) -> None:  # noqa: F811
    client = Client()
    plain = client.get("/thu-tuc/1.001193/")
    packed = client.get("/thu-tuc/1.001193/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert packed["X-Page-Cache"] == "hit"
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 3


def test_a_catalogue_edit_shows_on_the_cached_procedure_page_at_once(db: None) -> None:
    make_sample()
    client = Client()
    assert client.get("/thu-tuc/1.001193/")["X-Page-Cache"] == "miss"
    assert client.get("/thu-tuc/1.001193/")["X-Page-Cache"] == "hit"
    listing = client.get("/thu-tuc/?q=khai+sinh")
    assert client.get("/thu-tuc/?q=khai+sinh")["X-Page-Cache"] == "hit"

    procedure = Procedure.objects.select_related("current_version").get(code="1.001193")
    assert procedure.current_version is not None
    data = procedure_data_from_version(procedure.current_version)
    procedure_save(data=dataclasses.replace(data, name="Đăng ký khai sinh (đã sửa tên)"), acting_user=None)

    page = client.get("/thu-tuc/1.001193/")
    assert page["X-Page-Cache"] == "miss"
    assert "Đăng ký khai sinh (đã sửa tên)" in page.content.decode()
    assert "Đăng ký khai sinh (đã sửa tên)" in client.get("/thu-tuc/?q=khai+sinh").content.decode()
    assert listing.content != client.get("/thu-tuc/?q=khai+sinh").content


def test_an_edit_in_the_admin_shows_at_once_too(db: None) -> None:
    make_sample()
    client = Client()
    client.get("/thu-tuc/1.001193/")
    procedure = Procedure.objects.get(code="1.001193")
    procedure.is_active = False  # withdrawn by a model save (the admin's path): signals invalidate
    procedure.save(update_fields=["is_active"])
    assert client.get("/thu-tuc/1.001193/").status_code == 404


def test_a_dossier_transition_shows_on_its_tracking_page_and_api_at_once(dossier: Dossier) -> None:
    client = Client()
    page, api = f"/tra-cuu/{dossier.code}/", f"/api/v1/track/{dossier.code}"
    for _ in range(2):
        before = client.get(page)
        before_api = client.get(api)
    assert (before["X-Page-Cache"], before_api["X-Page-Cache"]) == ("hit", "hit")
    steps_before = [step["state"] for step in before_api.json()["steps"]]

    dossier_act(
        actor=user("ttpdonghoi_ngothithanhtam"),
        code=dossier.code,
        action="forward",
        data=ActionData(version=dossier.version),
    )

    after_api = client.get(api)
    assert after_api["X-Page-Cache"] == "miss"
    assert [step["state"] for step in after_api.json()["steps"]] != steps_before  # the desk's step is done
    after = client.get(page)
    assert after["X-Page-Cache"] == "miss"
    assert after.content != before.content
    assert client.get(page)["X-Page-Cache"] == "hit"


def test_cached_tracking_still_counts_against_the_rate_limit(dossier: Dossier, settings: Any) -> None:
    settings.DOSSIER_TRACKING_RATE_LIMIT = 3
    client = Client()
    answers = [client.get(f"/tra-cuu/{dossier.code}/") for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert answers[-1]["X-Page-Cache"] == "hit"
    refused = client.get(f"/tra-cuu/{dossier.code}/")
    assert refused.status_code == 429
    assert client.get(f"/api/v1/track/{dossier.code}").status_code == 429  # one budget for both


def test_the_catalogue_list_keeps_its_rate_limit_when_cached(db: None, settings: Any) -> None:
    make_sample()
    settings.PORTAL_CATALOGUE_RATE_LIMIT = 2
    client = Client()
    assert [client.get("/thu-tuc/").status_code for _ in range(3)] == [200, 200, 429]


def test_the_language_switch_needs_no_csrf_token_and_stays_on_our_site(db: None) -> None:
    client = Client(enforce_csrf_checks=True)
    switched = client.post("/i18n/setlang/", {"language": "en", "next": "/thu-tuc/"})
    assert switched.status_code == 302
    assert switched["Location"] == "/thu-tuc/"
    assert switched.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    elsewhere = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert elsewhere["Location"] == "/"


def test_the_cache_can_be_turned_off(demo: None, settings: Any) -> None:  # noqa: F811
    settings.EGOV_PAGE_CACHE_SECONDS = 0
    client = Client()
    assert "X-Page-Cache" not in client.get("/")
    assert "X-Page-Cache" not in client.get("/")


def test_figures_counted_anew_make_the_statistics_pages_stale(dossier: Dossier, receive_birth: ReceiveFn) -> None:  # noqa: F811
    client = Client()
    month = "/thong-ke/"
    first = client.get(month)
    assert client.get(month)["X-Page-Cache"] == "hit"
    receive_birth()
    # the figures' own cache expires (LocMemCache keys are ":<version>:<key>")
    kept = [key.split(":", 2)[2] for key in cache._cache if "public-statistics:v1" in key]  # type: ignore[attr-defined]
    cache.delete_many([key for key in kept if not key.endswith(":figures")])
    # another address of the same period counts the figures again: they changed
    assert client.get(month, {"year": "2026", "month": "11"}).status_code == 200
    again = client.get(month)
    assert again["X-Page-Cache"] == "miss"
    assert again.content != first.content
