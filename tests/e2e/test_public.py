"""The citizen-facing home page in a real browser: language, keyboard, small and large screens."""

from pathlib import Path
from typing import Any

import pytest

from .conftest import MOBILE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_home_is_vietnamese_and_switches_to_english(page: Any, province_data: dict[str, Any]) -> None:
    # when
    page.goto("/")
    # then
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("h1").inner_text().startswith("Chính quyền điện tử")
    assert page.get_by_role("heading", name="Bạn có thể làm gì tại đây").is_visible()
    assert page.get_by_text("Trung tâm Phục vụ hành chính công tỉnh Quảng Trị").is_visible()
    # when the visitor chooses English
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state("load")
    # then the same page is in English, and the choice is remembered
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="What you can do here").is_visible()
    assert page.get_by_role("button", name="English").get_attribute("aria-pressed") == "true"
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "en"


def test_keyboard_reaches_the_skip_link_first_and_it_moves_focus_to_main(
    page: Any, province_data: dict[str, Any]
) -> None:
    # given
    page.goto("/")
    # when the first Tab is pressed
    page.keyboard.press("Tab")
    # then the skip link has the focus and is shown on screen
    focused = page.evaluate("() => [document.activeElement.className, document.activeElement.textContent]")
    assert focused == ["skip-link", "Chuyển đến nội dung chính"]
    box = page.locator(".skip-link").bounding_box()
    assert box is not None
    assert box["y"] >= 0
    # when it is followed
    page.keyboard.press("Enter")
    # then focus lands on the main content, so the next Tab continues inside it
    assert page.evaluate("() => document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('main') !== null")


def test_every_control_of_the_mobile_home_is_a_large_enough_touch_target(
    page: Any, province_data: dict[str, Any]
) -> None:
    # given a phone-sized screen
    page.set_viewport_size(MOBILE)
    page.goto("/")
    # when every link and button outside running text is measured (WCAG 2.5.5: 44 x 44 CSS px)
    small = page.evaluate(
        """() => [...document.querySelectorAll('a, button, summary')]
            .filter(el => !el.closest('p, dd, .skip-link') && el.offsetParent !== null)
            .map(el => [el.textContent.trim(), el.getBoundingClientRect().height])
            .filter(([, height]) => height < 44)"""
    )
    # then
    assert small == []
    # and nothing scrolls sideways
    assert page.evaluate("() => document.documentElement.scrollWidth") <= MOBILE["width"]


def test_screenshots_of_the_public_home(page: Any, province_data: dict[str, Any], screenshots: Path) -> None:
    # when
    page.set_viewport_size(MOBILE)
    page.goto("/")
    page.screenshot(path=screenshots / "public-home-mobile.png", full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto("/")
    page.screenshot(path=screenshots / "public-home-desktop.png", full_page=True)
    # then
    assert (screenshots / "public-home-mobile.png").stat().st_size > 10_000
    assert (screenshots / "public-home-desktop.png").stat().st_size > 10_000
