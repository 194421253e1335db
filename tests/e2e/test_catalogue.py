"""The public procedure catalogue in a real browser: search from the home page without accents,
the list on a phone and a desktop, a procedure page; screenshots for people to look at."""

import io
import json
from pathlib import Path
from typing import Any

import pytest

from .conftest import DESKTOP, MOBILE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


SAMPLE = (
    Path(__file__).resolve().parents[2].parent / "shared" / "data" / "procedures" / "national_catalogue_sample.jsonl"
)
FIELDS = {"Hộ tịch", "Chứng thực", "Nuôi con nuôi"}  # 41 + 14 + 14 real procedures of the justice sector


@pytest.fixture
def catalogue(transactional_db: None, province_data: dict[str, Any], tmp_path: Path) -> None:
    """Real procedures of the national catalogue sample, imported with ``manage.py import_procedures``."""
    from django.core.management import call_command

    from egov.procedures.tests.search_data import ensure_levels

    ensure_levels()
    lines = [line for line in SAMPLE.open(encoding="utf-8") if json.loads(line)["linh_vuc"] in FIELDS]
    subset = tmp_path / "justice.jsonl"
    subset.write_text("".join(lines), encoding="utf-8")
    call_command("import_procedures", str(subset), stdout=io.StringIO())


def test_search_without_accents_from_the_home_page(page: Any, catalogue: None) -> None:
    # given
    page.goto("/")
    # when a citizen types the name without accents and submits
    page.get_by_label("Tìm thủ tục hành chính").fill("dang ky khai sinh")
    page.get_by_label("Tìm thủ tục hành chính").press("Enter")
    page.wait_for_load_state("load")
    # then the list shows birth registration first
    assert page.locator("h1").inner_text() == "Thủ tục hành chính"
    assert page.get_by_role("status").inner_text() == "Tìm thấy 12 thủ tục"
    first = page.locator(".procedure-card__title a").first
    assert first.inner_text() == "Thủ tục đăng ký khai sinh"
    # when it is opened
    first.click()
    page.wait_for_load_state("load")
    # then the procedure page says what to bring, how long and how much
    assert page.locator("h1").inner_text() == "Thủ tục đăng ký khai sinh"
    summary = page.locator(".procedure-summary").inner_text()
    assert "lệ phí đăng ký khai sinh: miễn phí" in summary.lower()  # the fee named, and free
    assert page.get_by_role("heading", name="Giấy tờ cần chuẩn bị").is_visible()
    assert page.get_by_role("heading", name="Căn cứ pháp lý").is_visible()
    assert page.get_by_text("Giấy khai sinh (mã kết quả KQ.G15.000031)").is_visible()


def test_filters_and_pages_keep_each_other(page: Any, catalogue: None) -> None:
    # given the whole list
    page.goto("/thu-tuc/")
    assert page.get_by_role("status").inner_text() == "Tìm thấy 69 thủ tục"
    # when the filters are opened and the field filter is applied
    page.get_by_text("Lọc danh sách").click()
    page.get_by_label("Lĩnh vực").select_option(label="Hộ tịch (41)")
    page.get_by_role("button", name="Lọc", exact=True).click()
    page.wait_for_load_state("load")
    # then only that field remains, on three pages, and the next page keeps the filter
    assert page.get_by_role("status").inner_text() == "Tìm thấy 41 thủ tục"
    page.get_by_role("link", name="Sau").click()
    page.wait_for_load_state("load")
    assert "field=ho-tich" in page.url
    assert "page=2" in page.url
    assert page.locator(".procedure-card").count() == 20
    assert page.get_by_label("Lĩnh vực").input_value() == "ho-tich"


def test_mobile_list_has_large_targets_and_no_sideways_scroll(page: Any, catalogue: None) -> None:
    # given a phone-sized screen
    page.set_viewport_size(MOBILE)
    # when the list and a procedure page are measured (WCAG 2.5.5: 44 x 44 CSS px)
    for url in ("/thu-tuc/?q=khai+sinh", "/thu-tuc/1.001193/"):
        page.goto(url)
        small = page.evaluate(
            """() => [...document.querySelectorAll('main a, main button, main select, main input')]
                .filter(el => !el.closest('p, dd, li.paper, .breadcrumbs') && el.offsetParent !== null)
                .map(el => [el.textContent.trim() || el.name, el.getBoundingClientRect().height])
                .filter(([, height]) => height < 44)"""
        )
        # then
        assert small == [], url
        assert page.evaluate("() => document.documentElement.scrollWidth") <= MOBILE["width"], url


def test_screenshots_of_the_catalogue(page: Any, catalogue: None, screenshots: Path) -> None:
    # when
    page.set_viewport_size(MOBILE)
    page.goto("/thu-tuc/?q=khai+sinh")
    page.screenshot(path=screenshots / "catalogue-list-mobile.png", full_page=True)
    page.goto("/thu-tuc/1.001193/")
    page.screenshot(path=screenshots / "catalogue-procedure-mobile.png", full_page=True)
    page.set_viewport_size(DESKTOP)
    page.goto("/thu-tuc/?q=dang+ky")
    page.screenshot(path=screenshots / "catalogue-list-desktop.png", full_page=True)
    page.goto("/thu-tuc/1.001193/")
    page.screenshot(path=screenshots / "catalogue-procedure-desktop.png", full_page=True)
    # then
    for name in ("list-mobile", "procedure-mobile", "list-desktop", "procedure-desktop"):
        assert (screenshots / f"catalogue-{name}.png").stat().st_size > 10_000
