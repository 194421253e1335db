"""Demo dossiers waiting for a leader's signature get a draft result PDF (in the ND 30/2020 layout,
with that leader's name in the signature block), so that "Sign the result digitally" can be tried."""

from django.db.models import Q

from egov.core import clock
from egov.dossiers.choices import DossierStatus, FileKind, TaskStatus
from egov.dossiers.contracts import UploadedFile
from egov.dossiers.models import Dossier
from egov.dossiers.services.files import store_files
from egov.dossiers.services.process import role_holders
from egov.identity.models import User
from egov.identity.roles import Role
from egov.organisation.models import StaffMember
from egov.signing.services.documents import SampleDocument, sample_official_document_pdf


def attach_demo_results(codes: list[str]) -> int:
    attached = 0
    waiting = (
        Dossier.objects.filter(code__in=codes, status=DossierStatus.PROCESSING)
        .exclude(files__kind=FileKind.RESULT)
        .select_related("procedure", "handling_agency")
    )
    for dossier in waiting:
        task = dossier.tasks.filter(status=TaskStatus.ACTIVE).filter(Q(role=Role.LEADER)).first()
        if task is None or "sign" not in dossier.process_snapshot[task.step_index].get("actions", []):
            continue
        leader_id = task.assignee_id or next(iter(role_holders(task.agency_id, Role.LEADER)), None)
        if leader_id is None:
            continue
        leader = User.objects.get(pk=leader_id)
        post = (
            StaffMember.objects.filter(user_id=leader_id, agency_id=task.agency_id).select_related("position").first()
        )
        position = post.position.name if post is not None and post.position is not None else ""
        pdf = sample_official_document_pdf(
            SampleDocument(
                agency_name=task.agency.name,
                signer_name=leader.get_full_name(),
                position=position,
                authority="",
                subject=f"Kết quả giải quyết hồ sơ {dossier.code}",
                doc_type="Quyết định",
                number="",
            )
        )
        upload = UploadedFile("du-thao-ket-qua.pdf", pdf, "application/pdf")
        store_files(dossier, (upload,), actor=None, now=clock.now(), kind=FileKind.RESULT, task=task)
        attached += 1
    return attached
