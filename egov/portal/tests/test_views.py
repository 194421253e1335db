"""The public home page and the shared layout it is built on."""

from datetime import date

import pytest
import time_machine
from django.template.loader import render_to_string
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from egov.identity.models import User, UserKind
from egov.organisation.models import AdministrativeUnit, Agency, AgencyKind, UnitLevel
from egov.portal.links import url_if_routed

HOME = "/"


@pytest.fixture
def province(db: None) -> AdministrativeUnit:
    return AdministrativeUnit.objects.create(code="44", name="Quảng Trị", unit_type="Tỉnh", level=UnitLevel.PROVINCE)


def _links(html: str) -> list[str]:
    import re

    return re.findall(r'href="(/[^"]*)"', html)


def test_home_renders_in_vietnamese_by_default(client: Client, db: None) -> None:
    # when
    response = client.get(HOME)
    # then
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="vi">' in page
    assert "Chuyển đến nội dung chính" in page
    assert "Dịch vụ công trực tuyến" in page
    assert '<button type="submit" name="language" value="en" lang="en" aria-pressed="false">English</button>' in page


def test_language_switch_turns_the_site_english(client: Client, db: None) -> None:
    # when
    switched = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get(HOME)
    # then
    assert switched.status_code == 302
    assert switched["Location"] == "/"
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "Online public services" in page
    assert "Skip to main content" in page


def test_header_shows_site_and_province_names(client: Client, province: AdministrativeUnit, settings: object) -> None:
    # given
    settings.EGOV_SITE_NAME = "Cổng dịch vụ công"  # type: ignore[attr-defined]
    # when
    response = client.get(HOME)
    # then
    page = response.content.decode()
    assert '<span class="brand__name">Cổng dịch vụ công</span>' in page
    assert '<span class="brand__province">Tỉnh Quảng Trị</span>' in page
    assert "<title>Trang chủ \u2013 Cổng dịch vụ công</title>" in page


def test_a_province_unit_no_longer_valid_is_not_shown(client: Client, db: None) -> None:
    # given only a unit that ended in the past
    AdministrativeUnit.objects.create(
        code="44", name="Quảng Bình", unit_type="Tỉnh", level=UnitLevel.PROVINCE, valid_to=date(2025, 6, 30)
    )
    # when
    page = client.get(HOME).content.decode()
    # then
    assert "brand__province" not in page


def test_every_link_on_the_home_page_resolves(client: Client, db: None) -> None:
    # when
    page = client.get(HOME).content.decode()
    # then no dead links: every local link is answered by a view
    links = _links(page)
    assert "/accounts/login/" in links
    for link in links:
        path = link.split("?")[0]
        if path.startswith("/static/"):
            continue
        try:
            resolve(path)
        except Resolver404:
            pytest.fail(f"dead link on the home page: {link}")


def test_home_links_to_citizen_login_register_and_staff_login(client: Client, db: None) -> None:
    # when
    links = _links(client.get(HOME).content.decode())
    # then
    assert reverse("identity:citizen_login") in links
    assert reverse("identity:citizen_register") in links
    assert reverse("identity:login") in links


def test_url_if_routed_hides_views_that_are_not_installed() -> None:
    # when / then
    assert url_if_routed("identity:login") == "/accounts/login/"
    assert url_if_routed("identity:no_such_page") == ""


def test_contact_block_shows_the_service_centre(client: Client, province: AdministrativeUnit) -> None:
    # given
    Agency.objects.create(
        code="000.00.31.H44",
        name="Trung tâm Phục vụ hành chính công tỉnh Quảng Trị",
        kind=AgencyKind.PUBLIC_SERVICE_CENTRE,
        administrative_unit=province,
        address="01 Trần Hưng Đạo, phường Đồng Hới",
        phone="0232 3 822 123",
        email="tthcc@quangtri.gov.vn",
    )
    # when
    page = client.get(HOME).content.decode()
    # then
    assert "Trung tâm Phục vụ hành chính công tỉnh Quảng Trị" in page
    assert "01 Trần Hưng Đạo, phường Đồng Hới" in page
    assert '<a href="tel:02323822123">0232 3 822 123</a>' in page
    assert '<a href="mailto:tthcc@quangtri.gov.vn">tthcc@quangtri.gov.vn</a>' in page


def test_no_contact_block_without_an_active_service_centre(client: Client, province: AdministrativeUnit) -> None:
    # given a centre that was closed
    Agency.objects.create(
        code="000.00.31.H44",
        name="Trung tâm cũ",
        kind=AgencyKind.PUBLIC_SERVICE_CENTRE,
        administrative_unit=province,
        is_active=False,
    )
    # when
    response = client.get(HOME)
    # then
    assert response.context["service_centre"] is None
    assert "Trung tâm cũ" not in response.content.decode()


def test_anonymous_header_offers_login(client: Client, db: None) -> None:
    # when
    page = client.get(HOME).content.decode()
    # then
    assert 'class="header-login"' in page
    assert 'class="user-menu"' not in page


def test_logged_in_user_gets_a_menu_with_post_logout(client: Client, db: None) -> None:
    # given
    user = User.objects.create_user(username="hoa", password="x" * 12, kind=UserKind.STAFF, full_name="Nguyễn Thị Hoa")
    client.force_login(user)
    # when
    page = client.get(HOME).content.decode()
    # then
    assert '<summary><span class="visually-hidden">Menu tài khoản: </span>Nguyễn Thị Hoa</summary>' in page
    assert '<form action="/accounts/logout/" method="post">' in page
    assert 'href="/staff/"' in page


def test_citizen_menu_has_no_staff_link(client: Client, db: None) -> None:
    # given
    citizen = User.objects.create_user(username="dan", password="x" * 12, kind=UserKind.CITIZEN)
    client.force_login(citizen)
    # when
    page = client.get(HOME).content.decode()
    # then
    assert 'href="/staff/"' not in page


def test_home_refuses_post(client: Client, db: None) -> None:
    assert client.post(HOME).status_code == 405


def test_missing_page_uses_the_site_layout(client: Client, db: None) -> None:
    # when
    response = client.get("/khong-ton-tai/")
    # then
    assert response.status_code == 404
    page = response.content.decode()
    assert "Không tìm thấy trang" in page
    assert 'class="skip-link"' in page


@time_machine.travel("2026-04-30 10:00 +07:00", tick=False)  # Ngày Giải phóng miền Nam
def test_today_widget_on_a_public_holiday(client: Client, db: None) -> None:
    # when
    response = client.get(HOME)
    # then
    assert response.context["today"].is_working_day is False
    page = response.content.decode()
    assert '<time datetime="2026-04-30">' in page
    assert "Ngày nghỉ" in page


@time_machine.travel("2026-05-04 10:00 +07:00", tick=False)  # a Monday
def test_today_widget_on_a_working_day(client: Client, db: None) -> None:
    # when
    response = client.get(HOME)
    # then
    assert response.context["today"].is_working_day is True
    assert "Ngày làm việc" in response.content.decode()


@time_machine.travel("2101-01-03 10:00 +07:00", tick=False)  # beyond the years the calendar covers
def test_today_widget_is_left_out_where_the_calendar_ends(client: Client, db: None) -> None:
    # when
    response = client.get(HOME)
    # then the page still works, without a guess about the day
    assert response.status_code == 200
    assert response.context["today"].is_working_day is None
    assert 'id="today-title"' not in response.content.decode()


def test_server_error_page_renders_without_request_or_database() -> None:
    # when (Django renders 500.html with no context at all)
    page = render_to_string("500.html")
    # then
    assert "Đã xảy ra lỗi" in page
    assert "Something went wrong" in page
    assert "/static/css/egov.css" in page


def test_access_denied_page_uses_the_site_layout(client: Client, db: None) -> None:
    # given a citizen account opening the audit log
    citizen = User.objects.create_user(username="dan2", password="x" * 12, kind=UserKind.CITIZEN)
    client.force_login(citizen)
    # when
    response = client.get("/staff/audit/")
    # then
    assert response.status_code == 403
    assert 'class="skip-link"' in response.content.decode()
