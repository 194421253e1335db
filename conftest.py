"""Project-wide pytest fixtures, and the split of the suite into two passes (see the Makefile).

Transactional tests (``transactional_db``, ``django_db(transaction=True)``, ``live_server``, the
browser tests) commit and then flush the database, which drops the rows migrations seed; pytest-django
can only order them after the other tests within one process. They are marked ``serial`` here, and
``make test`` runs the suite twice: ``--egov-pass=parallel`` (everything else, in several processes
with pytest-xdist) then ``--egov-pass=serial``. Browser tests are also marked ``slow``.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache

PASSES = ("all", "parallel", "serial")
# Fixtures that make a test transactional (pytest-django's own list, from its test ordering).
TRANSACTIONAL_FIXTURES = {
    "transactional_db",
    "live_server",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--egov-pass",
        choices=PASSES,
        default="all",
        help="parallel: only the tests not marked serial; serial: only those (make test runs both)",
    )


def is_transactional(item: pytest.Item) -> bool:
    """What pytest-django's ordering calls transactional (it runs those after the others)."""
    from django.test import TestCase, TransactionTestCase

    test_class = getattr(item, "cls", None)
    if test_class is not None and issubclass(test_class, TransactionTestCase):
        return not issubclass(test_class, TestCase)
    marker = item.get_closest_marker("django_db")
    if marker is not None:
        # django_db(transaction=False, reset_sequences=False, ...), by keyword or by position
        options: dict[str, Any] = {**dict(zip(("transaction", "reset_sequences"), marker.args, strict=False))}
        options.update(marker.kwargs)
        if options.get("transaction") or options.get("reset_sequences"):
            return True
    return bool(TRANSACTIONAL_FIXTURES.intersection(getattr(item, "fixturenames", ())))


@pytest.hookimpl(tryfirst=True)  # before -m is applied, so that -m serial / -m slow select them
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if is_transactional(item) or item.get_closest_marker("e2e"):
            item.add_marker(pytest.mark.serial)
        if item.get_closest_marker("e2e"):
            item.add_marker(pytest.mark.slow)
    chosen = config.getoption("egov_pass")
    if chosen == "all":
        return
    keep = [item for item in items if (item.get_closest_marker("serial") is not None) == (chosen == "serial")]
    if len(keep) != len(items):
        kept = set(keep)
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = keep


@pytest.fixture(autouse=True)
def _clear_cache() -> Iterator[None]:
    """Rate-limit and lockout counters live in the cache: every test starts from zero. So do the
    page cache's per-process copies (egov.core.pagestore): which tests ran before in the same process
    depends on how pytest-xdist shares out the files, and a copy of a page without tags outlives a
    cleared cache."""
    from egov.core import pagestore

    cache.clear()
    pagestore._local.clear()
    yield
    cache.clear()
    pagestore._local.clear()
