"""The staff console in a real browser: the real login page, the officer's home, the audit log."""

from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from egov.identity.roles import Role

from .conftest import MOBILE, PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _log_in(page: Any, username: str) -> None:
    page.goto("/staff/")
    # an anonymous visitor is sent to the staff login, which brings them back afterwards
    assert page.url.endswith("/accounts/login/?next=/staff/")
    form = page.locator("main form")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_url("**/staff/")


def test_staff_login_leads_to_home_with_agency_and_roles(page: Any, officer: Any) -> None:
    # when
    _log_in(page, "hoa.nt")
    # then
    assert page.get_by_role("heading", level=1).inner_text() == "Xin chào, Nguyễn Thị Hoa"
    posts = page.locator("table").inner_text()
    assert "Sở Tư pháp tỉnh Quảng Trị" in posts
    assert "Phòng Hành chính tư pháp" in posts
    assert "Chuyên viên" in posts
    with translation.override("vi"):
        expected_roles = [str(role.label) for role in (Role.DESK_OFFICER, Role.SPECIALIST, Role.AUDITOR)]
    assert page.locator("table .badge").all_inner_texts() == expected_roles
    nav = page.get_by_role("navigation", name="Điều hướng khu vực cán bộ")
    assert nav.get_by_role("link", name="Nhật ký kiểm toán").is_visible()
    assert nav.get_by_role("link", name="Quản trị").count() == 0


def test_staff_home_keyboard_skip_link(page: Any, officer: Any) -> None:
    # given
    _log_in(page, "hoa.nt")
    # when
    page.keyboard.press("Tab")
    # then
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == "#main"


def test_auditor_verifies_the_chain_from_the_audit_log(page: Any, officer: Any) -> None:
    # given
    from egov.core.services.audit import audit_record

    audit_record(actor=officer, action="organisation.agency_update", object_type="organisation.agency", object_id=1)
    _log_in(page, "hoa.nt")
    # when
    page.get_by_role("link", name="Nhật ký kiểm toán").first.click()
    page.get_by_role("button", name="Kiểm tra chuỗi").click()
    # then
    assert page.get_by_role("status").inner_text().startswith("Chuỗi nguyên vẹn.")


def test_user_menu_logs_out_with_a_post(page: Any, officer: Any) -> None:
    # given
    _log_in(page, "hoa.nt")
    # when
    page.locator(".user-menu summary").click()
    with translation.override("vi"):
        log_out = translation.gettext("Log out")
    page.locator(".user-menu").get_by_role("button", name=log_out).click()
    page.wait_for_load_state("load")
    # then the staff home asks for a login again
    page.goto("/staff/")
    assert "/accounts/login/" in page.url


def test_screenshots_of_the_staff_console(page: Any, officer: Any, screenshots: Path) -> None:
    # given
    from egov.core.services.audit import audit_record

    for number in range(1, 4):
        audit_record(
            actor=officer,
            action="organisation.staff_update",
            object_type="organisation.staffmember",
            object_id=number,
            agency_id=officer.staff_posts.get().agency_id,
            changes={"position": ["", "Chuyên viên"]},
        )
    page.goto("/accounts/login/")
    page.screenshot(path=screenshots / "staff-login-desktop.png", full_page=True)
    _log_in(page, "hoa.nt")
    # when
    page.screenshot(path=screenshots / "staff-home-desktop.png", full_page=True)
    page.goto("/staff/audit/")
    page.screenshot(path=screenshots / "staff-audit-log-desktop.png", full_page=True)
    page.goto("/staff/audit/3/")
    page.screenshot(path=screenshots / "staff-audit-entry-desktop.png", full_page=True)
    page.set_viewport_size(MOBILE)
    page.goto("/staff/")
    page.screenshot(path=screenshots / "staff-home-mobile.png", full_page=True)
    page.goto("/staff/audit/")
    page.screenshot(path=screenshots / "staff-audit-log-mobile.png", full_page=True)
    # then
    for name in [
        "staff-login-desktop",
        "staff-home-desktop",
        "staff-audit-log-desktop",
        "staff-audit-entry-desktop",
        "staff-home-mobile",
        "staff-audit-log-mobile",
    ]:
        assert (screenshots / f"{name}.png").stat().st_size > 10_000
