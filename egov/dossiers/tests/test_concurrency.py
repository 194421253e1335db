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


def test_results_signed_at_the_same_moment_get_distinct_numbers_without_gaps(
    receive_birth: Any, travel: Any, settings: Any, tmp_path: Any
) -> None:
    # ND 30/2020 Điều 15 k1: one yearly series per agency and notation, unique, in the order of issue.
    from egov.dossiers.choices import ResultDraftStatus
    from egov.dossiers.models import ResultDraft, ResultNumberCounter
    from egov.dossiers.tests.test_result_drafting import certificates
    from egov.dossiers.tests.test_result_numbering import approved, taken
    from egov.organisation.demo.data import DEMO_PASSWORD

    settings.MEDIA_ROOT = str(tmp_path)
    travel(MONDAY_9AM)
    certificates()
    # given four extracts of the ward approved by the chairman, waiting for his signature
    ready = [approved(taken(receive_birth)) for _ in range(4)]
    chairman = user("pdonghoi_nguyenvanhai")

    def sign(dossier: Dossier, draft: Any) -> Callable[[], Dossier]:
        data = ActionData(version=dossier.version, draft_id=draft.pk, digest=draft.sha256, confirmation=DEMO_PASSWORD)
        return lambda: dossier_act(actor=chairman, code=dossier.code, action="sign_result", data=data)

    # when he signs them at the same instant (two sessions, or a double submission of a batch)
    results = run_together([sign(dossier, draft) for dossier, draft in ready])
    failures = [r for r in results if not isinstance(r, Dossier)]
    # PostgreSQL: the signatures wait in turn for the series' counter row and all succeed; SQLite: a
    # writer that could not get the database in time fails cleanly (409) and takes no number
    assert all(isinstance(f, ApplicationError) and f.status == 409 for f in failures), failures
    for (dossier, draft), result in zip(ready, results, strict=True):
        if not isinstance(result, Dossier):
            dossier.refresh_from_db()
            draft.refresh_from_db()
            assert (draft.status, draft.number) == (ResultDraftStatus.APPROVED, "")
            sign(dossier, draft)()  # signed afterwards: the next number
    # then the numbers are 01..04: none shared, none skipped
    numbers = sorted(ResultDraft.objects.filter(status=ResultDraftStatus.SIGNED).values_list("number", flat=True))
    assert numbers == ["01/TLKS", "02/TLKS", "03/TLKS", "04/TLKS"]
    assert ResultNumberCounter.objects.get(agency=agency_of("pdonghoi"), year=2026, notation="TLKS").last == 4
