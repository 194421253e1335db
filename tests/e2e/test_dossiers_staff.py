"""The one-stop staff pages in a real browser: a birth registration from the desk through the ward's
specialist and chairman back to the desk, with a supplementation on the way; screenshots of the
worklist, the intake form and the dossier page for people to look at."""

from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
# The flush after earlier browser tests drops the rows these migrations seed; their seeds are idempotent.
SEEDING_MIGRATIONS = (
    "egov.procedures.migrations.0002_seed_implementing_levels",
    "egov.workflow.migrations.0002_seed_announced_calendars",
    "egov.dossiers.migrations.0002_legal_rules",
)

DEMO_PASSWORD = "DemoQT@2026"
DESK, SPECIALIST, CHAIRMAN = "ttpdonghoi_ngothithanhtam", "pdonghoi_tranvandung", "pdonghoi_nguyenvanhai"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def demo_province(transactional_db: None) -> None:
    """The demo province (agencies, staff of every role) and the 24 demo procedures with processes."""
    import importlib

    from django.apps import apps

    for module in SEEDING_MIGRATIONS:
        importlib.import_module(module).seed(apps, None)
    from egov.organisation.demo.data import AGENCIES
    from egov.organisation.demo.loader import demo_load
    from egov.organisation.tests.factories import make_commune, make_province
    from egov.procedures.demo.loader import procedures_load_demo

    province = make_province(code="44", name="Tỉnh Quảng Trị")
    for code in sorted({spec.unit_code for spec in AGENCIES if spec.unit_code != "44"}):
        make_commune(code=code, parent=province)
    demo_load()
    procedures_load_demo()
    # Load every URL module now: the PDF renderer's import takes seconds, longer than a page may.
    from django.urls import get_resolver

    assert get_resolver().url_patterns


def log_in(page: Any, username: str) -> None:
    page.context.clear_cookies()
    page.goto("/accounts/login/?next=/staff/dossiers/")
    form = page.locator("main form")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(DEMO_PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_url("**/staff/dossiers/")


def act(page: Any, action: str, **fields: str) -> None:
    """Open the action's form on the dossier page, fill it and post it."""
    form = page.locator(f"form[data-action={action}]").first
    details = page.locator(f"details:has(form[data-action={action}])").first
    if details.count() and details.get_attribute("open") is None:
        details.locator("summary").click()
    for name, value in fields.items():
        form.locator(f"[name={name}]").fill(value)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state("load")


def open_dossier(page: Any, code: str) -> None:
    page.goto(f"/staff/dossiers/{code}/")


def other_dossiers() -> None:
    """A few dossiers in other states, so the worklist looks like a working day."""
    from egov.dossiers.contracts import ActionData, ApplicantData
    from egov.dossiers.services.actions import dossier_act
    from egov.dossiers.services.intake import dossier_submit_online
    from egov.dossiers.tests.conftest import agency_of, birth_intake, user

    desk = user(DESK)
    people = ["Lê Thị Hồng", "Phạm Văn Quân", "Hoàng Thị Mai"]
    for index, name in enumerate(people):
        applicant = ApplicantData(full_name=name, id_number=f"04409000{index:04d}")
        dossier = dossier_submit_online(
            applicant_user=None,
            agency_id=agency_of("ttpdonghoi").pk,
            data=birth_intake(applicant=applicant, channel="online_full"),
        )
        if index:
            dossier_act(actor=desk, code=dossier.code, action="accept", data=ActionData(version=dossier.version))


def test_a_birth_registration_through_the_staff_pages(page: Any, demo_province: None, screenshots: Path) -> None:
    from egov.dossiers.models import Dossier, Rating

    other_dossiers()
    # the desk officer starts on the online submissions to receive
    log_in(page, DESK)
    assert page.locator(".worklist-tabs [aria-current=page]").count() == 1
    page.goto("/staff/dossiers/?list=mine")
    page.screenshot(path=screenshots / "dossiers-worklist-desktop.png", full_page=True)
    # intake at the desk: find the procedure without accents, then the applicant and the papers
    page.goto("/staff/dossiers/receive/")
    page.locator("input[name=q]").fill("khai sinh")
    page.locator("input[name=q]").press("Enter")
    page.wait_for_load_state("load")
    page.locator("select[name=procedure]").select_option("1.001193")
    page.locator("form.intake-start button[type=submit]:not([name=search])").click()
    page.wait_for_load_state("load")
    page.locator("input[name=full_name]").fill("Nguyễn Văn Bình")
    page.locator("input[name=id_number]").fill("044085001234")
    page.locator("input[name=address]").fill("Số 12 Lý Thường Kiệt, phường Đồng Hới")
    page.locator("input[name=phone]").fill("0905110001")
    page.locator("#id_eform_mode_paper").check()  # she handed in the paper declaration (ticked below)
    page.locator(".paper-table input[type=checkbox]").first.check()
    page.locator("input[name=attachments]").set_input_files(
        files=[{"name": "to-khai-khai-sinh.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.screenshot(path=screenshots / "dossiers-intake-desktop.png", full_page=True)
    page.locator(".intake-form button[type=submit]").click()
    page.wait_for_load_state("load")
    assert "?received=1" in page.url
    dossier = Dossier.objects.get(applicant_name="Nguyễn Văn Bình")
    assert dossier.code in page.locator("h1").inner_text()
    # the receipt and appointment slip is a PDF
    receipt = page.locator(".dossier-received a.button").get_attribute("href")
    response = page.request.get(receipt)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    page.screenshot(path=screenshots / "dossiers-detail-received-desktop.png", full_page=True)
    # a colleague changes the dossier meanwhile: the desk's forward is refused (409), its note kept
    from egov.dossiers.contracts import ActionData
    from egov.dossiers.services.actions import dossier_act
    from egov.dossiers.tests.conftest import user

    dossier_act(actor=user(DESK), code=dossier.code, action="note", data=ActionData(note="Đã kiểm tra bản chính"))
    act(page, "forward", note="Hồ sơ đủ thành phần")
    assert page.locator("#action-error").is_visible()
    assert page.locator("form[data-action=forward] textarea[name=note]").input_value() == "Hồ sơ đủ thành phần"
    page.screenshot(path=screenshots / "dossiers-detail-conflict-desktop.png", full_page=True)
    # the page now shows the change; posting again goes through
    page.locator("form[data-action=forward] button[type=submit]").click()
    page.wait_for_load_state("load")
    assert page.locator("#action-error").count() == 0
    # the specialist takes the work waiting for her role in her department list and asks for supplementation
    log_in(page, SPECIALIST)
    page.goto("/staff/dossiers/?list=department")
    page.get_by_role("link", name=dossier.code).click()
    page.wait_for_load_state("load")
    act(page, "claim")
    page.screenshot(path=screenshots / "dossiers-detail-specialist-desktop.png", full_page=True)
    act(page, "request_supplement", reasons="Thiếu bản sao Giấy chứng sinh")
    dossier.refresh_from_db()
    assert dossier.status == "waiting_supplement"
    # the desk receives the supplement with a scan
    log_in(page, DESK)
    open_dossier(page, dossier.code)
    page.locator("form[data-action=supplement] input[name=attachments]").set_input_files(
        files=[{"name": "giay-chung-sinh.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    act(page, "supplement", note="Đã nhận bản sao Giấy chứng sinh")
    # the specialist forwards, the chairman signs
    log_in(page, SPECIALIST)
    open_dossier(page, dossier.code)
    act(page, "forward")
    log_in(page, CHAIRMAN)
    open_dossier(page, dossier.code)
    act(page, "claim")  # an unassigned step shows "Take the work" alone
    act(page, "sign", note="Đồng ý")
    dossier.refresh_from_db()
    assert dossier.status == "resolved"
    # the desk returns the result and records the applicant's rating
    log_in(page, DESK)
    open_dossier(page, dossier.code)
    page.locator("form[data-action=return_result] select[name=return_method]").select_option("desk")
    act(page, "return_result")
    page.locator("#id_rate_score_4").check()
    page.locator("form[action$='/rate/'] button[type=submit]").click()
    page.wait_for_load_state("load")
    # then
    dossier.refresh_from_db()
    assert dossier.status == "returned"
    assert Rating.objects.get(dossier=dossier).score == 5
    assert dossier.files.count() == 2
    assert page.locator(".timeline li").count() >= 9
    page.screenshot(path=screenshots / "dossiers-detail-returned-desktop.png", full_page=True)
    for name in ["worklist", "intake", "detail-received", "detail-conflict", "detail-specialist", "detail-returned"]:
        assert (screenshots / f"dossiers-{name}-desktop.png").stat().st_size > 10_000
