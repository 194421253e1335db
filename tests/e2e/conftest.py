"""End-to-end fixtures: Debian's Chromium driven by Playwright against pytest-django's live server.

Screenshots go to ``screenshots/`` at the repository root (git-ignored), for people to look at.
"""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

CHROMIUM = os.environ.get("EGOV_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1366, "height": 900}
MOBILE = {"width": 390, "height": 844}
PASSWORD = "Mật-khẩu-đủ-dài-2026"
REPO_ROOT = Path(__file__).resolve().parents[2]
# The screenshots the docs show (docs/screenshots/) are rewritten only when asked
# (EGOV_DOC_SCREENSHOTS=1): a test run leaves the working tree as it was, its copies in screenshots/docs/.
DOC_SCREENSHOTS = (
    REPO_ROOT / "docs" / "screenshots"
    if os.environ.get("EGOV_DOC_SCREENSHOTS") == "1"
    else REPO_ROOT / "screenshots" / "docs"
)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists() and shutil.which(CHROMIUM) is None:
        pytest.skip(f"Chromium not found at {CHROMIUM} (scripts/system-deps.sh installs it)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread; the ORM calls the tests make
    # between browser steps are still synchronous, so Django's async-safety guard must stand aside.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    """A fresh browser context (no cookies) on a desktop screen, Vietnamese browser language."""
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN", base_url=live_server.url)
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def screenshots() -> Path:
    folder = REPO_ROOT / "screenshots"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture
def province_data(transactional_db: None) -> dict[str, Any]:
    """The demo province's unit, its provincial department of justice and public service centre."""
    from egov.organisation.models import AdministrativeUnit, Agency, AgencyKind, UnitLevel

    province = AdministrativeUnit.objects.create(
        code=settings.EGOV_PROVINCE_CODE, name="Quảng Trị", unit_type="Tỉnh", level=UnitLevel.PROVINCE
    )
    justice = Agency.objects.create(
        code="000.00.06.H44",
        name="Sở Tư pháp tỉnh Quảng Trị",
        kind=AgencyKind.PROVINCIAL_DEPARTMENT,
        administrative_unit=province,
    )
    centre = Agency.objects.create(
        code="000.00.31.H44",
        name="Trung tâm Phục vụ hành chính công tỉnh Quảng Trị",
        kind=AgencyKind.PUBLIC_SERVICE_CENTRE,
        administrative_unit=province,
        address="Số 01 Trần Hưng Đạo, phường Đồng Hới, tỉnh Quảng Trị",
        phone="0232 3 822 123",
        email="tthcc@quangtri.gov.vn",
    )
    return {"province": province, "justice": justice, "centre": centre}


@pytest.fixture
def officer(province_data: dict[str, Any]) -> Any:
    """A specialist and one-stop desk officer of the department of justice, also its auditor."""
    from egov.identity.models import User, UserKind
    from egov.identity.roles import Role
    from egov.organisation.models import Department, Position, StaffMember, StaffRoleAssignment

    user = User.objects.create_user(
        username="hoa.nt", password=PASSWORD, kind=UserKind.STAFF, full_name="Nguyễn Thị Hoa"
    )
    justice = province_data["justice"]
    post = StaffMember.objects.create(
        user=user,
        agency=justice,
        department=Department.objects.create(agency=justice, code="HCTP", name="Phòng Hành chính tư pháp"),
        position=Position.objects.create(code="chuyen-vien", name="Chuyên viên", rank=50),
    )
    for role in (Role.DESK_OFFICER, Role.SPECIALIST, Role.AUDITOR):
        StaffRoleAssignment.objects.create(staff_member=post, role=role)
    return user
