"""The legal clock never assumes a unit the catalogue does not state: the national record's bare "1"
(no unit) is skipped, and the clock runs on a stated channel time or on the internal process's
total, the history saying which."""

from decimal import Decimal
from typing import Any

import pytest

from egov.core.errors import ApplicationError
from egov.dossiers.models import DossierEvent
from egov.dossiers.services.intake import legal_processing_time
from egov.dossiers.tests.conftest import MONDAY_9AM, ReceiveFn
from egov.dossiers.timing import appointment_for
from egov.procedures.choices import ChannelKind, TimeUnit
from egov.procedures.models import Channel, Procedure, ProcedureVersion


def birth_version() -> ProcedureVersion:
    version = Procedure.objects.get(code="1.001193").current_version
    assert version is not None
    return version


def as_imported(version: ProcedureVersion, *kinds: str) -> None:
    """The channels as the national record gives them: "1" and no unit."""
    Channel.objects.filter(version=version, kind__in=kinds).update(
        processing_time=Decimal(1), time_unit=TimeUnit.UNSPECIFIED, processing_time_text="1"
    )


def test_a_time_without_a_unit_runs_on_the_internal_process(receive_birth: ReceiveFn, travel: Any) -> None:
    # given every channel of birth registration says "1" without a unit
    travel(MONDAY_9AM)
    version = birth_version()
    as_imported(version, *ChannelKind.values)
    # when the desk receives a dossier
    dossier = receive_birth()
    # then the clock uses the approved internal process's total, not "1 day" or "1 hour"
    template = dossier.process_template
    assert template is not None
    assert (dossier.processing_time, dossier.processing_time_unit) == (template.total_time, template.total_time_unit)
    assert dossier.legal_due_at == appointment_for(MONDAY_9AM, template.total_time, template.total_time_unit)
    event = DossierEvent.objects.get(dossier=dossier, action="receive")
    assert event.data == {"time_basis": "internal_process"}


def test_a_stated_time_of_another_channel_is_used_and_said(demo: None) -> None:
    version = birth_version()
    as_imported(version, ChannelKind.ONLINE_FULL, ChannelKind.ONLINE_PARTIAL)
    counter = Channel.objects.get(version=version, kind=ChannelKind.COUNTER)
    legal = legal_processing_time(version, ChannelKind.ONLINE_FULL, (Decimal(5), TimeUnit.WORKING_DAY))
    assert (legal.amount, legal.unit, legal.basis) == (counter.processing_time, counter.time_unit, "other_channel")
    own = legal_processing_time(version, ChannelKind.COUNTER, (Decimal(5), TimeUnit.WORKING_DAY))
    assert own.basis == "channel"


def test_no_stated_unit_and_no_process_cannot_be_received(demo: None) -> None:
    version = birth_version()
    as_imported(version, *ChannelKind.values)
    with pytest.raises(ApplicationError) as refused:
        legal_processing_time(version, ChannelKind.COUNTER, None)
    assert (refused.value.code, refused.value.status) == ("dossier.no_processing_time", 409)
