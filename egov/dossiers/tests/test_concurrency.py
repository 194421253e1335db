"""Concurrent officers: two actions on one step give one success and one conflict; codes stay unique
and gap-free when desks receive at the same moment (real threads, real database connections)."""

import threading
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection

from egov.core.errors import ApplicationError
from egov.dossiers.contracts import ActionData
from egov.dossiers.models import Dossier
from egov.dossiers.services.actions import dossier_act
from egov.dossiers.services.intake import dossier_receive
from egov.dossiers.tests.conftest import MONDAY_9AM, agency_of, birth_intake, reseed, user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _seeded(transactional_db: None) -> None:
    reseed()  # an earlier transactional test's flush removed the migrations' rows


def run_together(jobs: Sequence[Callable[..., Any]]) -> list[Any]:
    """Run the jobs in threads released at the same instant; each returns its value or its error."""
    barrier = threading.Barrier(len(jobs))
    results: list[Any] = [None] * len(jobs)

    def runner(index: int, job: Callable[[], Any]) -> None:
        barrier.wait()
        try:
            results[index] = job()
        except Exception as error:
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_two_officers_acting_on_the_same_step_get_one_success_and_one_conflict(demo: None, travel: Any) -> None:
    travel(MONDAY_9AM)
    desk = user("ttpdonghoi_ngothithanhtam")
    dossier = dossier_receive(actor=desk, agency_id=agency_of("ttpdonghoi").pk, data=birth_intake())
    travel(MONDAY_9AM + timedelta(minutes=20))
    dossier = dossier_act(actor=desk, code=dossier.code, action="forward", data=ActionData(version=dossier.version))
    seen = dossier.version
    specialists = [user("pdonghoi_tranvandung"), user("pdonghoi_hoangvanthinh")]  # both hold the specialist role

    def claim(officer: Any) -> Callable[[], Dossier]:
        return lambda: dossier_act(actor=officer, code=dossier.code, action="claim", data=ActionData(version=seen))

    results = run_together([claim(officer) for officer in specialists])
    successes = [r for r in results if isinstance(r, Dossier)]
    # PostgreSQL: the loser waits for the row lock, then finds a newer version (dossier.conflict);
    # SQLite: it cannot get the single writer lock (dossier.busy). Either way a 409, nothing written.
    conflicts = [
        r for r in results if isinstance(r, ApplicationError) and r.code in {"dossier.conflict", "dossier.busy"}
    ]
    assert (len(successes), len(conflicts)) == (1, 1), results
    assert conflicts[0].status == 409
    stored = Dossier.objects.get(pk=dossier.pk)
    assert stored.version == seen + 1
    assert stored.tasks.get(status="active").assignee_id in {s.pk for s in specialists}


def test_a_stale_version_is_a_conflict(demo: None, travel: Any) -> None:
    travel(MONDAY_9AM)
    desk = user("ttpdonghoi_ngothithanhtam")
    dossier = dossier_receive(actor=desk, agency_id=agency_of("ttpdonghoi").pk, data=birth_intake())
    dossier_act(actor=desk, code=dossier.code, action="note", data=ActionData(version=dossier.version, note="Đã scan"))
    with pytest.raises(ApplicationError) as caught:
        dossier_act(actor=desk, code=dossier.code, action="forward", data=ActionData(version=dossier.version))
    assert (caught.value.code, caught.value.status) == ("dossier.conflict", 409)


def test_codes_received_at_the_same_moment_are_unique_and_gap_free(demo: None, travel: Any) -> None:
    travel(MONDAY_9AM)
    desks = [user("ttpdonghoi_ngothithanhtam"), user("ttpdonghoi_buivankien")]
    centre = agency_of("ttpdonghoi").pk

    def receive(desk: Any) -> Callable[[], Dossier]:
        return lambda: dossier_receive(actor=desk, agency_id=centre, data=birth_intake())

    jobs = [receive(desk) for desk in desks * 3]
    results = run_together(jobs)
    failures = [r for r in results if not isinstance(r, Dossier)]
    # SQLite serialises writers: a writer that could not get the database in time fails cleanly
    # and leaves no number behind; on PostgreSQL all six succeed.
    assert all(isinstance(f, ApplicationError) and f.status == 409 for f in failures), failures
    codes = sorted(Dossier.objects.values_list("code", flat=True))
    sequences = [int(code.rsplit("-", 1)[1]) for code in codes]
    assert sequences == list(range(1, len(codes) + 1))
    assert len(codes) == len(set(codes)) == 6 - len(failures) >= 1
