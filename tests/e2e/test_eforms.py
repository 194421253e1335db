"""The birth-registration e-form in a real browser on a phone: conditional parts, filling, errors."""

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from egov.core import clock
from egov.procedures.eforms import eform_schema_for
from egov.procedures.tests.eforms_fixtures import BIRTH_CODE, save_birth_registration, save_procedure

from .conftest import MOBILE

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("egov.procedures.tests.eforms_urls"),
]

URL = f"/procedures/eforms/{BIRTH_CODE}/preview/"


@pytest.fixture
def phone(page: Any) -> Any:
    save_birth_registration()
    page.set_viewport_size(MOBILE)
    page.goto(URL)
    return page


def _fill_birth_registration(page: Any, born: str) -> None:
    page.fill("#ef-authority--registry_office", "Ủy ban nhân dân phường Đồng Hới")
    page.fill("#ef-requester--full_name", "Nguyễn Thị Hoa")
    page.fill("#ef-requester--citizen_id", "044 190 012 345")
    page.fill("#ef-requester--residence", "Số 5 Lý Thường Kiệt, phường Đồng Hới, tỉnh Quảng Trị")
    page.select_option("#ef-requester--relationship", "mother")
    page.fill("#ef-requester--phone", "0912 345 678")
    page.fill("#ef-child--full_name", "Nguyễn Minh An")
    page.fill("#ef-child--birth_date", born)
    page.check("#ef-child--gender-0")
    page.select_option("#ef-child--ethnicity", "Kinh")
    page.check("#ef-child--birth_place_kind-0")
    page.fill("#ef-child--birth_facility", "Bệnh viện Hữu nghị Việt Nam - Cu Ba Đồng Hới")
    page.fill("#ef-child--birth_place", "Phường Đồng Hới, tỉnh Quảng Trị")
    page.fill("#ef-child--hometown", "Xã Bố Trạch, tỉnh Quảng Trị")
    page.fill("#ef-mother--full_name", "Nguyễn Thị Hoa")
    page.fill("#ef-mother--birth_year", "1996")
    page.select_option("#ef-mother--ethnicity", "Kinh")
    page.fill("#ef-mother--residence", "Số 5 Lý Thường Kiệt, phường Đồng Hới, tỉnh Quảng Trị")
    page.check("#ef-father--declared-1")  # the father is not established
    page.check("#ef-copies--requested-0")
    page.fill("#ef-copies--count", "2")
    page.check("#ef-declaration--confirmed")


def test_the_father_part_hides_when_the_father_is_not_declared(phone: Any) -> None:
    # given a fresh form: the father is declared by default, and no copies are asked for
    father_name = phone.locator("#ef-father--full_name")
    assert father_name.is_visible()
    assert not phone.locator("#ef-copies--count").is_visible()
    assert not phone.locator("#ef-requester--document_number").is_visible()
    # when the father is not established
    phone.check("#ef-father--declared-1")
    # then his details disappear and are not sent
    assert not father_name.is_visible()
    assert father_name.is_disabled()
    # when the parent changes their mind
    phone.check("#ef-father--declared-0")
    assert father_name.is_visible()
    assert father_name.is_enabled()


def test_an_empty_submission_lists_the_errors_and_takes_the_focus(phone: Any, screenshots: Path) -> None:
    # when
    phone.click(".eform-page__form button[type=submit]")
    phone.wait_for_selector("#eform-errors")
    # then the summary is focused and each entry leads to its field
    assert phone.evaluate("() => document.activeElement.id") == "eform-errors"
    phone.screenshot(path=screenshots / "eform-birth-registration-errors-mobile.png", full_page=True)
    first = phone.locator("#eform-errors a").first
    assert first.inner_text() == "Kính gửi \u2013 Cơ quan đăng ký: Trường này là bắt buộc."
    first.click()
    assert phone.evaluate("() => location.hash") == "#ef-authority--registry_office"
    registry = phone.locator("#ef-authority--registry_office")
    assert registry.get_attribute("aria-invalid") == "true"
    assert (
        registry.get_attribute("aria-describedby")
        == "ef-authority--registry_office-help ef-authority--registry_office-error"
    )


def test_filling_the_birth_registration_on_a_phone(phone: Any, screenshots: Path) -> None:
    # given
    born = (clock.today() - timedelta(days=10)).isoformat()
    # when the applicant fills in the whole form
    _fill_birth_registration(phone, born)
    # then everything fits the screen and every choice is a large enough target
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= MOBILE["width"]
    small = phone.evaluate(
        """() => [...document.querySelectorAll('.eform-option')]
            .filter(el => el.offsetParent !== null && el.getBoundingClientRect().height < 44)
            .map(el => el.textContent.trim())"""
    )
    assert small == []
    phone.screenshot(path=screenshots / "eform-birth-registration-mobile.png", full_page=True)
    # when it is checked
    phone.click(".eform-page__form button[type=submit]")
    status = phone.locator(".eform-page__result")
    status.wait_for()
    # then the summary shows what the agency would receive, without the undeclared father's part
    assert status.get_attribute("role") == "status"
    assert phone.locator(".eform-page__form").count() == 0
    summary = phone.locator(".eform-summary").all_inner_texts()
    assert any("Nguyễn Minh An" in text for text in summary)
    assert any("Chưa xác định được người cha" in text for text in summary)
    assert any("044190012345" in text for text in summary)
    phone.screenshot(path=screenshots / "eform-birth-registration-result-mobile.png", full_page=True)


def test_screenshot_of_the_form_on_a_desktop(page: Any, screenshots: Path) -> None:
    # given
    save_birth_registration()
    # when
    page.goto(URL)
    page.check("#ef-father--declared-1")
    # then the form keeps a readable measure on a wide screen
    width = page.evaluate("() => document.querySelector('.eform-page').getBoundingClientRect().width")
    assert width <= 48 * 16
    page.screenshot(path=screenshots / "eform-birth-registration-desktop.png", full_page=True)


def test_a_whole_section_and_chained_questions_follow_the_answers(page: Any) -> None:
    # given the household business form (a section for an authorised filer) and the certified copy form
    save_procedure("1.001612", eform_schema_for("1.001612"), name="Đăng ký thành lập hộ kinh doanh")
    save_procedure("2.000815", eform_schema_for("2.000815"), name="Chứng thực bản sao từ bản chính")
    page.set_viewport_size(MOBILE)
    page.goto("/procedures/eforms/1.001612/preview/")
    representative = page.locator("#ef-representative")
    # then the authorised person's section appears only when such a person files
    assert not representative.is_visible()
    page.check("#ef-filing--filed_by-1")
    assert representative.is_visible()
    page.check("#ef-filing--filed_by-0")
    assert not representative.is_visible()
    assert page.locator("#ef-representative--full_name").is_disabled()
    # when on the certified copy form paper copies go by post, then the copy is made electronic
    page.goto("/procedures/eforms/2.000815/preview/")
    page.check("#ef-result--method-1")
    address = page.locator("#ef-result--postal_address")
    assert address.is_visible()
    page.check("#ef-result--copy_kind-1")
    # then the delivery question and the address that depended on it both go
    assert not page.locator("#ef-result--method-0").is_visible()
    assert not address.is_visible()
    page.check("#ef-result--copy_kind-0")
    assert address.is_visible()
