"""The audit log records the client address of the request that made the change: from the
connection, or from ``X-Forwarded-For`` only for the proxies we run (``RATELIMIT_PROXY_COUNT``),
the rule the rate limits use. The address is part of the hash chain."""

import pytest
from django.test import RequestFactory

from egov.core.middleware import AuditClientAddressMiddleware
from egov.core.models import AuditEntry
from egov.core.services.audit import audit_record, audit_verify


def _record_through_a_request(**meta: str) -> AuditEntry:
    request = RequestFactory().post("/staff/anything/")
    request.META.update(meta)

    def view(_request):
        from django.http import HttpResponse

        audit_record(actor=None, action="core.test", object_type="x", object_id=1)
        return HttpResponse("ok")

    AuditClientAddressMiddleware(view)(request)
    entry = AuditEntry.objects.order_by("-seq").first()
    assert entry is not None
    return entry


@pytest.mark.django_db
def test_the_connections_address_is_recorded(settings):
    settings.RATELIMIT_PROXY_COUNT = 0
    entry = _record_through_a_request(REMOTE_ADDR="203.113.131.7", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert entry.client_address == "203.113.131.7"  # a header the client wrote is not believed


@pytest.mark.django_db
def test_behind_our_proxy_the_address_it_saw_is_recorded(settings):
    settings.RATELIMIT_PROXY_COUNT = 1
    entry = _record_through_a_request(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 2402:800:6340::15")
    assert entry.client_address == "2402:800:6340::15"


@pytest.mark.django_db
def test_changes_outside_a_request_have_no_address_and_the_next_request_starts_clean(settings):
    settings.RATELIMIT_PROXY_COUNT = 0
    _record_through_a_request(REMOTE_ADDR="203.113.131.7")
    entry = audit_record(actor=None, action="core.test", object_type="x", object_id=2)  # a worker's task
    assert entry.client_address is None


@pytest.mark.django_db
def test_an_unparsable_address_is_left_empty(settings):
    settings.RATELIMIT_PROXY_COUNT = 1
    entry = _record_through_a_request(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="not-an-address")
    assert entry.client_address is None


@pytest.mark.django_db
def test_the_address_is_chained_and_older_entries_without_one_still_verify(settings):
    settings.RATELIMIT_PROXY_COUNT = 0
    audit_record(actor=None, action="core.test", object_type="x", object_id=0)
    entry = _record_through_a_request(REMOTE_ADDR="203.113.131.7")
    assert audit_verify() == []
    AuditEntry.objects.filter(seq=entry.seq).update(client_address="198.51.100.9")
    assert [problem.seq for problem in audit_verify()] == [entry.seq]
