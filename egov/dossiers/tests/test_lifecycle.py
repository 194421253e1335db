"""The whole life of a dossier through the engine's services: intake → steps → result → return → rating."""

from datetime import datetime, timedelta
from typing import Any

import pytest

from egov.core.errors import ApplicationError
from egov.dossiers.choices import DossierStatus, TaskStatus, Timeliness
from egov.dossiers.contracts import ActionData
from egov.dossiers.models import DossierEvent
from egov.dossiers.services.actions import dossier_act, dossier_rate
from egov.dossiers.tests.conftest import MONDAY_9AM, ReceiveFn, user
from egov.workflow.facade import VIETNAM_TZ


def test_a_birth_registration_goes_from_the_desk_to_the_chairman_and_back(
    receive_birth: ReceiveFn, travel: Any
) -> None:
    # given a dossier received on a Monday at 9:00 (1 working day: due Tuesday 17:00)
    travel(MONDAY_9AM)
    dossier = receive_birth()
    assert dossier.code.startswith("H44.101.01-261102-")
    assert dossier.code.endswith("-0001")
    assert dossier.due_at == datetime(2026, 11, 3, 17, 0, tzinfo=VIETNAM_TZ)
    desk, specialist, chairman = (
        user("ttpdonghoi_ngothithanhtam"),
        user("pdonghoi_tranvandung"),
        user("pdonghoi_nguyenvanhai"),
    )
    # when the desk forwards, the specialist takes and forwards, the chairman signs
    travel(MONDAY_9AM + timedelta(hours=1))
    dossier = dossier_act(actor=desk, code=dossier.code, action="forward", data=ActionData(version=dossier.version))
    dossier = dossier_act(actor=specialist, code=dossier.code, action="claim", data=ActionData(version=dossier.version))
    dossier = dossier_act(
        actor=specialist, code=dossier.code, action="forward", data=ActionData(version=dossier.version)
    )
    dossier = dossier_act(actor=chairman, code=dossier.code, action="sign", data=ActionData(version=dossier.version))
    # then the result is ready, early (finished Monday, due Tuesday), and lands on the desk to return
    assert dossier.status == DossierStatus.RESOLVED
    assert dossier.timeliness == Timeliness.EARLY
    open_tasks = list(dossier.tasks.filter(status=TaskStatus.ACTIVE))
    assert [t.role for t in open_tasks] == ["desk_officer"]
    dossier = dossier_act(
        actor=desk, code=dossier.code, action="return_result", data=ActionData(version=dossier.version)
    )
    assert dossier.status == DossierStatus.RETURNED
    dossier_rate(actor=desk, code=dossier.code, score=5)
    actions = list(DossierEvent.objects.filter(dossier=dossier).values_list("action", flat=True))
    assert actions == ["receive", "forward", "claim", "forward", "sign", "resolve", "return_result", "rate"]


@pytest.mark.parametrize("action", ["accept", "return_result", "supplement", "fulfil_obligation"])
def test_an_illegal_transition_is_refused_with_a_clear_message(
    receive_birth: ReceiveFn, travel: Any, action: str
) -> None:
    travel(MONDAY_9AM)
    dossier = receive_birth()
    with pytest.raises(ApplicationError) as caught:
        dossier_act(actor=user("ttpdonghoi_ngothithanhtam"), code=dossier.code, action=action, data=ActionData())
    assert caught.value.code == "dossier.illegal_transition"
    assert caught.value.status == 409
    assert "Being processed" in caught.value.as_dict()["message_en"]
