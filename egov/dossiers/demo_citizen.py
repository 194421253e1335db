"""The demo citizen: an account a visitor can log in with to see "Hồ sơ của tôi" full of real dossiers.

Lê Thị Thu Hà (citizen ID 045192003344: 045 Quảng Trị, 1 a woman born in the 20th century, 92 the
year) takes over a few of the demo dossiers submitted online, one in each state a citizen meets:
waiting for the desk, being processed, waiting for her missing papers, result ready (signed and sealed
through the engine, so it can be downloaded and its signatures checked) and completed. The dossiers
are given to her with her details (the demo stories filed them under other demo citizens), each change
audited. Run after the demo dossiers and the test certificates; idempotent.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, QuerySet

from egov.core.errors import ApplicationError
from egov.core.services.audit import audit_record
from egov.core.text import fold
from egov.dossiers.choices import DossierStatus, FileKind, Outcome
from egov.dossiers.contracts import ActionData, UploadedFile
from egov.dossiers.models import Dossier, DossierEvent, Rating
from egov.dossiers.services.actions import dossier_act
from egov.dossiers.services.process import role_holders
from egov.identity.models import User
from egov.identity.roles import Role
from egov.identity.services.citizens import citizen_register
from egov.organisation.demo.data import DEMO_PASSWORD
from egov.procedures.choices import ChannelKind
from egov.signing.services.documents import SampleDocument, sample_official_document_pdf

FULL_NAME = "Lê Thị Thu Hà"
CITIZEN_ID = "045192003344"
PHONE = "0912345678"
EMAIL = "thuha.le@example.com"
ADDRESS = "Phường Đồng Hới, tỉnh Quảng Trị"
MARK = "dossiers.demo_citizen_load"
_ONLINE = (ChannelKind.ONLINE_FULL, ChannelKind.ONLINE_PARTIAL)
S = DossierStatus


@dataclass(frozen=True)
class DemoCitizenSummary:
    created: bool
    dossiers: tuple[tuple[str, str], ...]  # (code, status)

    def describe(self) -> str:
        states = ", ".join(f"{code} {status}" for code, status in self.dossiers) or "none"
        return (
            f"Demo citizen {FULL_NAME}: log in at /accounts/citizen/login/ with {CITIZEN_ID} or {PHONE} and "
            f"password {DEMO_PASSWORD}; “Hồ sơ của tôi” at /ca-nhan/ho-so/ ({len(self.dossiers)} dossiers: {states})."
        )


def _pick(candidates: QuerySet[Dossier], taken: list[int]) -> Dossier | None:
    """The first free candidate, those submitted online first."""
    free = candidates.exclude(pk__in=taken).order_by("code")
    return free.filter(channel__in=_ONLINE).first() or free.first()


def _choose() -> list[Dossier]:
    unrated = ~Q(pk__in=Rating.objects.values("dossier_id"))
    wanted = (
        Dossier.objects.filter(status=S.SUBMITTED),
        Dossier.objects.filter(status=S.PROCESSING),
        Dossier.objects.filter(status=S.WAITING_SUPPLEMENT),
        Dossier.objects.filter(status=S.RESOLVED, outcome=Outcome.GRANTED).exclude(files__kind=FileKind.RESULT),
        Dossier.objects.filter(status=S.RETURNED, outcome=Outcome.GRANTED).filter(unrated),
    )
    chosen: list[Dossier] = []
    for candidates in wanted:
        found = _pick(candidates.filter(applicant_kind="citizen"), [d.pk for d in chosen])
        if found is not None:
            chosen.append(found)
    return chosen


def _give(dossier: Dossier, citizen: User) -> None:
    previous = dossier.applicant_user_id
    Dossier.objects.filter(pk=dossier.pk).update(
        applicant_user=citizen,
        applicant_name=FULL_NAME,
        applicant_name_folded=fold(FULL_NAME),
        applicant_id_number=CITIZEN_ID,
        applicant_phone=PHONE,
        applicant_email=EMAIL,
        applicant_address=ADDRESS,
    )
    if previous is not None:  # what the previous applicant did (submitting, supplementing) is now hers
        DossierEvent.objects.filter(dossier=dossier, actor_id=previous).update(actor=citizen, actor_label=FULL_NAME)
    audit_record(
        actor=None,
        action="dossiers.demo_applicant",
        obj=dossier,
        agency_id=dossier.receiving_agency_id,
        changes={"applicant_user": [previous, citizen.pk]},
    )


def _sign_result(dossier: Dossier) -> None:
    """The handling agency's leader attaches the decision, approves and signs it; the agency seals it."""
    leaders = role_holders(dossier.handling_agency_id, Role.LEADER)
    if not leaders:
        return
    leader = User.objects.get(pk=leaders[0])
    pdf = sample_official_document_pdf(
        SampleDocument(
            agency_name=dossier.handling_agency.name,
            signer_name=leader.get_full_name(),
            subject=f"Kết quả giải quyết hồ sơ {dossier.code}",
            number="",
        )
    )
    upload = UploadedFile("ket-qua.pdf", pdf, "application/pdf")
    try:
        dossier_act(actor=leader, code=dossier.code, action="attach_result", data=ActionData(files=(upload,)))
        dossier_act(actor=leader, code=dossier.code, action="submit_result", data=ActionData())
        dossier_act(actor=leader, code=dossier.code, action="approve_result", data=ActionData())
        # The demo leader confirms with the published demo password, as he would on the signing page.
        dossier_act(actor=leader, code=dossier.code, action="sign_result", data=ActionData(confirmation=DEMO_PASSWORD))
    except ApplicationError:  # e.g. no test certificate (signing demo not loaded): the result stays unsigned
        return


@transaction.atomic
def demo_citizen_load() -> DemoCitizenSummary:
    """Create the demo citizen and give her demo dossiers (once)."""
    citizen = User.objects.filter(citizen_id=CITIZEN_ID).first()
    created = citizen is None
    if citizen is None:
        citizen = citizen_register(
            full_name=FULL_NAME, citizen_id=CITIZEN_ID, phone=PHONE, email=EMAIL, password=DEMO_PASSWORD
        )
    if not Dossier.objects.filter(applicant_user=citizen).exists():
        for dossier in _choose():
            _give(dossier, citizen)
            if dossier.status == S.RESOLVED:
                _sign_result(dossier)
        audit_record(actor=None, action=MARK, object_type="dossiers.demo", object_id=citizen.pk, changes={})
    mine = Dossier.objects.filter(applicant_user=citizen).order_by("code").values_list("code", "status")
    return DemoCitizenSummary(created=created, dossiers=tuple(mine))
