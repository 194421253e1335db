"""Issue 13 on a phone (390 by 844 px): the citizen checking her answers and fees before submitting (a
provincial rate for the case she declared, named), and the chairman reviewing, approving and signing
the drafted birth extract from his phone. Each page fits the screen (no sideways scrolling), its
buttons and fields are finger-sized (at least 44 px high, WCAG 2.5.5) and it passes axe-core.

Screenshots: docs/screenshots/issue13-*-phone.png with EGOV_DOC_SCREENSHOTS=1 (else under
screenshots/docs/), looked at."""

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from egov.dossiers.tests.test_result_drafting import BIRTH_FORM  # noqa: F401 - the same form as the service tests
from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import DOC_SCREENSHOTS, MOBILE
from tests.e2e.test_dossiers_staff import CHAIRMAN, DEMO_PASSWORD, SPECIALIST, log_in
from tests.e2e.test_issue13_journeys import (  # noqa: F401 - journey and demo_province are fixtures
    COPY_EXTRACT,
    SCAN_PDF,
    citizen_log_in,
    demo_province,
    journey,
    start_application,
)
from tests.e2e.test_portal_citizen import submit_step
from tests.e2e.test_result_signing import at_the_specialist

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
TIER = "Từ 3 bản trở lên"


@pytest.fixture
def phone(browser: Any, live_server: Any) -> Any:
    context = browser.new_context(viewport=MOBILE, locale="vi-VN", base_url=live_server.url, has_touch=True)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def fits_a_phone(page: Any, name: str) -> None:
    """No sideways scrolling; every visible button, link-button and field at least 44 px high; axe-core."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= MOBILE["width"], (name, width)
    small = page.evaluate(
        """() => [...document.querySelectorAll(
                'main button, main .button, main input:not([type=hidden]):not([type=checkbox]):not([type=radio]), '
                + 'main select, main textarea, main summary')]
            .filter(e => e.offsetParent !== null)
            .map(e => [e.outerHTML.slice(0, 80), Math.round(e.getBoundingClientRect().height)])
            .filter(([, h]) => h < 44)"""
    )
    assert small == [], (name, small)
    assert_accessible(page, name)


def shoot(page: Any, name: str) -> None:
    DOC_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=DOC_SCREENSHOTS / f"issue13-{name}-phone.png", full_page=True)


def copy_rates() -> None:
    """The province's table prices the copies of 2.000635: 8.000 đồng a copy, 5.000 from the third."""
    from egov.procedures.models import Channel, Procedure, ProvincialFee
    from egov.procedures.services.provincial_fees import provincial_fee_save

    procedure = Procedure.objects.get(code=COPY_EXTRACT)
    council = {"amount": "0", "currency": "VND", "description": "Phí do Hội đồng nhân dân tỉnh quyết định"}
    Channel.objects.filter(version=procedure.current_version).update(fees=[council], fee_text="")
    common = {
        "procedure": procedure,
        "name": "Phí cấp bản sao trích lục hộ tịch",
        "per": "copies.count",
        "unit": "bản",
        "effective_from": date(2025, 7, 1),
        "resolution_number": "01/2025/NQ-HĐND",
    }
    provincial_fee_save(fee=ProvincialFee(amount=8000, **common), acting_user=None)
    tier = {
        "condition_field": "copies.count",
        "condition_operator": "at_least",
        "condition_value": "3",
        "condition_label": TIER,
    }
    provincial_fee_save(fee=ProvincialFee(amount=5000, **common, **tier), acting_user=None)


def test_the_citizen_reviews_her_answers_and_fees_on_a_phone(phone: Any, journey: Any) -> None:  # noqa: F811
    copy_rates()
    citizen_log_in(phone, f"/nop-ho-so/{COPY_EXTRACT}/")
    start_application(phone, COPY_EXTRACT)
    phone.fill("#ef-authority--registry_office", "Ủy ban nhân dân phường Đồng Hới")
    submit_step(phone)
    phone.fill("#ef-requester--residence", "Số 5 Lý Thường Kiệt, phường Đồng Hới, tỉnh Quảng Trị")
    phone.select_option("#ef-requester--relationship", "self")
    submit_step(phone)
    phone.select_option("#ef-record--kind", "birth")
    phone.fill("#ef-record--full_name", "Lê Thị Thu Hà")
    phone.fill("#ef-record--birth_date", "1992-05-14")
    phone.fill("#ef-record--registry_office", "Ủy ban nhân dân xã Bảo Ninh, tỉnh Quảng Bình")
    submit_step(phone)
    phone.fill("#ef-copies--count", "3")
    submit_step(phone)
    submit_step(phone)  # delivery: at the desk
    phone.check("#ef-declaration--confirmed")
    submit_step(phone)
    for section in phone.locator("section.apply-paper", has=phone.locator("input[type=file]")).all():
        if section.locator(".badge--warning").count():
            section.locator("input[type=file]").set_input_files(
                files=[{"name": "can-cuoc.pdf", "mimeType": "application/pdf", "buffer": SCAN_PDF}]
            )
    phone.locator("button[value=continue]").click()
    phone.wait_for_load_state("load")
    assert "/kiem-tra/" in phone.url, phone.locator("main").inner_text()
    # her case is named beside the rate it gives, 3 copies at 5.000 đồng
    fees = phone.locator("#fees").inner_text()
    assert TIER in fees, fees
    assert "15.000" in fees, fees
    shoot(phone, "citizen-review")
    fits_a_phone(phone, "citizen-review")


def test_the_chairman_reviews_and_signs_the_extract_on_a_phone(
    phone: Any,
    demo_province: None,  # noqa: F811
    settings: Any,
    tmp_path: Path,
) -> None:
    from egov.dossiers.contracts import ActionData
    from egov.dossiers.models import Dossier, ResultDraft, ResultTemplate
    from egov.dossiers.services.actions import dossier_act
    from egov.dossiers.tests.conftest import user

    settings.MEDIA_ROOT = str(tmp_path / "media")
    code = at_the_specialist()
    specialist = user(SPECIALIST)
    dossier = Dossier.objects.get(code=code)
    template = ResultTemplate.objects.get(procedure_id=dossier.procedure_id, notation="TLKS")
    data = ActionData(version=dossier.version, template_id=template.pk)
    dossier = dossier_act(actor=specialist, code=code, action="draft_result", data=data)
    draft = ResultDraft.objects.get(dossier=dossier)
    data = ActionData(version=dossier.version, draft_id=draft.pk)
    dossier_act(actor=specialist, code=code, action="submit_result", data=data)
    # the chairman, on his phone, reviews the pages of the draft
    log_in(phone, CHAIRMAN)
    phone.goto(f"/staff/dossiers/{code}/result/review/")
    phone.wait_for_function("document.querySelector('img.result-page').naturalWidth > 0")
    shoot(phone, "result-review")
    fits_a_phone(phone, "result-review")
    phone.get_by_role("button", name="Duyệt dự thảo").click()
    phone.wait_for_url(f"**/staff/dossiers/{code}/result/sign/")
    phone.wait_for_function("document.querySelector('img.result-page').naturalWidth > 0")
    facts = phone.locator(".result-facts").inner_text()
    assert "/TLKS" in facts, facts
    assert "SHA-256" in facts, facts
    phone.locator("[name=confirm]").check()
    phone.locator("[name=confirmation]").fill(DEMO_PASSWORD)
    shoot(phone, "result-sign")
    fits_a_phone(phone, "result-sign")
    phone.get_by_role("button", name="Ký số và đóng dấu").click(timeout=60_000)  # renders, signs and seals
    phone.wait_for_url(f"**/staff/dossiers/{code}/", timeout=60_000)
    draft.refresh_from_db()
    assert (draft.status, draft.number) == ("signed", "01/TLKS")
