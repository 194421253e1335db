"""/staff/notifications/: an officer's own notices, opening one, marking them read; the nav count."""

from typing import Any

import pytest
from django.test import Client

from egov.identity.models import User, UserKind
from egov.notifications.facade import NoticeData, notify, unread_count
from egov.notifications.models import Notification

LIST = "/staff/notifications/"


@pytest.fixture
def officer(db: Any) -> User:
    return User.objects.create_user(username="an.nv", password="x" * 12, kind=UserKind.STAFF, full_name="Nguyễn Văn An")


@pytest.fixture
def colleague(db: Any) -> User:
    return User.objects.create_user(username="binh.tt", password="x" * 12, kind=UserKind.STAFF)


def tell(user: User, title: str, link: str = "", key: str = "") -> Notification:
    return notify(
        recipient_ids=[user.pk], notice=NoticeData(kind="test", title=title, link=link, dedupe_key=key or title)
    )[0]


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_list_shows_only_my_notices_and_the_unread_count_in_the_navigation(officer: User, colleague: User) -> None:
    tell(officer, "Hồ sơ H44-1: Thẩm tra")
    tell(colleague, "Hồ sơ của người khác")
    response = login(officer).get(LIST)
    assert response.status_code == 200
    assert "Hồ sơ H44-1: Thẩm tra" in response.text
    assert "Hồ sơ của người khác" not in response.text
    nav = response.text.split('class="side-nav"', 1)[1]
    assert "(1 " in nav.split(f'href="{LIST}"', 1)[1][:200]


def test_opening_a_notice_marks_it_read_and_follows_its_link(officer: User) -> None:
    item = tell(officer, "Hồ sơ H44-1", link="/staff/dossiers/H44-1/")
    response = login(officer).get(f"{LIST}{item.pk}/open/")
    assert response.status_code == 302
    assert response["Location"] == "/staff/dossiers/H44-1/"
    assert unread_count(user_id=officer.pk) == 0


def test_a_link_outside_the_site_is_not_followed(officer: User) -> None:
    item = tell(officer, "Lừa đảo", link="//evil.example/x")
    response = login(officer).get(f"{LIST}{item.pk}/open/")
    assert response["Location"] == LIST


def test_someone_elses_notice_cannot_be_opened(officer: User, colleague: User) -> None:
    item = tell(colleague, "Riêng tư", link="/staff/")
    assert login(officer).get(f"{LIST}{item.pk}/open/").status_code == 404
    assert unread_count(user_id=colleague.pk) == 1


def test_marking_chosen_or_all_notices_read(officer: User, colleague: User) -> None:
    first, _second, _third = (tell(officer, f"Thông báo {n}") for n in range(3))
    other = tell(colleague, "Thông báo khác")
    client = login(officer)
    response = client.post(f"{LIST}read/", {"ids": [first.pk, other.pk]})
    assert response.status_code == 302
    assert unread_count(user_id=officer.pk) == 2
    assert unread_count(user_id=colleague.pk) == 1  # another's id in the post changes nothing
    client.post(f"{LIST}read/", {"all": "1"})
    assert unread_count(user_id=officer.pk) == 0
    assert list(client.get(LIST, {"unread": "1"}).context["page_obj"].object_list) == []


def test_citizens_and_get_requests_cannot_mark_read(officer: User) -> None:
    tell(officer, "Thông báo")
    citizen = User.objects.create_user(username="congdan", password="x" * 12, kind=UserKind.CITIZEN)
    assert login(citizen).get(LIST).status_code == 403
    assert login(officer).get(f"{LIST}read/")["Location"] == LIST  # the list holding the button
    assert unread_count(user_id=officer.pk) == 1
