"""Intake (tiếp nhận): at the desk, by post, or an online submission accepted by the desk.

ND 118/2025/NĐ-CP and TT 03/2025/TT-VPCP Điều 5: the desk checks the papers, records the dossier in
the system, gives it its code and issues the receipt and appointment slip (Mẫu 01); the first step
of the internal process (reception) is then the desk officer's, and the clock runs from receipt.
"""

from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from egov.core import clock
from egov.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from egov.core.text import fold
from egov.dossiers.choices import ApplicantKind, DossierStatus
from egov.dossiers.contracts import ApplicantData, IntakeData
from egov.dossiers.models import Dossier, DossierParticipant
from egov.dossiers.services.codes import dossier_code_next
from egov.dossiers.services.files import store_files
from egov.dossiers.services.history import busy_as_conflict, record
from egov.dossiers.services.notices import tell_applicant
from egov.dossiers.services.process import activate_stage, handling_agency_for, snapshot_of
from egov.dossiers.timing import appointment_for
from egov.dossiers.timing import required as _required
from egov.organisation.facade import has_permission
from egov.organisation.models import Agency
from egov.procedures.choices import ChannelKind, TimeUnit
from egov.procedures.eforms.prefill import requester_answers
from egov.procedures.models import Channel, Procedure, ProcedureVersion
from egov.procedures.process_selectors import process_template_get_applicable

RECEIVE = "dossiers.receive"
# The applicant's details and the e-form facts about the person applying that give them
# (``egov.procedures.eforms.prefill.requester_fields``).
STATED_APPLICANT_FIELDS: tuple[tuple[str, str], ...] = (
    ("full_name", "full_name"),
    ("id_number", "citizen_id"),
    ("address", "address"),
    ("phone", "phone"),
    ("email", "email"),
)
_ONLINE = (ChannelKind.ONLINE_FULL, ChannelKind.ONLINE_PARTIAL)
_CLOCK_UNITS = (TimeUnit.WORKING_DAY, TimeUnit.WORKING_HOUR, TimeUnit.CALENDAR_DAY, TimeUnit.MONTH)


def _procedure(code: str) -> tuple[Procedure, ProcedureVersion]:
    procedure = Procedure.objects.filter(code=code.strip(), is_active=True).select_related("current_version").first()
    if procedure is None or procedure.current_version is None:
        raise NotFoundError(_("No procedure in force has this code."), code="dossier.procedure_not_found")
    return procedure, procedure.current_version


@dataclass(frozen=True)
class LegalTime:
    amount: Decimal
    unit: str
    basis: str  # "channel" | "other_channel" | "internal_process": where the figure comes from


def legal_processing_time(
    version: ProcedureVersion, channel: str, template_total: tuple[Decimal, str] | None
) -> LegalTime:
    """The legal processing time of a dossier received through ``channel``.

    ND 42/2022/NĐ-CP lists the time per channel, so the channel's own time comes first; then the
    other online channel's (same service) and the desk's. A figure whose unit the catalogue does not
    state (the national record's bare "1": 508 channels of the 2,642 sample records) is never read
    as days, hours or months: it is skipped, and when no channel states a unit the clock runs on the
    internal process's total, the province's approved commitment for the procedure (ND 118/2025/
    NĐ-CP Điều 24). No figure at all and no process: the dossier cannot be received (409).
    """
    channels = list(Channel.objects.filter(version=version))
    preference = [channel, *(_ONLINE if channel in _ONLINE else ()), ChannelKind.COUNTER]
    for kind in dict.fromkeys(preference):
        for item in channels:
            if item.kind == kind and item.processing_time is not None and item.time_unit in _CLOCK_UNITS:
                return LegalTime(
                    item.processing_time, item.time_unit, "channel" if kind == channel else "other_channel"
                )
    if template_total is not None:
        return LegalTime(template_total[0], template_total[1], "internal_process")
    raise ApplicationError(
        _("This procedure has no processing time in the catalogue and no internal process; it cannot be received."),
        code="dossier.no_processing_time",
        status=409,
    )


def stated_applicant(applicant: ApplicantData, stated: dict[str, str]) -> ApplicantData:
    """``applicant`` with the details left empty taken from ``stated`` (``requester_answers``); what
    was given is never replaced. An organisation's requester is the person filing for it, not the
    applicant: an organisation is left as it is."""
    if applicant.kind != ApplicantKind.CITIZEN:
        return applicant
    blanks: dict[str, Any] = {
        field: stated[key]
        for field, key in STATED_APPLICANT_FIELDS
        if not str(getattr(applicant, field)).strip() and stated.get(key)
    }
    return replace(applicant, **blanks) if blanks else applicant


def with_stated_applicant(data: IntakeData) -> IntakeData:
    """The applicant's details the intake left empty, read from the e-form's answers about the person
    applying: a walk-in's form entered at the desk, an online submission that gave only its answers."""
    if not data.form_data:
        return data
    found = Procedure.objects.filter(code=data.procedure_code.strip(), is_active=True)
    procedure = found.select_related("current_version").first()
    version = procedure.current_version if procedure is not None else None
    schema = version.form_schema if version is not None else None
    if not isinstance(schema, dict):
        return data
    applicant = stated_applicant(data.applicant, requester_answers(schema, data.form_data))
    return data if applicant is data.applicant else replace(data, applicant=applicant)


def _time_basis(basis: str) -> dict[str, Any]:
    """The history records where the clock's figure came from when it is not the channel's own."""
    return {} if basis == "channel" else {"time_basis": basis}


def _validate(data: IntakeData) -> None:
    errors: dict[str, list[Any]] = {}
    if not data.applicant.full_name.strip():
        errors["applicant.full_name"] = [_("Enter the applicant's name.")]
    if data.channel not in ChannelKind.values:
        errors["channel"] = [_("Choose a submission channel.")]
    if data.copies < 1 or data.copies > 99:
        errors["copies"] = [_("The number of sets must be between 1 and 99.")]
    if errors:
        raise ApplicationError(
            _("The dossier has errors; correct them and try again."), code="dossier.invalid", fields=errors
        )


def _new_dossier(data: IntakeData, *, agency: Agency, status: str, now: datetime) -> tuple[Dossier, str]:
    """The dossier, and where its legal processing time came from (``LegalTime.basis``)."""
    procedure, version = _procedure(data.procedure_code)
    template = process_template_get_applicable(
        procedure_id=procedure.pk, agency_id=agency.pk, channel=data.channel, on=clock.today()
    )
    if template is None:
        raise ApplicationError(
            _("This agency has no approved internal process for the procedure; it cannot be received here."),
            code="dossier.no_process",
            status=409,
        )
    legal = legal_processing_time(version, data.channel, (template.total_time, template.total_time_unit))
    applicant = data.applicant
    dossier = Dossier.objects.create(
        code=dossier_code_next(agency=agency, day=clock.today()),
        procedure=procedure,
        procedure_version=version,
        field_id=version.field_id,
        channel=data.channel,
        receiving_agency=agency,
        handling_agency=handling_agency_for(agency),
        status=status,
        applicant_kind=applicant.kind,
        applicant_name=applicant.full_name.strip()[:255],
        applicant_name_folded=fold(applicant.full_name.strip())[:255],
        applicant_id_number=applicant.id_number.strip(),
        applicant_address=applicant.address.strip()[:500],
        applicant_phone=applicant.phone.strip(),
        applicant_email=applicant.email.strip(),
        applicant_user_id=applicant.user_id,
        representative=data.representative,
        subject=data.subject.strip() or version.name,
        form_data=data.form_data,
        papers=[
            {"name": p.name, "originals": p.originals, "copies": p.copies, "paper_id": p.paper_id} for p in data.papers
        ],
        paper_cases=[
            {"question": case.question, "answer": case.answer, "papers": list(case.papers)} for case in data.paper_cases
        ],
        copies=data.copies,
        return_method=data.return_method,
        submitted_at=now,
        processing_time=legal.amount,
        processing_time_unit=legal.unit,
        process_template=template,
        process_snapshot=snapshot_of(template),
    )
    return dossier, legal.basis


def _start_clock(dossier: Dossier, *, actor: Any, now: datetime) -> None:
    amount = _required(dossier.processing_time)
    dossier.received_at = now
    dossier.received_by = actor
    dossier.legal_due_at = appointment_for(now, amount, dossier.processing_time_unit)
    dossier.due_at = dossier.legal_due_at
    dossier.status = DossierStatus.PROCESSING
    dossier.save()
    activate_stage(dossier, 0, now=now, assignee_id=actor.pk)


@busy_as_conflict
@transaction.atomic
def dossier_receive(*, actor: Any, agency_id: int, data: IntakeData, files: tuple[Any, ...] = ()) -> Dossier:
    """A desk officer receives a dossier at the desk or by post (also on a citizen's behalf)."""
    if not has_permission(actor, RECEIVE, agency_id):
        raise PermissionDeniedError(_("Only one-stop desk officers of this agency may receive dossiers."))
    if data.channel in _ONLINE:
        raise ApplicationError(
            _("Online dossiers are submitted by the applicant and accepted from the 'to receive' list."),
            code="dossier.channel_not_desk",
            fields={"channel": [_("Choose 'at the desk' or 'by post'.")]},
        )
    data = with_stated_applicant(data)
    _validate(data)
    agency = Agency.objects.select_related("parent").get(pk=agency_id)
    now = clock.now()
    dossier, basis = _new_dossier(data, agency=agency, status=DossierStatus.PROCESSING, now=now)
    DossierParticipant.objects.create(dossier=dossier, agency=agency)
    _start_clock(dossier, actor=actor, now=now)
    store_files(dossier, files, actor=actor, now=now)
    record(
        dossier,
        actor=actor,
        action="receive",
        from_status="",
        note=data.note,
        agency_id=agency.pk,
        now=now,
        data=_time_basis(basis),
    )
    tell_applicant(dossier, kind="received")
    return dossier


@busy_as_conflict
@transaction.atomic
def dossier_submit_online(
    *, applicant_user: Any, agency_id: int, data: IntakeData, files: tuple[Any, ...] = ()
) -> Dossier:
    """A citizen submits online: the dossier gets its code and a provisional appointment now; the
    clock starts when the desk accepts it (the appointment is then recomputed)."""
    if data.channel not in _ONLINE:
        raise ApplicationError(_("Choose an online channel."), code="dossier.channel_not_online")
    data = with_stated_applicant(data)
    _validate(data)
    agency = Agency.objects.select_related("parent").filter(pk=agency_id, is_active=True).first()
    if agency is None:
        raise NotFoundError(_("No agency has this identifier."), code="dossier.agency_not_found")
    now = clock.now()
    dossier, basis = _new_dossier(data, agency=agency, status=DossierStatus.SUBMITTED, now=now)
    dossier.due_at = appointment_for(now, _required(dossier.processing_time), dossier.processing_time_unit)
    dossier.fee_amount = max(0, data.fee_amount)
    if data.payment is not None:
        dossier.paid_amount = data.payment.amount
        dossier.payment_reference = data.payment.reference[:40]
        dossier.paid_at = data.payment.paid_at
    dossier.save(update_fields=["due_at", "fee_amount", "paid_amount", "payment_reference", "paid_at"])
    DossierParticipant.objects.create(dossier=dossier, agency=agency)
    store_files(dossier, files, actor=applicant_user, now=now)
    record(
        dossier,
        actor=applicant_user,
        action="submit",
        from_status="",
        agency_id=agency.pk,
        now=now,
        data=_time_basis(basis),
    )
    if data.payment is not None:
        record(
            dossier,
            actor=applicant_user,
            action="pay",
            from_status=dossier.status,
            agency_id=agency.pk,
            now=now,
            data={"amount": data.payment.amount, "reference": data.payment.reference},
        )
    tell_applicant(dossier, kind="submitted")
    return dossier


def accept_submitted(dossier: Dossier, *, actor: Any, now: datetime) -> None:
    """Used by the ``accept`` action: the desk accepts an online submission, the clock starts."""
    _start_clock(dossier, actor=actor, now=now)
