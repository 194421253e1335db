"""The e-form in the officer's hands, in a real browser (issue 13 item 3): the desk sees the citizen's
answers of a birth registration on the dossier page (desktop), questions the child's date of birth
when asking for a supplement, the citizen corrects it on her phone, and the officer sees the
correction. Screenshots: docs/screenshots/issue13-staff-answers.png, issue13-supplement-answers.png."""

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import DESKTOP, DOC_SCREENSHOTS, MOBILE
from tests.e2e.test_dossiers_staff import DEMO_PASSWORD, demo_province, log_in  # noqa: F401 - a fixture

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
DESK = "ttpdonghoi_ngothithanhtam"
PASSWORD = "Mật-khẩu-đủ-dài-2026"
NOTE = "Ngày sinh khác với Giấy chứng sinh số 123/GCS"
DOCS = DOC_SCREENSHOTS


@pytest.fixture
def submitted(demo_province: None, settings: Any, tmp_path: Path) -> Any:  # noqa: F811
    """Lê Thị Thu Hà's birth registration, submitted online with the e-form filled in."""
    from egov.dossiers.contracts import ApplicantData, IntakeData
    from egov.dossiers.services.intake import dossier_submit_online
    from egov.dossiers.tests.conftest import agency_of
    from egov.dossiers.tests.test_answers import answers
    from egov.identity.services.citizens import citizen_register

    settings.MEDIA_ROOT = str(tmp_path / "media")
    citizen = citizen_register(
        full_name="Lê Thị Thu Hà", citizen_id="045192003344", phone="0912345678", email="", password=PASSWORD
    )
    data = IntakeData(
        procedure_code="1.001193",
        channel="online_full",
        applicant=ApplicantData(full_name=citizen.full_name, id_number=citizen.citizen_id or "", user_id=citizen.pk),
        form_data=answers(),
    )
    return dossier_submit_online(applicant_user=citizen, agency_id=agency_of("ttpdonghoi").pk, data=data)


def test_the_officer_reads_and_questions_the_answers_and_the_citizen_corrects_one(
    page: Any, submitted: Any, screenshots: Path
) -> None:
    from egov.dossiers.models import AnswerCorrection

    code = submitted.code
    child = submitted.form_data["child"]
    # the desk opens the dossier: the answers are there, in the form's sections
    log_in(page, DESK)
    page.goto(f"/staff/dossiers/{code}/")
    answers = page.locator("section.answers")
    assert answers.locator("h3", has_text="Người được khai sinh").count() == 1
    assert answers.get_by_text(child["full_name"], exact=True).count() == 1
    assert answers.get_by_text(submitted.form_data["mother"]["full_name"], exact=True).count() == 1
    assert_accessible(page, "staff dossier with the answers")
    DOCS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=DOCS / "issue13-staff-answers.png", full_page=True)
    # the print view lays them out as the paper form
    with page.expect_popup() as popup:
        answers.get_by_role("link", name="In tờ khai").click()
    printed = popup.value
    printed.wait_for_load_state()
    assert printed.locator("h1").inner_text().upper() == "TỜ KHAI ĐĂNG KÝ KHAI SINH"
    printed.screenshot(path=screenshots / "issue13-answers-print.png", full_page=True)
    printed.close()
    # she is asked for a supplement, the date of birth questioned with a note
    form = page.locator("form[data-action=request_supplement]")
    page.locator("details:has(form[data-action=request_supplement]) > summary").click()
    form.locator("details.question-answers > summary").click()
    form.locator("[name='question__child.birth_date']").fill(NOTE)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state("load")
    assert page.locator("section.answers .answers__questioned").count() == 1
    # the citizen, on her phone, corrects the date on the supplement part of her dossier page
    citizen_page = page.context.browser.new_context(
        viewport=MOBILE, locale="vi-VN", base_url=page.url.split("/staff")[0]
    )
    phone = citizen_page.new_page()
    phone.goto("/accounts/citizen/login/?next=/ca-nhan/ho-so/")
    login_form = phone.locator("main form")
    login_form.locator("input[name=identifier]").fill("045192003344")
    login_form.locator("input[name=password]").fill(PASSWORD)
    login_form.locator("button[type=submit]").click()
    phone.wait_for_url("**/ca-nhan/ho-so/")
    phone.goto(f"/ca-nhan/ho-so/{code}/")
    supplement = phone.locator("#supplement")
    assert supplement.get_by_text(NOTE, exact=False).count() >= 1
    supplement.locator("input[name='child.birth_date']").fill("2026-10-19")
    supplement.locator("textarea[name=note]").fill("Đã sửa ngày sinh theo Giấy chứng sinh")
    assert_accessible(phone, "citizen supplement with a questioned answer")
    supplement.scroll_into_view_if_needed()
    phone.screenshot(path=DOCS / "issue13-supplement-answers.png", full_page=True)
    supplement.locator("button[type=submit]").click()
    phone.wait_for_load_state("load")
    assert phone.locator("#corrections-title").count() == 1
    phone.screenshot(path=screenshots / "issue13-citizen-corrections.png", full_page=True)
    citizen_page.close()
    # the officer sees the correction, and the value the citizen had submitted
    correction = AnswerCorrection.objects.get(dossier=submitted)
    assert (correction.source, correction.new_value) == ("applicant", "2026-10-19")
    page.set_viewport_size(DESKTOP)
    page.goto(f"/staff/dossiers/{code}/")
    assert page.locator("section.answers .answers__value", has_text="19/10/2026").count() == 1
    page.screenshot(path=screenshots / "issue13-staff-corrected.png", full_page=True)
