"""The demo citizen: an account a visitor can log in with to see "Hồ sơ của tôi" full of real dossiers.

Lê Thị Thu Hà (citizen ID 045192003344: 045 Quảng Trị, 1 a woman born in the 20th century, 92 the
year) is the applicant of a few demo dossiers, one in each state a citizen meets: waiting for the desk,
being processed, waiting for her missing papers, result ready (signed and sealed through the engine,
so it can be downloaded and its signatures checked) and completed. The demo loader (``demo.py``) makes
her their applicant from the start (``HER_STORIES`` says which), so everything the engine tells an
applicant reached her as it happened: her inbox holds the notices of every step of their history, and
her e-mail and SMS deliveries are queued like any applicant's. ``demo_citizen_load`` then signs the
result waiting for her; idempotent.
"""

from dataclasses import dataclass

from django.db import transaction

from egov.core.errors import ApplicationError
from egov.core.models import AuditEntry
from egov.core.services.audit import audit_record
from egov.dossiers.choices import DossierStatus, FileKind, Outcome
from egov.dossiers.contracts import ActionData, ApplicantData, UploadedFile
from egov.dossiers.models import Dossier
from egov.dossiers.services.actions import dossier_act
from egov.dossiers.services.process import role_holders
from egov.identity.models import User
from egov.identity.roles import Role
from egov.identity.services.citizens import citizen_register
from egov.organisation.demo.data import DEMO_PASSWORD
from egov.signing.services.documents import SampleDocument, sample_official_document_pdf

FULL_NAME = "Lê Thị Thu Hà"
CITIZEN_ID = "045192003344"
PHONE = "0912345678"
EMAIL = "thuha.le@example.com"
ADDRESS = "Phường Đồng Hới, tỉnh Quảng Trị"
MARK = "dossiers.demo_citizen_load"
S = DossierStatus
# Her dossiers, by the kind of demo story (``demo_plans.build``) and so the state each ends in: the
# first story of each group (one submitted online preferred) is hers. A returned one is hers only if
# its story leaves it unrated, so that she can rate it.
HER_STORIES: tuple[frozenset[str], ...] = (
    frozenset({"submitted"}),
    frozenset({"due_soon", "assigned", "unassigned", "assign", "parallel", "sent_back"}),
    frozenset({"supplement_online", "waiting_supplement"}),
    frozenset({"resolved", "resolved_late"}),
    frozenset({"returned", "returned_on_time", "returned_late", "returned_supplemented"}),
)


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


def demo_citizen_account() -> User:
    """Her account (created the first time)."""
    citizen = User.objects.filter(citizen_id=CITIZEN_ID).first()
    if citizen is None:
        citizen = citizen_register(
            full_name=FULL_NAME, citizen_id=CITIZEN_ID, phone=PHONE, email=EMAIL, password=DEMO_PASSWORD
        )
    return citizen


def as_applicant(citizen: User) -> ApplicantData:
    return ApplicantData(
        full_name=FULL_NAME, id_number=CITIZEN_ID, address=ADDRESS, phone=PHONE, email=EMAIL, user_id=citizen.pk
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
    """Her account, and the result waiting for her signed (once); run after the demo dossiers."""
    done = AuditEntry.objects.filter(action=MARK).exists()
    citizen = demo_citizen_account()
    if not done:
        resolved = Dossier.objects.filter(applicant_user=citizen, status=S.RESOLVED, outcome=Outcome.GRANTED)
        for dossier in resolved.exclude(files__kind=FileKind.RESULT).order_by("code"):
            _sign_result(dossier)
        audit_record(actor=None, action=MARK, object_type="dossiers.demo", object_id=citizen.pk, changes={})
    mine = Dossier.objects.filter(applicant_user=citizen).order_by("code").values_list("code", "status")
    return DemoCitizenSummary(created=not done, dossiers=tuple(mine))
