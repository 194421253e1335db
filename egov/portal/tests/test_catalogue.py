"""The public catalogue pages: /thu-tuc/ (search, filters, pages) and /thu-tuc/<code>/ in plain
Vietnamese; links that lead somewhere; the home page's way in."""

import re
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from egov.procedures.choices import ChannelKind, TimeUnit
from egov.procedures.models import Channel, Procedure
from egov.procedures.tests.search_data import BIRTH_REGISTRATION, Row, make_procedure, make_sample

LIST = "/thu-tuc/"


@pytest.fixture
def sample(db: None) -> dict[str, Procedure]:
    return make_sample(detailed={"1.001193": BIRTH_REGISTRATION})


def page(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def listed(html: str) -> list[str]:
    return re.findall(r'<a href="/thu-tuc/([0-9.]+)/">', html)


def internal_links(html: str) -> set[str]:
    return {
        link.replace("&amp;", "&") for link in re.findall(r'href="(/[^"]*)"', html) if not link.startswith("/static/")
    }


def test_list_searches_without_accents(client, sample):
    # when
    html = page(client, f"{LIST}?q=dang+ky+khai+sinh")
    # then
    assert listed(html)[0] == "1.001193"
    assert set(listed(html)[:5]) == {"1.001193", "1.003583", "2.000528", "1.000689", "1.004884"}
    assert "Tìm thấy 5 thủ tục" in html
    assert "Kết quả cho “dang ky khai sinh”" in html
    assert "<title>“dang ky khai sinh” \u2013 Thủ tục hành chính" in html
    assert '<label for="id_q">Tìm thủ tục</label>' in html
    assert 'type="search" name="q" value="dang ky khai sinh"' in html
    assert "Thời hạn giải quyết: <strong>1 ngày làm việc</strong>" in html
    assert "Trực tuyến toàn trình" in html


def test_list_without_words_shows_everything_with_filter_choices(client, sample):
    html = page(client, LIST)
    assert "Tất cả thủ tục" in html
    assert "Tìm thấy 11 thủ tục" in html
    assert '<option value="ho-tich">Hộ tịch (8)</option>' in html
    assert '<option value="commune">Cấp Xã</option>' in html
    assert '<option value="district">' not in html  # the district level ended on 30/6/2025
    assert '<details class="catalogue-filters">' in html  # closed: nothing filtered


def test_filters_apply_and_stay_selected(client, sample):
    html = page(client, f"{LIST}?q=khai+sinh&level=province&online=any")
    assert listed(html) == ["2.000635"]
    assert '<option value="province" selected>Cấp Tỉnh</option>' in html
    assert '<details class="catalogue-filters" open>' in html
    assert "Xóa tìm kiếm và bộ lọc" in html


def test_an_unknown_filter_value_is_shown_as_an_error_and_the_rest_still_searches(client, sample):
    html = page(client, f"{LIST}?q=khai+sinh&field=no-such-field")
    assert len(listed(html)) == 6
    assert 'aria-invalid="true"' in html


def test_pages_keep_the_query_and_filters(client, db):
    # given 45 procedures of one field
    for index in range(45):
        make_procedure(Row(f"9.{index:06d}", f"Chứng thực bản sao số {index + 1}", "Chứng thực"))
    # when
    first = page(client, f"{LIST}?q=chung+thuc&field=chung-thuc")
    third = page(client, f"{LIST}?q=chung+thuc&field=chung-thuc&page=3")
    # then
    assert len(listed(first)) == 20
    assert 'href="?q=chung+thuc&amp;field=chung-thuc&amp;page=2" rel="next"' in first
    assert listed(third) == [f"9.{index:06d}" for index in range(40, 45)]
    assert '<ol class="procedure-list" start="41">' in third
    assert "Hiển thị 41\u201345 trong tổng số 45" in third
    # a page past the end or not a number shows the last or the first page
    assert listed(page(client, f"{LIST}?q=chung+thuc&page=99")) == listed(third)
    assert len(listed(page(client, f"{LIST}?q=chung+thuc&page=abc"))) == 20


def test_nothing_found_says_what_to_try(client, sample):
    html = page(client, f"{LIST}?q=qwrtz")
    assert "Không tìm thấy thủ tục phù hợp" in html
    assert "Hãy kiểm tra chính tả" in html
    assert 'href="/thu-tuc/">Xem tất cả thủ tục' in html


def test_empty_catalogue(client, db):
    html = page(client, LIST)
    assert "Danh mục chưa có thủ tục" in html
    assert "Tìm thấy 0 thủ tục" in html


def test_the_query_is_escaped(client, sample):
    html = page(client, f"{LIST}?q=%3Cscript%3Ealert(1)%3C/script%3E")
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_procedure_page_in_plain_vietnamese(client, sample, settings, tmp_path):
    # given a downloadable form for the first paper
    settings.MEDIA_ROOT = str(tmp_path)
    version = sample["1.001193"].current_version
    assert version is not None
    version.papers.get(order=1).template_file.save("to-khai.docx", ContentFile(b"PK\x03\x04"), save=True)
    # when
    html = page(client, "/thu-tuc/1.001193/")
    # then
    assert '<h1 id="procedure-title">Thủ tục đăng ký khai sinh</h1>' in html
    assert "Mã <strong>1.001193</strong>" in html
    assert '<h2 id="who-title">Ai được nộp hồ sơ</h2>' in html
    assert "Công dân Việt Nam, Người Việt Nam định cư ở nước ngoài" in html
    assert '<h2 id="papers-title">Giấy tờ cần chuẩn bị <span class="procedure__count">(4)</span></h2>' in html
    assert html.count("1 bản chính") == 4
    assert html.count(">Bắt buộc<") == 2
    assert html.count(">Chỉ nộp nếu thuộc trường hợp này<") == 2
    assert "Trong trường hợp ủy quyền thực hiện việc đăng ký khai sinh." in html
    assert '<h3 class="procedure__case">Trường hợp trẻ em bị bỏ rơi</h3>' in html
    assert 'href="/media/procedures/templates/to-khai.docx" download>Tải về Tờ khai đăng ký khai sinh' in html
    assert "Nộp trực tiếp tại Bộ phận Một cửa" in html
    assert "Trực tuyến (dịch vụ công trực tuyến toàn trình)" in html
    assert '<span class="procedure-summary__item">1 ngày làm việc</span>' in html
    assert '<span class="procedure-summary__item">Lệ phí đăng ký khai sinh: miễn phí</span>' in html
    assert '<ol class="steps"><li>Người yêu cầu nộp hồ sơ' in html
    assert 'Giấy khai sinh <span class="muted">(mã kết quả KQ.G15.000031)</span>' in html
    assert "<strong>123/2015/NĐ-CP</strong> \u2013 Nghị định quy định chi tiết" in html
    assert 'rel="noopener noreferrer external">Nguồn: Cơ sở dữ liệu quốc gia về thủ tục hành chính' in html


def test_procedure_page_in_english(client, sample):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = page(client, "/thu-tuc/1.001193/")
    assert "Papers to bring" in html
    assert "1 working day" in html
    assert "Fee: free of charge" not in html  # the published description stays Vietnamese
    assert "Lệ phí đăng ký khai sinh: free of charge" in html


def test_times_and_fees_are_written_out(client, db):
    # given channels in hours, half days, months, with fees in đồng and dollars, and none readable
    procedure = make_procedure(Row("1.777777", "Cấp giấy phép thử", "Thử nghiệm", days=None))
    version = procedure.current_version
    assert version is not None
    version.channels.all().delete()
    Channel.objects.create(
        version=version,
        kind=ChannelKind.COUNTER,
        processing_time=Decimal("8"),
        time_unit=TimeUnit.WORKING_HOUR,
        fees=[
            {"amount": "25000", "currency": "VND", "description": "Lệ phí"},
            {"amount": "100000", "description": "Phí thẩm định"},
        ],
    )
    Channel.objects.create(
        version=version,
        kind=ChannelKind.ONLINE_PARTIAL,
        processing_time=Decimal("0.50"),
        time_unit=TimeUnit.WORKING_DAY,
        fees=[{"amount": "25", "currency": "USD", "description": "Phí"}],
    )
    Channel.objects.create(
        version=version,
        kind=ChannelKind.POST,
        processing_time=None,
        time_unit=TimeUnit.UNSPECIFIED,
        processing_time_text="Theo thỏa thuận",
        fee_text="Theo biểu phí của đơn vị bưu chính",
    )
    Channel.objects.create(
        version=version, kind=ChannelKind.ONLINE_FULL, processing_time=Decimal("2"), time_unit=TimeUnit.MONTH
    )
    # when
    html = page(client, "/thu-tuc/1.777777/")
    # then
    assert "8 giờ làm việc" in html
    assert "Lệ phí cấp giấy phép thử: 25.000 đồng" in html  # a bare label is named after the procedure
    assert "Phí thẩm định: 100.000 đồng" in html
    assert "0,5 ngày làm việc" in html
    assert "Phí cấp giấy phép thử: 25 USD" in html
    assert "Theo thỏa thuận" in html
    assert "Theo biểu phí của đơn vị bưu chính" in html
    assert "2 tháng" in html
    assert "Chưa công bố thông tin về phí, lệ phí" in html  # the full online channel states none
    assert "8 giờ làm việc (Nộp trực tiếp tại Bộ phận Một cửa)" in html  # channels differ: each named


def test_what_the_national_records_leave_unclear_is_shown_honestly(client, db):
    # given figures without a unit, fee explanations, "0 bản chính" and headings like "* Lưu ý:"
    papers = (
        {"name": "Tờ khai", "originals": 1},
        {"name": "Giấy tờ tùy thân", "quantity_text": "0 bản chính", "group": "* Giấy tờ phải xuất trình:"},
        {"name": "Văn bản ủy quyền", "quantity_text": "Theo mẫu", "is_mandatory": False},
    )
    fees = (
        {"amount": "0", "currency": "VND", "description": "Mức thu do Hội đồng nhân dân tỉnh quyết định."},
        {"amount": "0", "currency": "VND", "description": "Không có"},
    )
    procedure = make_procedure(Row("1.888888", "Thủ tục thử", "Thử nghiệm", days="1", fees=fees, papers=papers))
    version = procedure.current_version
    assert version is not None
    version.channels.update(time_unit=TimeUnit.UNSPECIFIED)
    # when
    html = page(client, "/thu-tuc/1.888888/")
    # then
    assert (
        '<span class="procedure-summary__item">Theo quy định (văn bản gốc ghi “1”, không ghi rõ đơn vị)</span>' in html
    )
    # a fee the provincial People's Council sets is never "free": with no rate in force it is confirmed at the desk
    assert "Miễn phí" not in html
    assert (
        "Phí, lệ phí thử: do Hội đồng nhân dân tỉnh quy định; số tiền được xác nhận khi nộp hồ sơ tại Bộ phận "
        "Một cửa" in html
    )
    assert "Mức thu do Hội đồng nhân dân tỉnh quyết định." in html  # the published text, behind "Nội dung đã công bố"
    assert "Không có" not in html
    assert '<h3 class="procedure__case">Giấy tờ phải xuất trình</h3>' in html
    assert '<h3 class="procedure__case">Giấy tờ khác</h3>' in html
    assert "0 bản chính" not in html
    assert "Theo mẫu" in html


def test_unknown_or_withdrawn_procedure_is_404(client, sample):
    page(client, "/thu-tuc/9.999999/", status=404)
    Procedure.objects.filter(code="1.001193").update(is_active=False)
    page(client, "/thu-tuc/1.001193/", status=404)


def test_no_dead_links(client, sample):
    # given every internal link of the home page, the list (with a search) and a procedure page
    links: set[str] = set()
    for url in ("/", LIST, f"{LIST}?q=khai+sinh", "/thu-tuc/1.001193/"):
        links |= internal_links(page(client, url))
    # then each one opens (the API documentation link included)
    assert {"/thu-tuc/", "/thu-tuc/1.001193/", "/thu-tuc/2.000635/"} <= links
    for link in sorted(links):
        assert client.get(link).status_code == 200, link


def test_home_leads_to_the_catalogue(client, db):
    html = page(client, "/")
    assert '<form class="home-search" method="get" action="/thu-tuc/" role="search"' in html
    assert '<label for="home-q">Tìm thủ tục hành chính</label>' in html
    assert '<a class="button button--secondary" href="/thu-tuc/">Xem danh sách thủ tục</a>' in html


def test_the_list_is_rate_limited_per_address(client, sample, settings):
    settings.PORTAL_CATALOGUE_RATE_LIMIT = 2
    assert client.get(LIST).status_code == 200
    assert client.get(f"{LIST}?q=khai").status_code == 200
    response = client.get(f"{LIST}?q=sinh")
    assert response.status_code == 429
    assert "Retry-After" in response
    assert Client(REMOTE_ADDR="203.0.113.7").get(LIST).status_code == 200
