"""What each one-stop form shows: plain dicts for the templates, built from a dossier and its history.

Field lists follow the forms of TT 03/2025/TT-VPCP Phụ lục I (rules digest §1.3).
"""

from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import translation

from egov.core.money import format_vnd
from egov.dossiers.choices import FileKind, Outcome, PauseKind
from egov.dossiers.documents import formatting as fmt
from egov.dossiers.documents.qr import qr_png_data_uri
from egov.dossiers.models import Dossier, DossierEvent, DossierFile, DossierPause
from egov.organisation.models import Agency, AgencyKind

# Document numbers: the dossier's daily sequence and the form's abbreviation (as in the templates
# "Số: …/PBS-TTPVHCC", "Số: …/PXL"); the code itself is printed on every form.
NUMBER_SUFFIXES = {
    "receipt": "",
    "supplement": "PBS",
    "refusal": "PTC",
    "apology": "PXL",
    "stop": "TBD",
    "control_sheet": "PKS",
    "submission": "XNTT",
}
OTHER_PAPER = "Giấy tờ khác"
_REPRESENTATIVE_FIELDS = (
    ("full_name", "Họ và tên"),
    ("id_number", "Số định danh cá nhân"),
    ("address", "Địa chỉ"),
    ("phone", "Số điện thoại"),
    ("email", "Email"),
    ("mandate", "Giấy tờ ủy quyền"),
)


def user_name(user: Any) -> str:
    if user is None:
        return ""
    return str(user.get_full_name() or user.username)


def issuer(agency: Agency) -> dict[str, Any]:
    """The agency header (ND 30/2020: parent agency in capitals, issuing agency in bold capitals)."""
    unit = agency.administrative_unit
    parent = agency.parent.name if agency.parent_id and agency.parent else ""
    return {
        "parent": parent,
        "parent_lines": fmt.masthead_lines(parent) if parent else [],
        "name": agency.name,
        "name_lines": fmt.masthead_lines(agency.name, bold=True),
        "place": fmt.place_name(unit.name, unit.unit_type),
        "phone": agency.phone,
        "address": agency.address,
    }


def number(dossier: Dossier, kind: str, agency: Agency, suffix: str | None = None) -> str:
    suffix = NUMBER_SUFFIXES[kind] if suffix is None else suffix
    if agency.kind == AgencyKind.PUBLIC_SERVICE_CENTRE:
        suffix = f"{suffix}-TTPVHCC" if suffix else "TTPVHCC"
    return f"{fmt.daily_sequence(dossier.code)}/{suffix}"


def last_event(dossier: Dossier, *actions: str) -> DossierEvent | None:
    return (
        DossierEvent.objects.filter(dossier=dossier, action__in=actions)
        .select_related("actor", "agency__parent", "agency__administrative_unit")
        .order_by("-occurred_at", "-id")
        .first()
    )


def _representative(dossier: Dossier) -> list[tuple[str, str]]:
    data = dossier.representative or {}
    known = {key for key, _label in _REPRESENTATIVE_FIELDS}
    rows = [(label, str(data[key])) for key, label in _REPRESENTATIVE_FIELDS if data.get(key)]
    rows += [(str(key), str(value)) for key, value in data.items() if key not in known and value]
    return rows


def common(dossier: Dossier, kind: str, agency: Agency, issued_at: datetime | None) -> dict[str, Any]:
    head = issuer(agency)
    return {
        "kind": kind,
        "issuer": head,
        "number": number(dossier, kind, agency),
        "place_date": f"{head['place']}, {fmt.vn_date(issued_at)}",
        "code": dossier.code,
        "procedure": dossier.procedure_version.name,
        "procedure_phrase": fmt.procedure_phrase(dossier.procedure_version.name),
        "subject": dossier.subject,
        "honorific": fmt.honorific(dossier.applicant_kind),
        "applicant": {
            "name": dossier.applicant_name,
            "id_number": dossier.applicant_id_number,
            "address": dossier.applicant_address,
            "phone": dossier.applicant_phone,
            "email": dossier.applicant_email,
        },
        "representative": _representative(dossier),
        "applicant_sign_hint": "(Nộp trực tuyến)" if dossier.channel.startswith("online") else "(Ký, ghi rõ họ tên)",
        "receiving_agency": dossier.receiving_agency.name,
        "received_date": fmt.vn_date(dossier.received_at) if dossier.received_at else "",
        "received_at": fmt.vn_datetime(dossier.received_at),
        "due_at": fmt.vn_datetime(dossier.due_at),
    }


def receipt(dossier: Dossier) -> dict[str, Any]:
    """Mẫu 01 Giấy tiếp nhận hồ sơ và hẹn trả kết quả."""
    agency = dossier.receiving_agency
    context = common(dossier, "receipt", agency, dossier.received_at)
    papers = [
        {"name": p.get("name", ""), "originals": p.get("originals") or 0, "copies": p.get("copies") or 0}
        for p in dossier.papers
    ]
    if not papers:  # online filings: the papers are the files submitted
        papers = [{"name": f.name, "electronic": True} for f in dossier.files.filter(kind="paper")]
    tracking_url = f"{settings.EGOV_PUBLIC_BASE_URL.rstrip('/')}/tra-cuu/{dossier.code}/"
    context.update(
        papers=papers,
        copies=fmt.vn_number(dossier.copies),
        processing_time=fmt.processing_time(dossier.processing_time, dossier.processing_time_unit),
        return_place=fmt.return_place(dossier.return_method, agency.name),
        register_day=fmt.short_date(dossier.received_at),
        sequence=fmt.daily_sequence(dossier.code),
        receiver=user_name(dossier.received_by),
        tracking_url=tracking_url,
        qr=qr_png_data_uri(tracking_url),
    )
    return context


def supplement(dossier: Dossier) -> dict[str, Any]:
    """Mẫu 02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (only one request per dossier, ND 118/2025)."""
    pauses = DossierPause.objects.filter(dossier=dossier, kind=PauseKind.SUPPLEMENT).order_by("-started_at")
    pause = pauses.filter(ended_at__isnull=True).first() or pauses.first()  # the open one, else the last
    event = last_event(dossier, "request_supplement")
    requested_at = pause.started_at if pause else (event.occurred_at if event else None)
    context = common(dossier, "supplement", dossier.receiving_agency, requested_at)
    context.update(
        reasons=list(pause.reasons) if pause and pause.reasons else list(dossier.reasons),
        note=event.note if event else "",
        requested_at=fmt.vn_datetime(requested_at),
        resumed_at=fmt.vn_datetime(pause.ended_at) if pause and pause.ended_at else "",
        guide=user_name(event.actor) if event and event.actor else (event.actor_label if event else ""),
    )
    return context


def refusal(dossier: Dossier) -> dict[str, Any]:
    """Mẫu 03 Phiếu từ chối tiếp nhận giải quyết hồ sơ; after examination, a notice of refusal by the
    competent agency (the refusal is then the result of the dossier)."""
    after_processing = dossier.outcome == Outcome.REFUSED
    event = last_event(dossier, "refuse" if after_processing else "reject")
    agency = event.agency if after_processing and event and event.agency else dossier.receiving_agency
    refused_at = event.occurred_at if event else dossier.finished_at
    context = common(dossier, "refusal", agency, refused_at)
    context.update(
        number=number(dossier, "refusal", agency, "TB") if after_processing else context["number"],
        after_processing=after_processing,
        reasons=list(dossier.reasons),
        refused_at=fmt.vn_datetime(refused_at),
        officer=user_name(event.actor) if event and event.actor else "",
        recipients=recipients(dossier, agency),
    )
    return context


def recipients(dossier: Dossier, agency: Agency) -> list[str]:
    """The "Nơi nhận" of a letter to the applicant: the applicant, the one-stop desk if another
    agency writes, the archive (ND 30/2020/NĐ-CP Phụ lục I)."""
    desk = [dossier.receiving_agency.name] if agency.pk != dossier.receiving_agency_id else []
    return ["Như trên", *desk, "Lưu: VT, hồ sơ"]


def apology(dossier: Dossier) -> dict[str, Any]:
    """Mẫu 04 Phiếu xin lỗi và đề nghị gia hạn thời gian giải quyết (issued once, before the appointment)."""
    event = last_event(dossier, "extend")
    previous = event.data.get("previous_due_at") if event else None
    agency = event.agency if event and event.agency else dossier.handling_agency
    context = common(dossier, "apology", agency, dossier.extended_at)
    context.update(
        previous_due_at=fmt.vn_datetime(datetime.fromisoformat(previous)) if previous else fmt.BLANK,
        reasons=[line for line in dossier.extension_reason.splitlines() if line.strip()],
        new_due_at=fmt.vn_datetime(dossier.due_at),
        signer=user_name(event.actor) if event and event.actor else "",
        recipients=recipients(dossier, agency),
    )
    return context


def stop(dossier: Dossier) -> dict[str, Any]:
    """Mẫu 05 Thông báo dừng giải quyết hồ sơ (ND 118/2025/NĐ-CP Điều 21: at the applicant's request)."""
    event = last_event(dossier, "withdraw")
    stopped_at = event.occurred_at if event else dossier.finished_at
    context = common(dossier, "stop", dossier.receiving_agency, stopped_at)
    by_staff = bool(event and event.actor_id and event.actor_id != dossier.applicant_user_id)
    context.update(
        stopped_at=fmt.vn_datetime(stopped_at),
        note=event.note if event else "",
        online_request=bool(event and not by_staff),
        officer=user_name(event.actor) if event and by_staff else "",
    )
    return context


def _vnd(amount: int) -> str:
    with translation.override("vi"):  # "8.000 đồng": the forms are Vietnamese whatever the reader's language
        return format_vnd(amount)


def paper_name(dossier: Dossier, paper_index: int | None) -> str:
    """The name of the paper a file answers (``DossierFile.paper_index`` into ``Dossier.papers``)."""
    papers = dossier.papers or []
    if paper_index is None or not 0 <= paper_index < len(papers):
        return ""
    return str(papers[paper_index].get("name", ""))


def papers_with_files(dossier: Dossier) -> list[dict[str, Any]]:
    """Each paper listed on the dossier with the files sent for it, in the order of the list; files
    that answer no listed paper come last, under "Giấy tờ khác"."""
    files = list(DossierFile.objects.filter(dossier=dossier, kind=FileKind.PAPER).order_by("uploaded_at", "pk"))
    rows: list[dict[str, Any]] = [
        {"name": paper.get("name", ""), "files": [f.name for f in files if f.paper_index == index]}
        for index, paper in enumerate(dossier.papers or [])
    ]
    unlisted = [f.name for f in files if not paper_name(dossier, f.paper_index)]
    if unlisted:
        rows.append({"name": OTHER_PAPER, "files": unlisted})
    return rows


def submission(dossier: Dossier) -> dict[str, Any]:
    """Giấy xác nhận nộp hồ sơ trực tuyến: printed by the applicant from the portal as soon as the
    application is sent. It confirms what was sent and when (ND 45/2020/NĐ-CP Điều 11: receipt of
    electronic dossiers); the Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01) follows when the desk
    accepts the dossier, and the appointment is final only then."""
    agency = dossier.receiving_agency
    context = common(dossier, "submission", agency, dossier.submitted_at)
    tracking_url = f"{settings.EGOV_PUBLIC_BASE_URL.rstrip('/')}/tra-cuu/{dossier.code}/"
    context.update(
        papers=papers_with_files(dossier),
        eform=bool(dossier.form_data),
        submitted_at=fmt.vn_datetime(dossier.submitted_at),
        processing_time=fmt.processing_time(dossier.processing_time, dossier.processing_time_unit),
        provisional_due_at=fmt.vn_datetime(dossier.due_at) if dossier.due_at and not dossier.received_at else "",
        return_place=fmt.return_place(dossier.return_method, agency.name),
        fee_amount=_vnd(dossier.fee_amount) if dossier.fee_amount else "",
        paid=dossier.fee_amount > 0 and dossier.paid_amount >= dossier.fee_amount,
        paid_at=fmt.vn_datetime(dossier.paid_at) if dossier.paid_at else "",
        payment_reference=dossier.payment_reference,
        tracking_url=tracking_url,
        qr=qr_png_data_uri(tracking_url),
    )
    return context
