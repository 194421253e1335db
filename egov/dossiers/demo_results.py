"""Demo dossiers waiting for a leader's signature get a draft result submitted for approval, so that
reviewing, approving and signing the result can be tried: drafted from the procedure's result template
(filled from the e-form answers) where it has one, else a PDF in the ND 30/2020 layout (with that
leader's name in the signature block) uploaded as the draft."""

from django.db.models import Q

from egov.core import clock
from egov.dossiers.choices import DossierStatus, FileKind, ResultDraftStatus, TaskStatus
from egov.dossiers.contracts import UploadedFile
from egov.dossiers.documents.formatting import local
from egov.dossiers.documents.results import prefill
from egov.dossiers.models import Dossier, ResultDraft
from egov.dossiers.services.drafting import templates_for
from egov.dossiers.services.files import store_files
from egov.dossiers.services.process import role_holders
from egov.identity.models import User
from egov.identity.roles import Role
from egov.organisation.models import StaffMember
from egov.signing.services.documents import SampleDocument, sample_official_document_pdf


def attach_demo_results(codes: list[str]) -> int:
    attached = 0
    now = clock.now()
    waiting = (
        Dossier.objects.filter(code__in=codes, status=DossierStatus.PROCESSING)
        .exclude(files__kind=FileKind.RESULT)
        .select_related("procedure", "procedure_version", "handling_agency", "receiving_agency")
    )
    for dossier in waiting:
        task = dossier.tasks.filter(status=TaskStatus.ACTIVE).filter(Q(role=Role.LEADER)).first()
        if task is None or "sign" not in dossier.process_snapshot[task.step_index].get("actions", []):
            continue
        leader_id = task.assignee_id or next(iter(role_holders(task.agency_id, Role.LEADER)), None)
        if leader_id is None:
            continue
        drafter = dossier.tasks.filter(status=TaskStatus.DONE).order_by("-finished_at").first()
        author = drafter.finished_by if drafter is not None else None
        templates = templates_for(dossier, local(now).date())
        if templates:
            ResultDraft.objects.create(
                dossier=dossier,
                template=templates[0],
                title=templates[0].name,
                status=ResultDraftStatus.SUBMITTED,
                values=prefill(templates[0], dossier),
                agency_id=task.agency_id,
                created_by=author,
                created_at=now,
                updated_at=now,
                submitted_at=now,
            )
            attached += 1
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
        stored = store_files(dossier, (upload,), actor=author, now=now, kind=FileKind.RESULT, task=drafter)[0]
        ResultDraft.objects.create(
            dossier=dossier,
            title=stored.name,
            status=ResultDraftStatus.SUBMITTED,
            agency_id=task.agency_id,
            file=stored,
            sha256=stored.sha256,
            created_by=author,
            created_at=now,
            updated_at=now,
            submitted_at=now,
        )
        attached += 1
    return attached
