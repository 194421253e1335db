"""Filling from what is known never throws away what was typed, in a real browser (Chromium):

1. the citizen types the mother's name in her birth registration, does not save, then fills the part
   from a household member: the name she typed stays, the empty answers are filled, she is told which
   answers were kept; Enter in a field still means "Continue", not "Fill in";
2. the desk officer enters a walk-in's e-form: the applicant's name, ID number and address follow the
   requester's answers as he types them, the phone he typed himself stays, and once he corrects the
   applicant's name it is his; nothing is copied for an organisation.
"""

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import MOBILE
from tests.e2e.test_dossiers_staff import DESK, demo_province, log_in  # noqa: F401 - a fixture
from tests.e2e.test_portal_citizen import BIRTH, citizen, log_in_and_start  # noqa: F401 - a fixture

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_filling_the_mother_from_the_household_keeps_the_name_she_typed(
    page: Any,
    citizen: Any,  # noqa: F811
    screenshots: Path,
) -> None:
    from egov.portal.models import Application
    from egov.portal.services.profile import MemberData, household_member_add, profile_save

    # given her saved profile and her sister saved as a household member
    profile_save(citizen=citizen, residence="Số 5 Lý Thường Kiệt, phường Đồng Hới, tỉnh Quảng Trị")
    member = household_member_add(
        citizen=citizen,
        data=MemberData(
            full_name="Lê Thị Thu Hằng",
            relationship="sibling",
            birth_date=date(1992, 4, 3),
            gender="female",
            id_number="045192009988",
            ethnicity="Kinh",
            nationality="Việt Nam",
        ),
    )
    page.set_viewport_size(MOBILE)
    page.goto(f"/nop-ho-so/{BIRTH}/")
    log_in_and_start(page, "045192003344")
    draft = Application.objects.latest("pk")
    page.goto(f"/ho-so-nhap/{draft.public_id}/buoc/4/")
    # when she types the mother's name (not saved) and fills the part from the member
    page.fill("#ef-mother--full_name", "Lê Thị Thu Hương")
    assert page.locator("#ef-mother--birth_year").input_value() == ""
    page.select_option("#prefill-person", f"member-{member.pk}")
    page.locator("button[value=prefill]").click()
    page.wait_for_url(f"**/ho-so-nhap/{draft.public_id}/buoc/4/")
    # then what she typed is on screen and saved, the empty answers are filled, and she is told
    assert page.locator("#ef-mother--full_name").input_value() == "Lê Thị Thu Hương"
    assert page.locator("#ef-mother--birth_year").input_value() == "1992"
    assert page.locator("#ef-mother--citizen_id").input_value() == "045192009988"
    assert "Lý Thường Kiệt" in page.locator("#ef-mother--residence").input_value()
    kept = page.locator(".message", has_text="Họ, chữ đệm, tên")
    assert kept.count() == 1
    draft.refresh_from_db()
    assert draft.form_data["mother"]["full_name"] == "Lê Thị Thu Hương"
    assert_accessible(page, "prefill-kept")
    page.screenshot(path=screenshots / "portal-prefill-kept-mobile.png", full_page=True)
    # and Enter in a field still continues to the next part (the first button of the form is "Continue")
    page.locator("#ef-mother--full_name").press("Enter")
    page.wait_for_url(f"**/ho-so-nhap/{draft.public_id}/buoc/5/")


def test_the_desk_applicant_follows_the_requester_but_never_replaces_what_the_officer_typed(
    page: Any,
    demo_province: None,  # noqa: F811
    screenshots: Path,
) -> None:
    from egov.dossiers.tests.conftest import agency_of

    log_in(page, DESK)
    page.goto(f"/staff/dossiers/receive/?agency={agency_of('ttpdonghoi').pk}&procedure=1.001193")
    # given the officer typed the applicant's phone himself
    page.fill("input[name=phone]", "0905110001")
    # when he enters the requester's part of the e-form
    page.fill("#ef-requester--full_name", "Nguyễn Văn Bình")
    page.fill("#ef-requester--citizen_id", "044085001234")
    page.fill("#ef-requester--residence", "Số 12 Lý Thường Kiệt, phường Đồng Hới")
    page.fill("#ef-requester--phone", "0911000111")
    # then the applicant's empty fields follow it, and the phone he typed stays
    assert page.locator("input[name=full_name]").input_value() == "Nguyễn Văn Bình"
    assert page.locator("input[name=id_number]").input_value() == "044085001234"
    assert page.locator("input[name=address]").input_value() == "Số 12 Lý Thường Kiệt, phường Đồng Hới"
    assert page.locator("input[name=phone]").input_value() == "0905110001"
    page.screenshot(path=screenshots / "dossiers-intake-follows-requester-desktop.png", full_page=True)
    # a correction of the requester's name follows too, until the officer types the applicant's name
    page.fill("#ef-requester--full_name", "Nguyễn Văn Bính")
    assert page.locator("input[name=full_name]").input_value() == "Nguyễn Văn Bính"
    page.fill("input[name=full_name]", "Nguyễn Văn Bình")
    page.fill("#ef-requester--full_name", "Trần Văn Khác")
    assert page.locator("input[name=full_name]").input_value() == "Nguyễn Văn Bình"
    # an organisation's requester is the person filing for it: nothing is copied
    page.locator("input[name=applicant_kind][value=organisation]").check()
    page.fill("input[name=id_number]", "")
    page.fill("#ef-requester--citizen_id", "044085009999")
    assert page.locator("input[name=id_number]").input_value() == ""
    assert_accessible(page, "intake-follows-requester")


def test_the_desk_reads_the_applicant_s_answers_about_papers(
    page: Any,
    demo_province: None,  # noqa: F811
    screenshots: Path,
) -> None:
    from egov.dossiers.contracts import PaperCase
    from egov.dossiers.services.intake import dossier_submit_online
    from egov.dossiers.tests.conftest import agency_of, birth_intake

    # given an online birth registration whose applicant answered the two cases of conditional papers
    cases = (
        PaperCase("Trẻ em bị bỏ rơi", True, ("Biên bản xác nhận việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập",)),
        PaperCase("Trẻ em sinh ra do mang thai hộ", False, ("Văn bản xác nhận của cơ sở y tế đã thực hiện kỹ thuật",)),
    )
    dossier = dossier_submit_online(
        applicant_user=None,
        agency_id=agency_of("ttpdonghoi").pk,
        data=birth_intake(channel="online_full", paper_cases=cases),
    )
    # when the desk officer opens it
    log_in(page, DESK)
    page.goto(f"/staff/dossiers/{dossier.code}/")
    # then each question is there with its answer and what it made required or not needed
    section = page.locator("section.paper-cases")
    assert section.locator("li.paper-cases__case").count() == 2
    first, second = section.locator("li.paper-cases__case").all()
    assert "Trẻ em bị bỏ rơi" in first.inner_text()
    assert first.locator(".badge").inner_text() == "Có"
    assert "Phải nộp do câu trả lời này" in first.inner_text()
    assert second.locator(".badge").inner_text() == "Không"
    assert "Không cần nộp do câu trả lời này" in second.inner_text()
    assert_accessible(page, "dossier-paper-cases")
    section.screenshot(path=screenshots / "dossiers-paper-cases-desktop.png")
