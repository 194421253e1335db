"""The one-stop report (Biểu II.06a columns) over dossiers built through the real services."""

from datetime import date
from typing import Any

import pytest

from egov.core.errors import ApplicationError, PermissionDeniedError
from egov.dossiers.one_stop_report import one_stop_report
from egov.dossiers.tests.conftest import agency_of, user
from egov.dossiers.tests.test_statistics_scenario import (
    AUDITOR,
    CENTRE_LEADER,
    CHAIRMAN,
    DESK,
    DONGHA_LEADER,
    EXPECTED_DONGHA,
    EXPECTED_DONGHOI,
    NOVEMBER,
    November,
    at,
    november,
    values_of,
)

__all__ = ["november"]  # the fixture, used by name below


def _report(username: str, **options: Any) -> Any:
    return one_stop_report(user=user(username), period_from=NOVEMBER[0], period_to=NOVEMBER[1], **options)


def test_every_column_of_the_form_for_the_centre(november: November) -> None:
    report = _report(CENTRE_LEADER)
    assert [row.agency_code for row in report.rows] == [agency_of("ttpdonghoi").code]
    assert values_of(report.rows[0]) == EXPECTED_DONGHOI
    assert values_of(report.total) == EXPECTED_DONGHOI
    # in progress is judged at the end of November, although the report runs on 15 December
    assert report.as_of == at(12, 1, 0)


def test_the_form_balances_received_against_resolved_and_in_progress(november: November) -> None:
    row = _report(CENTRE_LEADER).rows[0]
    assert row.received_total == row.resolved_total + row.pending_total
    assert row.resolved_total == row.resolved_early + row.resolved_on_time + row.resolved_late
    assert row.pending_total == row.pending_on_time + row.pending_overdue


def test_a_province_wide_auditor_sees_every_agency_and_the_total(november: November) -> None:
    report = _report(AUDITOR)
    by_code = {row.agency_code: values_of(row) for row in report.rows}
    assert by_code == {agency_of("ttpdonghoi").code: EXPECTED_DONGHOI, agency_of("ttpdongha").code: EXPECTED_DONGHA}
    assert report.total.received_total == 12
    assert report.total.pending_overdue == 4
    assert report.total.on_time_rate == 66.67


def test_a_leader_sees_only_the_agencies_he_oversees(november: November) -> None:
    dongha = _report(DONGHA_LEADER)
    assert [row.agency_code for row in dongha.rows] == [agency_of("ttpdongha").code]
    assert values_of(dongha.total) == EXPECTED_DONGHA
    # the ward chairman oversees the ward's centre (below the ward People's Committee)
    assert [row.agency_code for row in _report(CHAIRMAN).rows] == [agency_of("ttpdonghoi").code]
    # asking for another ward's centre by id does not widen the scope
    asked = _report(DONGHA_LEADER, agency_ids=[agency_of("ttpdonghoi").pk])
    assert asked.rows == []


def test_an_officer_without_the_permission_is_refused(november: November) -> None:
    with pytest.raises(PermissionDeniedError) as caught:
        _report(DESK)
    assert caught.value.status == 403


def test_per_field_rows(november: November) -> None:
    report = _report(CENTRE_LEADER, group_by="field")
    by_field = {row.field_name: row for row in report.rows}
    assert set(by_field) == {"Chứng thực", "Hộ tịch"}
    certification = by_field["Chứng thực"]
    assert (certification.received_desk, certification.pending_total, certification.pending_overdue) == (1, 1, 1)
    civil = by_field["Hộ tịch"]
    assert civil.received_total == EXPECTED_DONGHOI["received_total"] - 1
    assert civil.resolved_total == EXPECTED_DONGHOI["resolved_total"]
    assert values_of(report.total) == EXPECTED_DONGHOI


def test_per_agency_and_field_rows(november: November) -> None:
    report = _report(AUDITOR, group_by="agency_field")
    labels = [(row.agency_code, row.field_name) for row in report.rows]
    donghoi, dongha = agency_of("ttpdonghoi").code, agency_of("ttpdongha").code
    assert labels == [(donghoi, "Chứng thực"), (donghoi, "Hộ tịch"), (dongha, "Hộ tịch")]
    assert report.rows[0].label == f"{agency_of('ttpdonghoi').name} / Chứng thực"
    assert report.total.received_total == 12


def test_grouped_by_the_handling_agency(november: November) -> None:
    report = _report(AUDITOR, agency_by="handling")
    by_code = {row.agency_code: values_of(row) for row in report.rows}
    assert by_code == {agency_of("pdonghoi").code: EXPECTED_DONGHOI, agency_of("pdongha").code: EXPECTED_DONGHA}


def test_the_previous_month_and_a_month_ago_from_the_carried_over_view(november: November) -> None:
    october = one_stop_report(user=user(CENTRE_LEADER), period_from=date(2026, 10, 1), period_to=date(2026, 10, 31))
    row = october.rows[0]
    # K was received, resolved early and returned; G1 and G2 were open and overdue at the end of October
    assert (row.received_desk, row.carried_over, row.resolved_total, row.resolved_early) == (3, 0, 1, 1)
    assert (row.pending_total, row.pending_overdue, row.returned) == (2, 2, 1)
    december = one_stop_report(user=user(CENTRE_LEADER), period_from=date(2026, 12, 1), period_to=date(2026, 12, 31))
    # November's five in progress are carried over into December
    assert december.rows[0].carried_over == EXPECTED_DONGHOI["pending_total"]
    assert december.rows[0].resolved_total == 1  # D


@pytest.mark.parametrize(
    ("options", "code"),
    [
        ({"period_from": date(2026, 12, 1), "period_to": date(2026, 11, 1)}, "statistics.period"),
        ({"period_from": date(2020, 1, 1), "period_to": date(2026, 1, 1)}, "statistics.period_too_long"),
        ({"period_from": date(2026, 11, 1), "period_to": date(2026, 11, 30), "group_by": "x"}, "statistics.group_by"),
        ({"period_from": date(2026, 11, 1), "period_to": date(2026, 11, 30), "agency_by": "x"}, "statistics.agency_by"),
    ],
)
def test_bad_parameters_are_a_clear_400(demo: None, options: dict[str, Any], code: str) -> None:
    with pytest.raises(ApplicationError) as caught:
        one_stop_report(user=user(AUDITOR), **options)
    assert (caught.value.code, caught.value.status) == (code, 400)
