from django.template import Context, Template
from django.utils import translation

from egov.core.money import format_vnd


def test_vietnamese_groups_thousands_with_dots() -> None:
    with translation.override("vi"):
        assert format_vnd(1234567) == "1.234.567 đồng"
        assert format_vnd(0) == "0 đồng"


def test_english_groups_with_commas() -> None:
    with translation.override("en"):
        assert format_vnd(16000) == "16,000 dong"


def test_template_filter() -> None:
    with translation.override("vi"):
        assert Template("{% load money %}{{ n|vnd }}").render(Context({"n": 8000})) == "8.000 đồng"
