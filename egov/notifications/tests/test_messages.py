"""Every kind of message renders from its templates: subject, e-mail, an SMS that fits one message."""

import pytest

from egov.notifications.addresses import mask_phone, normalize_email, normalize_phone
from egov.notifications.messages import APPLICANT_KINDS, REDACTED_TEXT, SECRET_KINDS, render_email_html, render_message
from egov.notifications.sms.text import sms_text, without_diacritics
from egov.notifications.tests.factories import CODE, context

LINK = f"https://dichvucong.quangtri.gov.vn/tra-cuu/{CODE}/"


@pytest.mark.parametrize("kind", sorted(APPLICANT_KINDS - SECRET_KINDS))
def test_each_kind_has_a_subject_a_letter_and_an_sms_of_one_message(kind: str) -> None:
    message = render_message(kind, {**context(), "link": LINK, "site_name": "Cổng dịch vụ công tỉnh Quảng Trị"})
    assert CODE in message.subject
    assert "\n" not in message.subject
    assert message.text.startswith("Kính gửi Ông/Bà Nguyễn Văn Bình,\n\n")
    assert "{{" not in message.text
    assert "{%" not in message.text
    assert "\n\n\n" not in message.text
    assert "Cổng dịch vụ công tỉnh Quảng Trị" in message.text  # the footer
    assert CODE in message.short
    sms = sms_text(message.short, link=LINK, ascii_only=True, max_chars=160)
    assert sms.isascii()
    assert len(sms) <= 160, (len(sms), sms)
    assert sms == " ".join(without_diacritics(message.short).split()), "the template itself must fit"


def test_the_password_code_fits_one_sms_and_the_letter_says_what_to_do_if_not_asked_for() -> None:
    context = {"code": "048213", "minutes": 15, "applicant_name": "Lê Thị Thu Hà", "site_name": "Cổng dịch vụ công"}
    message = render_message("password_code", {**context, "link": ""})
    assert message.subject == "Mã xác nhận đặt lại mật khẩu"
    assert message.text.startswith("Kính gửi Ông/Bà Lê Thị Thu Hà,\n\n")
    assert "\n048213\n" in message.text
    assert "mật khẩu của Ông/Bà không thay đổi" in message.text
    sms = sms_text(message.short, link="", ascii_only=True, max_chars=160)
    assert sms.startswith("048213 la ma dat lai mat khau")
    assert len(sms) <= 160
    assert "048213" not in REDACTED_TEXT


def test_the_letter_addresses_an_organisation_as_such() -> None:
    message = render_message("supplement", {**context(organisation=True), "link": LINK, "site_name": "Cổng"})
    assert message.text.startswith("Kính gửi Quý tổ chức Nguyễn Văn Bình,")
    assert "đề nghị Quý tổ chức bổ sung" in message.text


def test_text_parts_are_not_html_escaped_and_the_html_part_is() -> None:
    message = render_message("rejected", {**context(reasons=["Thiếu giấy tờ <bản chính> & bản sao"]), "link": LINK,
                                          "site_name": "Cổng"})  # fmt: skip
    assert "- Thiếu giấy tờ <bản chính> & bản sao\n" in message.text
    html = render_email_html(subject=message.subject, text=message.text, link=LINK)
    assert "&lt;bản chính&gt; &amp; bản sao" in html
    assert f'href="{LINK}"' in html
    assert '<html lang="vi">' in html


def test_the_result_letter_says_where_to_collect_it() -> None:
    def letter(method: str) -> str:
        return render_message("resolved", {**context(return_method=method), "link": LINK, "site_name": "C"}).text

    assert "nhận kết quả tại Trung tâm Phục vụ hành chính công phường Đồng Hới" in letter("desk")
    assert "qua bưu chính" in letter("post")
    assert "kết quả điện tử trực tuyến" in letter("online")


def test_without_diacritics_keeps_case_and_folds_d() -> None:
    assert without_diacritics("Đồng Hới \u2013 Hồ sơ \u201cmới\u201d\u2026") == 'Dong Hoi - Ho so "moi"...'


def test_a_long_sms_is_shortened_before_its_link() -> None:
    text = "Hồ sơ " + "rất dài " * 40 + LINK
    short = sms_text(text, link=LINK, ascii_only=True, max_chars=160)
    assert len(short) <= 160
    assert short.endswith(f"... {LINK}")
    assert short.startswith("Ho so rat dai")
    assert sms_text("Hồ sơ đã có kết quả", link="", ascii_only=False, max_chars=160) == "Hồ sơ đã có kết quả"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0905110001", "+84905110001"),
        ("0905 110 001", "+84905110001"),
        ("0905.110.001", "+84905110001"),
        ("+84 905 110 001", "+84905110001"),
        ("84905110001", "+84905110001"),
        ("0084905110001", "+84905110001"),
        ("(+84) 386-123-456", "+84386123456"),
        ("02323822130", None),  # a landline
        ("090511000", None),  # nine digits
        ("01689123456", None),  # an old 11-digit number, converted in 2018
        ("+1 650 253 0000", None),
        ("abc", None),
        ("", None),
    ],
)
def test_vietnamese_mobile_numbers_are_normalised_to_e164(raw: str, expected: str | None) -> None:
    assert normalize_phone(raw) == expected


def test_phone_masking_and_email_normalising() -> None:
    assert mask_phone("+84905110001") == "090****001"
    assert normalize_email(" Binh.Nguyen@Example.COM ") == "Binh.Nguyen@example.com"
    assert normalize_email("binh@") is None
