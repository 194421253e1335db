import pytest
from django.core.cache import cache

from egov.identity.tests.factories import make_citizen, make_staff


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    # Rate-limit counters live in the (process-wide) cache: start every test from zero.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff_user(db):
    return make_staff(username="nguyenvana")


@pytest.fixture
def citizen_user(db):
    return make_citizen(citizen_id="045099012345", phone="0912345678", username="citizen-045099012345")


@pytest.fixture(autouse=True)
def _identity_urls(request, settings):
    # Identity's own URLconf keeps these tests independent of other apps' routes; a test may
    # still choose another with @pytest.mark.urls.
    marker = request.node.get_closest_marker("urls")
    settings.ROOT_URLCONF = marker.args[0] if marker else "egov.identity.tests.urls"
