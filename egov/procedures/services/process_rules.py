"""The rules a process template (quy trình nội bộ) must follow, checked before every save.

- The steps add up to the template's total time, and the total equals the legal processing time
  of the procedure's current version (of the template's channel, or of every channel when the
  template is for all channels); a legal time in (calendar) days is a ceiling instead, since the
  working days inside it depend on the calendar. Times are office time: 1 working day = 8 working hours, the
  workflow calendar's rule (docs/adr/0002-working-day-counting.md §5). Steps of one parallel group
  run at the same time, so a group counts once, with its longest step.
- Every step has someone responsible (an agency or a role), its actions come from the fixed
  vocabulary, orders run 1, 2, 3… without gaps, and a hand-off names the agency it goes to.

Problems come back all at once (``ProcessTemplateInvalidError.problems``) so that an admin form can show
each next to its step; the first one is the error's message (a 400 in both languages).
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.functional import Promise, lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from egov.core.errors import ApplicationError
from egov.identity.roles import Role
from egov.organisation.facade import AgencySummary, agency_get_summary
from egov.organisation.models import Department
from egov.procedures.choices import ChannelKind, TimeUnit
from egov.procedures.models import Channel, ImplementingLevel, Procedure, ProcedureVersion
from egov.procedures.process_models import ProcessAction

HOURS_PER_WORKING_DAY = Decimal(8)  # ADR 0002 §5: office hours 07:30-11:30 and 13:00-17:00
WORKING_UNITS = frozenset({TimeUnit.WORKING_DAY.value, TimeUnit.WORKING_HOUR.value})
STAFF_ROLES = frozenset(role.value for role in Role if role != Role.CITIZEN)
ACTIONS = frozenset(action.value for action in ProcessAction)


@dataclass(frozen=True)
class ProcessStepData:
    order: int
    name: str
    duration: Decimal
    duration_unit: str = TimeUnit.WORKING_HOUR.value
    role: str = ""
    agency_id: int | None = None
    department_id: int | None = None
    actions: tuple[str, ...] = ()
    parallel_group: str = ""
    is_hand_off: bool = False
    hand_off_agency_id: int | None = None
    description: str = ""


@dataclass(frozen=True)
class ProcessTemplateData:
    """A template and all its steps: the input of ``process_template_create`` / ``_update``."""

    procedure_id: int
    name: str
    total_time: Decimal
    total_time_unit: str = TimeUnit.WORKING_DAY.value
    steps: tuple[ProcessStepData, ...] = ()
    level_id: int | None = None
    agency_id: int | None = None
    channel: str = ""
    valid_from: date | None = None
    valid_to: date | None = None
    is_active: bool = True


@dataclass(frozen=True)
class ProcessProblem:
    code: str
    message: str | Promise
    step_order: int | None = None  # the step it is about; None for the template itself


class ProcessTemplateInvalidError(ApplicationError):
    def __init__(self, problems: Sequence[ProcessProblem]) -> None:
        assert problems  # noqa: S101 - raised only with at least one problem
        first = problems[0]
        super().__init__(
            first.message,
            code=first.code,
            status=400,
            fields={"problems": [{"code": p.code, "step": p.step_order} for p in problems]},
        )
        self.problems = list(problems)


def to_hours(value: Decimal, unit: str) -> Decimal:
    """Working time in hours; ValueError for a unit the calendar cannot count (calendar days, months)."""
    if unit == TimeUnit.WORKING_HOUR:
        return Decimal(value)
    if unit == TimeUnit.WORKING_DAY:
        return Decimal(value) * HOURS_PER_WORKING_DAY
    raise ValueError(f"not a working-time unit: {unit!r}")


def steps_total_hours(steps: Iterable[ProcessStepData]) -> Decimal:
    """Sequential steps add up; a parallel group counts once, with its longest step."""
    total = Decimal(0)
    groups: dict[str, Decimal] = {}
    for step in steps:
        hours = to_hours(step.duration, step.duration_unit)
        if step.parallel_group:
            groups[step.parallel_group] = max(groups.get(step.parallel_group, Decimal(0)), hours)
        else:
            total += hours
    return total + sum(groups.values(), Decimal(0))


def _number(value: Decimal) -> str:
    return number_format(value.normalize(), use_l10n=True)


def _render_time(hours: Decimal) -> str:
    if hours == HOURS_PER_WORKING_DAY:
        return gettext("1 working day (8 working hours)")
    if hours % HOURS_PER_WORKING_DAY == 0:
        days = hours / HOURS_PER_WORKING_DAY
        return gettext("{days} working days ({hours} working hours)").format(days=_number(days), hours=_number(hours))
    return gettext("{hours} working hours").format(hours=_number(hours))


time_text = lazy(_render_time, str)  # rendered in the language active when the message is shown


def validate_template(data: ProcessTemplateData) -> Decimal:
    """Check ``data`` against the rules above; the steps' total in working hours, or raise
    ``ProcessTemplateInvalidError`` with every problem found."""
    problems: list[ProcessProblem] = []
    procedure = Procedure.objects.select_related("current_version").filter(pk=data.procedure_id).first()
    if procedure is None:
        raise ProcessTemplateInvalidError([ProcessProblem("procedure_not_found", _("The procedure does not exist."))])
    version = procedure.current_version
    problems += _template_problems(data, version)
    problems += _order_problems(data.steps)
    for step in data.steps:
        problems += _step_problems(step)
    problems += _parallel_problems(data.steps)
    steps_hours = None
    if not any(p.code in {"process_step_time_invalid"} for p in problems) and data.steps:
        steps_hours = steps_total_hours(data.steps)
        problems += _time_problems(data, steps_hours, version)
    if problems:
        raise ProcessTemplateInvalidError(problems)
    assert steps_hours is not None  # noqa: S101 - no problem means steps were counted
    return steps_hours


def _template_problems(data: ProcessTemplateData, version: ProcedureVersion | None) -> list[ProcessProblem]:
    found: list[ProcessProblem] = []
    if version is None:
        found.append(ProcessProblem("procedure_unpublished", _("The procedure has no published version yet.")))
    if not data.name.strip():
        found.append(ProcessProblem("process_template_name_missing", _("Give the process template a name.")))
    if data.level_id is None and data.agency_id is None:
        found.append(
            ProcessProblem(
                "process_template_scope_missing", _("Choose the implementing level or the agency it applies to.")
            )
        )
    if data.total_time_unit not in WORKING_UNITS or not _time_ok(data.total_time):
        found.append(
            ProcessProblem(
                "process_template_time_invalid",
                _(
                    "The total time must be a positive number of working days or working hours, with at most two decimals."
                ),
            )
        )
    if len(data.name) > 500:
        found.append(
            ProcessProblem("process_template_name_too_long", _("The name is too long (500 characters at most)."))
        )
    if data.valid_from and data.valid_to and data.valid_to < data.valid_from:
        found.append(ProcessProblem("process_template_period_invalid", _("The end of validity is before its start.")))
    if data.channel and data.channel not in ChannelKind.values:
        found.append(ProcessProblem("process_template_channel_invalid", _("Unknown submission channel.")))
    if version is not None:
        found += _version_problems(data, version)
    if data.agency_id is not None and _active_agency(data.agency_id) is None:
        found.append(ProcessProblem("process_agency_invalid", _("The agency does not exist or is no longer active.")))
    if not data.steps:
        found.append(ProcessProblem("process_steps_missing", _("A process template needs at least one step.")))
    return found


def _version_problems(data: ProcessTemplateData, version: ProcedureVersion) -> list[ProcessProblem]:
    found: list[ProcessProblem] = []
    if data.level_id is not None:
        level_ids = set(version.levels.values_list("pk", flat=True))
        if level_ids and data.level_id not in level_ids:
            level = ImplementingLevel.objects.filter(pk=data.level_id).first()
            found.append(
                ProcessProblem(
                    "process_template_level_invalid",
                    format_lazy(
                        _("The procedure is not carried out at the level {level}."), level=level.name if level else "?"
                    ),
                )
            )
    if data.channel and data.channel in ChannelKind.values and not version.channels.filter(kind=data.channel).exists():
        found.append(
            ProcessProblem(
                "process_template_channel_invalid",
                format_lazy(
                    _("The procedure cannot be submitted through this channel: {channel}."),
                    channel=ChannelKind(data.channel).label,
                ),
            )
        )
    return found


def _order_problems(steps: Sequence[ProcessStepData]) -> list[ProcessProblem]:
    orders = [step.order for step in steps]
    if sorted(orders) == list(range(1, len(steps) + 1)):
        return []
    return [
        ProcessProblem(
            "process_step_order_invalid",
            format_lazy(
                _("Number the steps 1, 2, 3… without gaps or repeats (found: {orders})."),
                orders=", ".join(str(order) for order in sorted(orders)),
            ),
        )
    ]


def _step_problems(step: ProcessStepData) -> list[ProcessProblem]:
    found: list[ProcessProblem] = []

    def add(code: str, message: str | Promise) -> None:
        found.append(
            ProcessProblem(
                code, format_lazy(_("Step {order}: {problem}"), order=step.order, problem=message), step.order
            )
        )

    if not step.name.strip():
        add("process_step_name_missing", _("give the step a name."))
    if len(step.name) > 300 or len(step.parallel_group) > 30:
        add("process_step_text_too_long", _("the name (300 characters) or the parallel group (30) is too long."))
    if step.duration_unit not in WORKING_UNITS or not _time_ok(step.duration):
        add(
            "process_step_time_invalid",
            _(
                "the allotted time must be a positive number of working hours or working days, with at most two decimals."
            ),
        )
    if step.role and step.role not in STAFF_ROLES:
        add("process_step_role_invalid", _("unknown staff role."))
    if not step.role and step.agency_id is None:
        add("process_step_responsible_missing", _("say who is responsible: an agency, a role or both."))
    agency = _active_agency(step.agency_id) if step.agency_id is not None else None
    if step.agency_id is not None and agency is None:
        add("process_agency_invalid", _("the responsible agency does not exist or is no longer active."))
    if step.department_id is not None:
        department_agency = (
            Department.objects.filter(pk=step.department_id, is_active=True).values_list("agency_id", flat=True).first()
        )
        if department_agency is None or department_agency != step.agency_id:
            add(
                "process_step_department_invalid",
                _("the department must be an active department of the responsible agency."),
            )
    unknown = sorted({action for action in step.actions if action not in ACTIONS})
    if unknown:
        add(
            "process_step_action_invalid",
            format_lazy(_("unknown actions: {actions}."), actions=", ".join(unknown)),
        )
    if not step.actions:
        add("process_step_actions_missing", _("allow at least one action."))
    _hand_off_problems(step, add)
    return found


def _hand_off_problems(step: ProcessStepData, add: Callable[[str, str | Promise], None]) -> None:
    if step.is_hand_off and step.hand_off_agency_id is None:
        add("process_hand_off_agency_missing", _("a hand-off must name the agency the dossier goes to."))
    elif step.hand_off_agency_id is not None and not step.is_hand_off:
        add("process_hand_off_flag_missing", _("tick “hand-off” or remove the agency the dossier goes to."))
    elif step.is_hand_off:
        if step.hand_off_agency_id is not None and _active_agency(step.hand_off_agency_id) is None:
            add("process_agency_invalid", _("the agency the dossier goes to does not exist or is no longer active."))
        elif step.hand_off_agency_id == step.agency_id:
            add("process_hand_off_same_agency", _("a hand-off must go to another agency."))
        if ProcessAction.TRANSFER_TO_AGENCY.value not in step.actions:
            add("process_hand_off_action_missing", _("a hand-off step must allow “transfer to another agency”."))
        if step.parallel_group:
            add("process_hand_off_parallel", _("a hand-off cannot run in parallel with other steps."))


def _parallel_problems(steps: Sequence[ProcessStepData]) -> list[ProcessProblem]:
    found: list[ProcessProblem] = []
    by_group: dict[str, list[int]] = {}
    for step in steps:
        if step.parallel_group:
            by_group.setdefault(step.parallel_group, []).append(step.order)
    for group, orders in sorted(by_group.items()):
        orders.sort()
        if orders != list(range(orders[0], orders[0] + len(orders))):
            found.append(
                ProcessProblem(
                    "process_parallel_group_split",
                    format_lazy(
                        _("The steps of parallel group “{group}” must follow one another (found steps {orders})."),
                        group=group,
                        orders=", ".join(str(order) for order in orders),
                    ),
                    orders[0],
                )
            )
    return found


def _time_ok(value: Decimal | None) -> bool:
    """Positive, finite, at most two decimals and within the column (DecimalField(8, 2))."""
    if not isinstance(value, Decimal) or not value.is_finite():
        return False
    return Decimal(0) < value < Decimal(1_000_000) and value == value.quantize(Decimal("0.01"))


def _time_problems(
    data: ProcessTemplateData, steps_hours: Decimal, version: ProcedureVersion | None
) -> list[ProcessProblem]:
    if data.total_time_unit not in WORKING_UNITS or not _time_ok(data.total_time):
        return []  # already reported
    total_hours = to_hours(data.total_time, data.total_time_unit)
    if steps_hours != total_hours:
        return [
            ProcessProblem(
                "process_time_mismatch",
                format_lazy(
                    _("The steps add up to {steps}, but the template's total time is {total}."),
                    steps=time_text(steps_hours),
                    total=time_text(total_hours),
                ),
            )
        ]
    if version is None:
        return []
    for channel in _calendar_day_channels(version, data.channel):
        # Working days never outnumber the days around them: a limit in days caps the working time.
        days = Decimal(channel.processing_time or 0)
        if total_hours > days * HOURS_PER_WORKING_DAY:
            return [
                ProcessProblem(
                    "process_legal_time_exceeded",
                    format_lazy(
                        _(
                            "The template's total time is {total}, longer than the legal processing time ({channel}) of {days} days."
                        ),
                        total=time_text(total_hours),
                        channel=ChannelKind(channel.kind).label,
                        days=_number(days),
                    ),
                )
            ]
    for channel in _comparable_channels(version, data.channel):
        legal_hours = to_hours(Decimal(channel.processing_time or 0), channel.time_unit)
        if legal_hours != total_hours:
            return [
                ProcessProblem(
                    "process_legal_time_mismatch",
                    format_lazy(
                        _(
                            "The template's total time is {total}, but the legal processing time ({channel}) is {legal}."
                        ),
                        total=time_text(total_hours),
                        channel=ChannelKind(channel.kind).label,
                        legal=time_text(legal_hours),
                    ),
                )
            ]
    return []


def _comparable_channels(version: ProcedureVersion, channel_kind: str) -> list[Channel]:
    """Channels whose processing time is published in working time (calendar days and months are
    not office time, so no internal process can be checked against them)."""
    channels = version.channels.filter(processing_time__isnull=False, time_unit__in=WORKING_UNITS)
    if channel_kind:
        channels = channels.filter(kind=channel_kind)
    return list(channels.order_by("kind", "pk"))


def _calendar_day_channels(version: ProcedureVersion, channel_kind: str) -> list[Channel]:
    channels = version.channels.filter(processing_time__isnull=False, time_unit=TimeUnit.CALENDAR_DAY)
    if channel_kind:
        channels = channels.filter(kind=channel_kind)
    return list(channels.order_by("kind", "pk"))


def _active_agency(agency_id: int) -> AgencySummary | None:
    summary = agency_get_summary(agency_id)
    return summary if summary is not None and summary.is_active else None


__all__ = [
    "HOURS_PER_WORKING_DAY",
    "ProcessProblem",
    "ProcessStepData",
    "ProcessTemplateData",
    "ProcessTemplateInvalidError",
    "steps_total_hours",
    "time_text",
    "to_hours",
    "validate_template",
]
