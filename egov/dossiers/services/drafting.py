"""Drafting the result, its approval and its signature (ND 30/2020/NĐ-CP Điều 10-15).

- ``draft_result``: the officer at the examining step starts a draft from a result template (its
  fields pre-filled from the e-form answers and the dossier) or saves changes to it.
- ``attach_result``: a result drafted elsewhere is uploaded as the draft (a PDF).
- ``submit_result``: the draft goes to the signer; during processing this completes the examining
  step (the dossier moves on to the signing step: "trình ký").
- ``approve_result``: the signer approves the draft (Điều 11) and the system renders the PDF he will
  sign, with his name in the signer block; the number and the date of issue are left blank.
- ``return_draft``: the signer returns it with a comment; during processing the dossier goes back
  to the examining step.
- ``sign_result``: the signer, shown the PDF and its SHA-256, confirms with a second factor; the
  system then issues it: the next number of the agency's yearly series and the date of issue
  (Điều 15 k1-k3: numbered after the signature, in the order of issue, by the system for
  electronic documents; Điều 14: ký ban hành, then cấp số, thời gian ban hành), filled into that
  approved content; the leader signs and the agency seals it (Điều 5 k1: both signatures). During
  processing this completes the signing step.

Numbers: a number is taken only in the transaction that signs, so a draft returned, replaced or
left unsigned after its approval takes none and leaves no gap; a signature that fails rolls the
number back with it. Concurrent signatures of one agency's series serialise on its counter row
(one ``INSERT … ON CONFLICT DO UPDATE … RETURNING``, as the dossier codes), so no two results share
a number and the numbers follow the order of issue within the year.

Each is a handler of the transition table (``actions.py``): one transaction with the event and audit.
"""

import hashlib
from dataclasses import replace
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils.text import format_lazy, slugify
from django.utils.translation import gettext_lazy as _

from egov.core.errors import ApplicationError, PermissionDeniedError
from egov.core.ratelimit import rate_limit_hit, rate_limit_reached
from egov.core.services.audit import audit_record
from egov.core.text import fold
from egov.dossiers.choices import DossierStatus, FileKind, ResultDraftStatus
from egov.dossiers.contracts import ActionData, UploadedFile
from egov.dossiers.documents.formatting import local
from egov.dossiers.documents.results import clean_values, prefill, render_draft_html, render_draft_pdf
from egov.dossiers.models import Dossier, DossierTask, ResultDraft, ResultNumberCounter, ResultTemplate
from egov.dossiers.services import steps
from egov.dossiers.services.files import store_files, store_signed_file
from egov.dossiers.services.guards import (
    EDITABLE_DRAFT_STATUSES,
    SIGNING_STEP_ACTIONS,
    active_tasks,
    drafting_task,
    open_draft,
    require_draft,
    reviewing_task,
)
from egov.identity.selectors import totp_is_enabled
from egov.identity.services.totp import totp_verify
from egov.organisation.facade import has_permission
from egov.signing import facade as signing

S = ResultDraftStatus


@transaction.atomic
def result_template_save(*, template: ResultTemplate, actor: Any) -> ResultTemplate:
    """Create or change a result template (admin): checked (body and fields), saved and audited."""
    created = template.pk is None
    template.full_clean()
    template.save()
    audit_record(
        actor=actor,
        action="dossiers.result_template_create" if created else "dossiers.result_template_change",
        obj=template,
        changes={"procedure_id": template.procedure_id, "name": template.name, "valid_from": str(template.valid_from)},
    )
    return template


def templates_for(dossier: Dossier, day: Any) -> list[ResultTemplate]:
    """The result templates of the dossier's procedure in force on ``day``."""
    return list(ResultTemplate.objects.in_force(day).filter(procedure_id=dossier.procedure_id).order_by("name", "id"))


def _working(dossier: Dossier) -> bool:
    return dossier.status == DossierStatus.PROCESSING


def _file_name(title: str, number: str) -> str:
    stem = slugify(fold(f"{title} {number.replace('/', ' ')}"))[:80] or "ket-qua"
    return f"{stem}.pdf"


def act_draft_result(dossier: Dossier, actor: Any, action: str, data: ActionData, now: datetime) -> dict[str, Any]:
    task = drafting_task(dossier, actor, data.task_id)
    draft = open_draft(dossier)
    if draft is None:
        template = next((t for t in templates_for(dossier, local(now).date()) if t.pk == data.template_id), None)
        if template is None:
            raise ApplicationError(
                _("Choose one of the procedure's result templates."),
                code="dossier.template_required",
                fields={"template_id": [_("Choose a template.")]},
            )
        draft = ResultDraft(
            dossier=dossier,
            template=template,
            title=template.name,
            agency_id=dossier.handling_agency_id,
            created_by=actor,
            created_at=now,
        )
        values = prefill(template, dossier)
        if data.values:
            values |= clean_values(template, data.values)
    else:
        if data.draft_id is not None and data.draft_id != draft.pk:
            raise ApplicationError(
                _("This draft was replaced; open the current one."), code="dossier.no_such_draft", status=409
            )
        if draft.status not in EDITABLE_DRAFT_STATUSES or draft.template is None:
            raise ApplicationError(
                format_lazy(
                    _("The draft result is “{state}” and cannot be changed now."),
                    state=ResultDraftStatus(draft.status).label,
                ),
                code="dossier.draft_locked",
                status=409,
            )
        values = clean_values(draft.template, {**draft.values, **data.values})
    draft.values = values
    draft.updated_at = now
    draft.full_clean()
    draft.save()
    return {"task": task, "data": {"draft_id": draft.pk, "title": draft.title}}


def act_attach_result(dossier: Dossier, actor: Any, action: str, data: ActionData, now: datetime) -> dict[str, Any]:
    """A result drafted outside the system, uploaded as the draft (it replaces an unsubmitted one)."""
    if not data.files:
        raise ApplicationError(
            _("Attach the result file (PDF)."), code="dossier.result_missing", fields={"files": [_("Attach a file.")]}
        )
    task = drafting_task(dossier, actor, data.task_id)
    current = open_draft(dossier)
    if current is not None and current.status not in EDITABLE_DRAFT_STATUSES:
        raise ApplicationError(
            format_lazy(
                _("The draft result “{title}” is “{state}”: it is approved or returned first."),
                title=current.title,
                state=ResultDraftStatus(current.status).label,
            ),
            code="dossier.draft_open",
            status=409,
        )
    stored = store_files(dossier, data.files[:1], actor=actor, now=now, kind=FileKind.RESULT, task=task)
    if stored[0].content_type != "application/pdf":
        raise ApplicationError(
            _("The result to be signed must be a PDF."), code="dossier.result_not_pdf", fields={"files": [_("PDF.")]}
        )
    if current is not None:
        current.status = S.WITHDRAWN
        current.updated_at = now
        current.save(update_fields=["status", "updated_at"])
    draft = ResultDraft.objects.create(
        dossier=dossier,
        template=None,
        title=stored[0].name,
        agency_id=dossier.handling_agency_id,
        file=stored[0],
        sha256=stored[0].sha256,
        created_by=actor,
        created_at=now,
        updated_at=now,
    )
    return {"task": task, "data": {"files": [stored[0].name], "draft_id": draft.pk}}


def act_submit_result(dossier: Dossier, actor: Any, action: str, data: ActionData, now: datetime) -> dict[str, Any]:
    task = drafting_task(dossier, actor, data.task_id)
    draft = require_draft(dossier, data.draft_id, EDITABLE_DRAFT_STATUSES)
    if draft.template is not None:
        missing = [
            str(f["label"])
            for f in draft.template.fields
            if not f.get("optional") and not str(draft.values.get(f["key"], "")).strip()
        ]
        if missing:
            raise ApplicationError(
                format_lazy(_("Fill in: {fields}."), fields=", ".join(missing)),
                code="dossier.draft_incomplete",
                fields={"values": missing},
            )
    draft.status = S.SUBMITTED
    draft.submitted_at = draft.updated_at = now
    draft.review_comment = ""
    draft.save()
    recorded: dict[str, Any] = {"draft_id": draft.pk, "title": draft.title}
    if task is not None and _working(dossier):
        started = steps.act_complete(dossier, actor, "forward", replace(data, note=data.note), now)["data"]["started"]
        recorded["started"] = started
    return {"task": task, "data": recorded}


def _next_number(agency_id: int, year: int, notation: str) -> str:
    """The next number of the agency's yearly series for ``notation`` (ND 30/2020 Điều 15 k1: from 01
    on 1 January, in the order of issue; two digits at least). Call only inside the transaction that
    issues the document: the upsert locks the counter row until it commits, and a rollback gives the
    number back."""
    table = ResultNumberCounter._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (agency_id, year, notation, last) VALUES (%s, %s, %s, 1) "  # noqa: S608 - our table
            f"ON CONFLICT (agency_id, year, notation) DO UPDATE SET last = {table}.last + 1 RETURNING last",
            [agency_id, year, notation],
        )
        row = cursor.fetchone()
    return f"{int(row[0]):02d}/{notation}"


def _content_digest(draft: ResultDraft, signer_name: str) -> str:
    """The SHA-256 of the approved content: the draft rendered with the number and date of issue blank."""
    return hashlib.sha256(render_draft_html(draft, signer_name=signer_name).encode()).hexdigest()


def _issuing_agency(dossier: Dossier, actor: Any, task: DossierTask | None) -> int:
    if task is not None:
        return task.agency_id
    candidates = [
        dossier.handling_agency_id,
        dossier.receiving_agency_id,
        *(t.agency_id for t in active_tasks(dossier)),
    ]
    return next(a for a in candidates if a and has_permission(actor, "dossiers.assign", a))


def act_approve_result(dossier: Dossier, actor: Any, action: str, data: ActionData, now: datetime) -> dict[str, Any]:
    task = reviewing_task(dossier, actor, data.task_id)
    draft = require_draft(dossier, data.draft_id, (S.SUBMITTED,))
    draft.agency_id = _issuing_agency(dossier, actor, task)
    draft.status = S.APPROVED
    draft.reviewed_by = actor
    draft.reviewed_at = draft.updated_at = now
    draft.review_comment = data.note
    if draft.template is not None:
        template = draft.template
        # No number yet: it is given when the document is signed (ND 30/2020 Điều 15), so a draft
        # returned or replaced after its approval takes none. The approving signer's name goes in the
        # signer block (ô 7b); his signature image between the position and the name when he signs.
        draft.number = ""
        pdf = render_draft_pdf(draft, signer_name=actor.get_full_name())
        draft.content_sha256 = _content_digest(draft, actor.get_full_name())
        upload = UploadedFile(_file_name(template.title, ""), pdf, "application/pdf")
        stored = store_files(dossier, (upload,), actor=actor, now=now, kind=FileKind.RESULT, task=task)[0]
        draft.file, draft.sha256 = stored, stored.sha256
    draft.save()
    return {"task": task, "data": {"draft_id": draft.pk, "sha256": draft.sha256}}


def act_return_draft(dossier: Dossier, actor: Any, action: str, data: ActionData, now: datetime) -> dict[str, Any]:
    task = reviewing_task(dossier, actor, data.task_id)
    draft = require_draft(dossier, data.draft_id, (S.SUBMITTED, S.APPROVED))
    if not data.note.strip():
        raise ApplicationError(
            _("Say what is to be changed in the draft."),
            code="dossier.note_required",
            fields={"note": [_("Enter a comment.")]},
        )
    draft.status = S.RETURNED
    draft.review_comment = data.note.strip()
    draft.reviewed_by = actor
    draft.reviewed_at = draft.updated_at = now
    if draft.template is not None:
        draft.file, draft.sha256, draft.content_sha256 = None, "", ""
    draft.save()
    recorded: dict[str, Any] = {"draft_id": draft.pk, "title": draft.title}
    if task is not None and _working(dossier):
        back = steps.act_send_back(dossier, actor, "send_back", data, now)["data"]["back_to"]
        recorded["back_to"] = back
    return {"task": task, "data": recorded}


def confirm_signer(actor: Any, confirmation: str) -> None:
    """The second factor before a key is used: an authenticator code when the signer has turned
    two-step verification on, otherwise the signer's password again."""
    # Failed confirmations are counted outside the database (the refused attempt's transaction is
    # rolled back): the identity lockout's threshold and window, per signer, so that a session left
    # open cannot be used to guess the password or the code.
    limit, window = settings.IDENTITY_LOCKOUT_THRESHOLD, settings.IDENTITY_LOCKOUT_WINDOW_MINUTES * 60
    reached = rate_limit_reached("sign_confirmation", str(actor.pk), limit=limit, window=window)
    if not reached.allowed:
        raise ApplicationError(
            _("Too many wrong confirmations. Try again in %(minutes)s minutes.")
            % {"minutes": max(1, -(-reached.retry_after // 60))},
            code="dossier.sign_confirmation_locked",
            status=429,
        )
    code = (confirmation or "").strip()
    if totp_is_enabled(actor):
        ok = bool(code) and totp_verify(user=actor, code=code)
        message = _("The authenticator code is not right. Enter the current 6-digit code.")
    else:
        ok = bool(confirmation) and actor.check_password(confirmation)
        message = _("The password is not right. Enter your password to confirm the signature.")
    if not ok:
        rate_limit_hit("sign_confirmation", str(actor.pk), limit=limit, window=window)
        raise ApplicationError(
            message, code="dossier.sign_confirmation", status=403, fields={"confirmation": [message]}
        )


def _issue(draft: ResultDraft, template: ResultTemplate, actor: Any, now: datetime) -> tuple[bytes, str]:
    """The approved content with its number and date of issue filled in: the PDF that is signed.

    ND 30/2020 Điều 15 k1-k3: the number is taken in the order of issue within the calendar year of
    the signature, by the system; Điều 8 k2d: the date of issue is the day it is signed. The content
    must be the one approved: a template or agency changed since then refuses the signature."""
    if not draft.content_sha256 or _content_digest(draft, actor.get_full_name()) != draft.content_sha256:
        raise ApplicationError(
            _(
                "The result template or the agency's details changed since the draft was approved. "
                "Return the draft and approve it again."
            ),
            code="dossier.draft_changed",
            status=409,
        )
    draft.number = _next_number(draft.agency_id, local(now).year, template.notation)
    pdf = render_draft_pdf(draft, signer_name=actor.get_full_name(), issued_at=now)
    return pdf, _file_name(template.title, draft.number)


def act_sign_result(dossier: Dossier, actor: Any, action: str, data: ActionData, now: datetime) -> dict[str, Any]:
    """The leader signs the approved result and the agency seals it (ND 30/2020 Điều 5 k1); the signed
    copy is kept next to the approved PDF. During processing, this completes the signing step."""
    task = reviewing_task(dossier, actor, data.task_id)
    draft = require_draft(dossier, data.draft_id, (S.APPROVED,))
    if draft.template is not None and draft.reviewed_by_id != actor.pk:
        raise PermissionDeniedError(
            _("The signer approves the draft himself: approve it before signing it."), code="dossier.not_approver"
        )
    if draft.file is None:
        raise ApplicationError(_("The approved draft has no PDF."), code="dossier.result_missing", status=409)
    with draft.file.file.open("rb") as handle:
        original = handle.read()
    digest = hashlib.sha256(original).hexdigest()
    if digest != draft.sha256 or (data.digest and data.digest.strip().lower() != digest):
        raise ApplicationError(
            _("The document changed since it was shown to you. Look at it again before signing."),
            code="dossier.digest_mismatch",
            status=409,
        )
    confirm_signer(actor, data.confirmation)
    reason = str(format_lazy(_("Result of dossier {code}"), code=dossier.code))
    position = draft.template.position if draft.template is not None else ""
    document, name = original, draft.file.name
    if draft.template is not None and not draft.number:  # a number taken at approval before: signed as is
        document, name = _issue(draft, draft.template, actor, now)
    signed = signing.sign_result_pdf(
        document, leader=actor, agency_id=draft.agency_id, reason=reason, position=position
    )
    stem = name[:-4] if name.lower().endswith(".pdf") else name
    stored = store_signed_file(dossier, f"{stem}-ky-so.pdf", signed, actor=actor, now=now, task=task, source=draft.file)
    draft.status = S.SIGNED
    draft.signed_by, draft.signed_at, draft.signed_file = actor, now, stored
    draft.updated_at = now
    draft.save()
    recorded: dict[str, Any] = {
        "files": [stored.name],
        "signed_from": draft.file.name,
        "draft_id": draft.pk,
        "sha256": digest,
        "number": draft.number,
    }
    if task is not None and _working(dossier):
        step_actions = set(dossier.process_snapshot[task.step_index].get("actions", []))
        complete = "sign" if "sign" in step_actions else next(iter(SIGNING_STEP_ACTIONS & step_actions))
        steps.act_complete(dossier, actor, complete, replace(data, note=data.note), now)
    return {"task": task, "data": recorded}
