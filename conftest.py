"""Project-wide pytest fixtures."""

from collections.abc import Iterator

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache() -> Iterator[None]:
    """Rate-limit and lockout counters live in the cache: every test starts from zero."""
    cache.clear()
    yield
    cache.clear()
