"""The statistics table has 17 columns: on a phone or a narrow window the unit column stays in place
while the figures scroll, the page says that the table scrolls (and how), and the scrolling region is
reachable and scrollable with the keyboard, with a name."""

import re
from pathlib import Path
from typing import Any

from django.conf import settings
from django.test import Client

from egov.dossiers.tests.conftest import ReceiveFn, user
from egov.dossiers.tests.test_statistics_scenario import CENTRE_LEADER

PAGE = "/staff/dossiers/statistics/"
CSS = Path(settings.BASE_DIR) / "static" / "css" / "egov.css"
JS = Path(settings.BASE_DIR) / "static" / "js" / "egov.js"


def test_the_wide_table_keeps_the_unit_column_and_says_that_it_scrolls(
    receive_birth: ReceiveFn, travel: Any, client: Client
) -> None:
    from egov.dossiers.tests.conftest import MONDAY_9AM

    travel(MONDAY_9AM)
    receive_birth()
    client.force_login(user(CENTRE_LEADER))
    page = client.get(PAGE, {"period_from": "2026-11-01", "period_to": "2026-11-30"}).content.decode()
    region = re.search(r'<div class="table-wrap table-wrap--wide"[^>]*>', page)
    assert region is not None, page
    tag = region.group(0)
    assert 'role="region"' in tag
    assert 'tabindex="0"' in tag  # focusable: arrow keys scroll it
    assert 'aria-labelledby="statistics-caption"' in tag
    hint_id = re.search(r'aria-describedby="([^"]+)"', tag)
    assert hint_id is not None
    hint = re.search(rf'<p[^>]*id="{hint_id.group(1)}"[^>]*>(.*?)</p>', page, re.S)
    assert hint is not None
    assert "17" in hint.group(1)
    assert "cuộn" in hint.group(1) or "vuốt" in hint.group(1)
    assert re.search(r'<th scope="row" class="[^"]*\bsticky-col\b', page)  # the unit of each row
    assert re.search(r'<th scope="col" rowspan="3" class="[^"]*\bsticky-col\b', page)  # and its heading


def test_the_stylesheet_pins_the_column_and_draws_the_scroll_cue() -> None:
    css = CSS.read_text(encoding="utf-8")
    block = re.search(r"\.table-wrap--wide \.sticky-col\s*\{([^}]*)\}", css)
    assert block is not None
    assert "position: sticky" in block.group(1)
    assert "left: 0" in block.group(1)
    assert ".table-wrap--wide.is-scrollable-end" in css  # the shadow on the side that has more columns
    assert "table-wrap--wide" in JS.read_text(encoding="utf-8")  # marks which side has more to see
