"""Which template applies: the receiving agency's, its parent's in the same unit, then the level's."""

from datetime import date
from decimal import Decimal

from egov.procedures.choices import ChannelKind, TimeUnit
from egov.procedures.models import Procedure
from egov.procedures.process_selectors import process_template_get_applicable, process_template_list
from egov.procedures.services.process import process_template_create
from egov.procedures.tests.process_fixtures import (
    Place,
    birth_fixture,  # noqa: F401 - fixture
    place_fixture,  # noqa: F401 - fixture
    step,
    template_data,
)


def test_without_an_agency_template_the_level_template_applies(birth: Procedure, place: Place) -> None:
    level = process_template_create(data=template_data(birth), acting_user=None)
    # a dossier received by the commune's one-stop centre (a commune-level unit)
    assert process_template_get_applicable(procedure_id=birth.pk, agency_id=place.centre.pk) == level
    assert process_template_get_applicable(procedure_id=birth.pk, level_code="commune") == level
    # a provincial agency is not at the commune level
    assert process_template_get_applicable(procedure_id=birth.pk, agency_id=place.dept.pk) is None


def test_the_parent_agency_in_the_same_unit_beats_the_level(birth: Procedure, place: Place) -> None:
    process_template_create(data=template_data(birth), acting_user=None)
    commune = process_template_create(
        data=template_data(birth, level_id=None, agency_id=place.commune.pk, name="Quy trình của phường"),
        acting_user=None,
    )
    assert process_template_get_applicable(procedure_id=birth.pk, agency_id=place.centre.pk) == commune
    assert process_template_get_applicable(procedure_id=birth.pk, agency_id=place.commune.pk) == commune


def test_a_template_for_the_dossiers_channel_beats_one_for_every_channel(birth: Procedure, place: Place) -> None:
    every = process_template_create(data=template_data(birth), acting_user=None)
    online = process_template_create(
        data=template_data(birth, channel=ChannelKind.ONLINE_FULL.value, name="Trực tuyến"), acting_user=None
    )
    found = process_template_get_applicable(
        procedure_id=birth.pk, agency_id=place.centre.pk, channel=ChannelKind.ONLINE_FULL.value
    )
    assert found == online
    assert process_template_get_applicable(procedure_id=birth.pk, agency_id=place.centre.pk, channel="counter") == every


def test_only_active_templates_in_force_apply(birth: Procedure, place: Place) -> None:
    old = process_template_create(data=template_data(birth, valid_to=date(2025, 6, 30), name="Cũ"), acting_user=None)
    new = process_template_create(data=template_data(birth, valid_from=date(2025, 7, 1), name="Mới"), acting_user=None)
    assert process_template_get_applicable(procedure_id=birth.pk, level_code="commune", on=date(2025, 6, 1)) == old
    assert process_template_get_applicable(procedure_id=birth.pk, level_code="commune", on=date(2026, 1, 5)) == new
    assert [t.name for t in process_template_list(procedure_id=birth.pk)] == ["Cũ", "Mới"]


def test_hours_based_template_is_returned_with_its_steps(birth: Procedure) -> None:
    steps = (
        step(1, "6", role="desk_officer", actions=("receive", "forward")),
        step(2, "2", role="leader", actions=("sign", "return_result")),
    )
    process_template_create(
        data=template_data(birth, steps=steps, total_time=Decimal(8), total_time_unit=TimeUnit.WORKING_HOUR.value),
        acting_user=None,
    )
    found = process_template_get_applicable(procedure_id=birth.pk, level_code="commune")
    assert found is not None
    assert [(s.order, s.role) for s in found.steps.all()] == [(1, "desk_officer"), (2, "leader")]
