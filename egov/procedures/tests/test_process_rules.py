"""The rules of process templates: times add up (hours and days, parallel groups), someone is
responsible at every step, orders, actions and hand-offs; errors in Vietnamese and English."""

from dataclasses import replace
from decimal import Decimal

import pytest
from django.utils.translation import override

from egov.core.errors import bilingual_error
from egov.procedures.choices import ChannelKind, TimeUnit
from egov.procedures.models import Procedure
from egov.procedures.services.process_rules import (
    ProcessTemplateInvalidError,
    steps_total_hours,
    to_hours,
    validate_template,
)
from egov.procedures.tests.process_fixtures import (
    Place,
    birth_fixture,  # noqa: F401 - fixture
    birth_steps,
    make_procedure,
    place_fixture,  # noqa: F401 - fixture
    step,
    template_data,
)


def _problems(data: object) -> list[str]:
    with pytest.raises(ProcessTemplateInvalidError) as caught:
        validate_template(data)  # type: ignore[arg-type]
    return [problem.code for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("value", "unit", "hours"),
    [
        (Decimal(1), TimeUnit.WORKING_DAY, Decimal(8)),
        (Decimal("0.5"), TimeUnit.WORKING_DAY, Decimal(4)),
        (Decimal(27), TimeUnit.WORKING_DAY, Decimal(216)),
        (Decimal("2.5"), TimeUnit.WORKING_HOUR, Decimal("2.5")),
    ],
)
def test_working_days_count_eight_working_hours(value: Decimal, unit: str, hours: Decimal) -> None:
    assert to_hours(value, unit) == hours


def test_calendar_days_are_not_working_time() -> None:
    with pytest.raises(ValueError, match="not a working-time unit"):
        to_hours(Decimal(15), TimeUnit.CALENDAR_DAY)


def test_a_parallel_group_counts_once_with_its_longest_step() -> None:
    # given: 4 h, then a group of 16 h and 24 h (consulting two agencies at once), then 1 day
    steps = [
        step(1, "4"),
        step(2, "2", duration_unit=TimeUnit.WORKING_DAY.value, parallel_group="consult"),
        step(3, "24", parallel_group="consult"),
        step(4, "1", duration_unit=TimeUnit.WORKING_DAY.value),
    ]
    # then: 4 + max(16, 24) + 8
    assert steps_total_hours(steps) == Decimal(36)


def test_a_valid_template_mixing_hours_and_days_passes(birth: Procedure) -> None:
    # given: 0.5 day + 2 h + 1.5 h + 0.5 h = 8 h = the 1 working day of every channel
    steps = (
        replace(birth_steps()[0], duration=Decimal("0.5"), duration_unit=TimeUnit.WORKING_DAY.value),
        *birth_steps()[1:],
    )
    # when
    total = validate_template(template_data(birth, steps=steps))
    # then
    assert total == Decimal(8)


def test_steps_that_do_not_add_up_name_both_totals_in_both_languages(birth: Procedure) -> None:
    # given: the steps make 8.5 hours for a 1-day template
    steps = (*birth_steps()[:3], step(4, "1", role="desk_officer", actions=("return_result",)))
    # when
    with pytest.raises(ProcessTemplateInvalidError) as caught:
        validate_template(template_data(birth, steps=steps))
    # then: a 400 whose message is rendered in each language when shown (Vietnamese writes 8,5)
    error = caught.value
    assert (error.code, error.status) == ("process_time_mismatch", 400)
    body = bilingual_error(error.code, error.message)
    assert body["message_en"] == (
        "The steps add up to 8.5 working hours, but the template's total time is 1 working day (8 working hours)."
    )
    assert "8,5" in body["message"]
    assert "8.5" not in body["message"]


def test_a_total_that_differs_from_the_legal_processing_time_is_refused(birth: Procedure) -> None:
    # given: steps and total agree on 2 days, the procedure says 1 working day
    steps = (*birth_steps()[:3], step(4, "8.5", role="desk_officer", actions=("return_result",)))
    data = template_data(birth, steps=steps, total_time=Decimal(2))
    # when
    with pytest.raises(ProcessTemplateInvalidError) as caught:
        validate_template(data)
    # then
    assert caught.value.code == "process_legal_time_mismatch"
    with override("en"):
        assert str(caught.value.message) == (
            "The template's total time is 2 working days (16 working hours), but the legal processing time "
            "(At the desk) is 1 working day (8 working hours)."
        )


def test_a_channel_template_is_compared_with_that_channel_only(place: Place) -> None:
    # given: military service registration, 1 working day at the desk, 2 working hours online
    procedure = make_procedure(
        "1.013133",
        channels=(
            (ChannelKind.COUNTER, Decimal(1), TimeUnit.WORKING_DAY),
            (ChannelKind.ONLINE_FULL, Decimal(2), TimeUnit.WORKING_HOUR),
        ),
    )
    online = template_data(
        procedure,
        channel=ChannelKind.ONLINE_FULL.value,
        total_time=Decimal(2),
        total_time_unit=TimeUnit.WORKING_HOUR.value,
        steps=(
            step(1, "1", role="specialist", actions=("receive", "forward")),
            step(2, "1", role="leader", actions=("sign", "return_result")),
        ),
    )
    # then: valid for its channel, refused for every channel (the desk needs 1 day)
    assert validate_template(online) == Decimal(2)
    assert _problems(replace(online, channel="")) == ["process_legal_time_mismatch"]


def test_a_limit_in_calendar_days_caps_the_working_time(place: Place) -> None:
    # given: a construction permit, 20 days (Luật Xây dựng Điều 102)
    procedure = make_procedure("1.013236", channels=((ChannelKind.COUNTER, Decimal(20), TimeUnit.CALENDAR_DAY),))
    # then: 1 working day fits; 21 working days do not
    assert validate_template(template_data(procedure)) == Decimal(8)
    long_steps = (*birth_steps()[:3], step(4, "160.5", role="desk_officer", actions=("return_result",)))
    with pytest.raises(ProcessTemplateInvalidError) as caught:
        validate_template(template_data(procedure, steps=long_steps, total_time=Decimal(21)))
    assert caught.value.code == "process_legal_time_exceeded"
    with override("en"):
        assert str(caught.value.message) == (
            "The template's total time is 21 working days (168 working hours), longer than the legal processing time "
            "(At the desk) of 20 days."
        )


def test_channels_without_a_time_are_not_compared(place: Place) -> None:
    procedure = make_procedure("9.000001", channels=((ChannelKind.COUNTER, None, TimeUnit.UNSPECIFIED),))
    assert validate_template(template_data(procedure)) == Decimal(8)


def test_every_step_needs_someone_responsible_and_known_actions(birth: Procedure, place: Place) -> None:
    steps = (
        step(1, "4", role="", actions=("receive",)),  # nobody
        step(2, "2", role="", agency_id=place.commune.pk, actions=("fly",)),  # an agency, an unknown action
        step(3, "1.5", role="citizen", actions=()),  # not a staff role, no action
        step(4, "0.5", role="desk_officer", department_id=place.land.pk, actions=("return_result",)),
    )
    assert _problems(template_data(birth, steps=steps)) == [
        "process_step_responsible_missing",
        "process_step_action_invalid",
        "process_step_role_invalid",
        "process_step_actions_missing",
        "process_step_department_invalid",  # a department of another agency
    ]


def test_orders_must_run_from_one_without_gaps_or_repeats(birth: Procedure) -> None:
    steps = birth_steps()
    gap = (steps[0], steps[1], replace(steps[2], order=4), replace(steps[3], order=5))
    repeat = (steps[0], steps[1], replace(steps[2], order=2), steps[3])
    assert _problems(template_data(birth, steps=gap)) == ["process_step_order_invalid"]
    with pytest.raises(ProcessTemplateInvalidError) as caught:
        validate_template(template_data(birth, steps=repeat))
    with override("en"):
        assert str(caught.value.message) == "Number the steps 1, 2, 3… without gaps or repeats (found: 1, 2, 2, 4)."


def test_a_hand_off_names_its_agency_and_allows_the_transfer(birth: Procedure, place: Place) -> None:
    steps = birth_steps()
    unnamed = replace(steps[1], is_hand_off=True, actions=("transfer_to_agency",))
    no_action = replace(steps[1], is_hand_off=True, hand_off_agency_id=place.dept.pk)
    no_flag = replace(steps[1], hand_off_agency_id=place.dept.pk)
    assert _problems(template_data(birth, steps=(steps[0], unnamed, *steps[2:]))) == ["process_hand_off_agency_missing"]
    assert _problems(template_data(birth, steps=(steps[0], no_action, *steps[2:]))) == [
        "process_hand_off_action_missing"
    ]
    assert _problems(template_data(birth, steps=(steps[0], no_flag, *steps[2:]))) == ["process_hand_off_flag_missing"]


def test_parallel_steps_must_follow_one_another(birth: Procedure) -> None:
    steps = birth_steps()
    split = (replace(steps[0], parallel_group="a"), steps[1], replace(steps[2], parallel_group="a"), steps[3])
    assert "process_parallel_group_split" in _problems(template_data(birth, steps=split))


def test_scope_level_and_channel_must_fit_the_procedure(birth: Procedure, place: Place) -> None:
    from egov.procedures.models import ImplementingLevel

    province = ImplementingLevel.objects.get(code="province").pk
    assert _problems(template_data(birth, level_id=None)) == ["process_template_scope_missing"]
    assert _problems(template_data(birth, level_id=province)) == ["process_template_level_invalid"]
    assert _problems(template_data(birth, channel=ChannelKind.POST.value)) == ["process_template_channel_invalid"]


def test_times_need_a_positive_value_with_two_decimals_at_most(birth: Procedure) -> None:
    steps = birth_steps()
    odd = (replace(steps[0], duration=Decimal("3.999")), *steps[1:])
    assert _problems(template_data(birth, steps=odd)) == ["process_step_time_invalid"]
    assert _problems(template_data(birth, total_time=Decimal(0))) == ["process_template_time_invalid"]
