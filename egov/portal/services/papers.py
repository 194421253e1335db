"""Papers uploaded to a draft: checked one by one, stored as PDF, removable until submission.

Each file is judged on its own: the good ones are kept and every refused one is named with the
reason, so a citizen on a slow connection does not upload the good files again. Limits come from
settings (PORTAL_UPLOAD_*, never above what the dossier accepts: EGOV_DOSSIER_UPLOAD_*).
"""

import hashlib
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol
from uuid import UUID

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from egov.core import clock
from egov.core.errors import ApplicationError
from egov.portal import selectors_apply as selectors
from egov.portal.imaging import ImageRejectedError, UploadKind, image_to_pdf, sniff_kind
from egov.portal.models import Application, ApplicationFile
from egov.portal.services.applications import lock_draft, retention_end
from egov.portal.services.storage import delete_stored_files

# A PDF ends with %%EOF; readers look for it in the last 1024 bytes. Without it the file was cut short.
_PDF_TAIL = 1024


class Upload(Protocol):
    """What the page hands over for one chosen file (Django's UploadedFile fits)."""

    name: str | None

    @property
    def size(self) -> int | None: ...

    def chunks(self, chunk_size: int | None = None) -> Iterator[Any]: ...


def _read_at_most(upload: Upload, limit: int) -> bytes:
    """The file's bytes, stopping one chunk past ``limit`` (what is beyond is refused anyway)."""
    content = bytearray()
    for chunk in upload.chunks():
        content.extend(chunk)
        if len(content) > limit:
            break
    return bytes(content)


@dataclass(frozen=True)
class Rejection:
    paper_id: int
    name: str
    message: str | Promise


@dataclass(frozen=True)
class UploadOutcome:
    stored: list[ApplicationFile] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)


def max_bytes() -> int:
    return int(min(settings.PORTAL_UPLOAD_MAX_BYTES, settings.EGOV_DOSSIER_UPLOAD_MAX_BYTES))


def max_files() -> int:
    return int(min(settings.PORTAL_UPLOAD_MAX_FILES, settings.EGOV_DOSSIER_UPLOAD_MAX_FILES))


def display_name(raw: str | None) -> str:
    """The file's own name as the citizen knows it, without any folder or control character."""
    base = unicodedata.normalize("NFC", raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = re.sub(r"[\x00-\x1f\x7f]+", "", base).strip()
    return cleaned[:200] or "tep"


def _megabytes(size: int) -> str:
    return f"{size / 1048576:g}"


def _content(upload: Upload, name: str) -> tuple[bytes, bool] | Promise:
    """The PDF to store and whether it was a photo, or why the file is refused."""
    limit = max_bytes()
    if upload.size is not None and upload.size > limit:  # refused before reading it
        return format_lazy(_("The file “{name}” is larger than {size} MB."), name=name, size=_megabytes(limit))
    content = _read_at_most(upload, limit)
    if not content:
        return format_lazy(_("The file “{name}” is empty."), name=name)
    if len(content) > limit:
        return format_lazy(_("The file “{name}” is larger than {size} MB."), name=name, size=_megabytes(limit))
    kind = sniff_kind(content)
    if kind is None:
        return format_lazy(_("The file “{name}” is not a PDF, JPG or PNG file."), name=name)
    if kind is UploadKind.PDF:
        if b"%%EOF" not in content[-_PDF_TAIL:]:
            return format_lazy(_("The PDF file “{name}” is incomplete or damaged. Save it again and retry."), name=name)
        return content, False
    try:
        converted = image_to_pdf(content, max_pixels=settings.PORTAL_IMAGE_MAX_PIXELS)
    except ImageRejectedError as error:
        if error.reason == "too_many_pixels":
            return format_lazy(
                _("The photo “{name}” has too many pixels (more than {count} million). Take it at a lower resolution."),
                name=name,
                count=settings.PORTAL_IMAGE_MAX_PIXELS // 1_000_000,
            )
        return format_lazy(_("The photo “{name}” could not be read: the file may be damaged."), name=name)
    if len(converted) > limit:
        return format_lazy(
            _("The photo “{name}” is larger than {size} MB once made into a PDF."), name=name, size=_megabytes(limit)
        )
    return converted, True


@transaction.atomic
def application_files_add(
    *, citizen: Any, public_id: UUID | str, uploads: Sequence[tuple[int, Upload]]
) -> UploadOutcome:
    """Attach ``uploads`` (required paper id, file) to the citizen's draft."""
    application = lock_draft(citizen=citizen, public_id=public_id)
    slots = {slot.paper.pk: slot for slot in selectors.application_papers(application) if not slot.answered_by_eform}
    counts = {paper_id: len(slot.files) for paper_id, slot in slots.items()}
    total = sum(counts.values())
    per_paper = settings.PORTAL_UPLOAD_MAX_FILES_PER_PAPER
    outcome = UploadOutcome()
    now = clock.now()
    for paper_id, upload in uploads:
        name = display_name(upload.name)
        if paper_id not in slots:
            raise ApplicationError(_("This procedure asks for no such paper."), code="application_paper_unknown")
        if total >= max_files():
            reason: str | Promise = format_lazy(
                _("The file “{name}” was not added: an application can have at most {count} files."),
                name=name,
                count=max_files(),
            )
            outcome.rejected.append(Rejection(paper_id, name, reason))
            continue
        if counts[paper_id] >= per_paper:
            reason = format_lazy(
                _("The file “{name}” was not added: at most {count} files for one paper."), name=name, count=per_paper
            )
            outcome.rejected.append(Rejection(paper_id, name, reason))
            continue
        result = _content(upload, name)
        if not isinstance(result, tuple):
            outcome.rejected.append(Rejection(paper_id, name, result))
            continue
        content, converted = result
        stored = ApplicationFile(
            application=application,
            paper=slots[paper_id].paper,
            original_name=name,
            content_type="application/pdf",
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            converted_from_image=converted,
            uploaded_at=now,
        )
        stored.file.save("paper.pdf", ContentFile(content), save=False)
        stored.save()
        outcome.stored.append(stored)
        counts[paper_id] += 1
        total += 1
    if outcome.stored:
        _touch(application)
    return outcome


def _touch(application: Application) -> None:
    application.expires_at = retention_end(clock.now())
    application.save(update_fields=["expires_at", "updated_at"])


@transaction.atomic
def application_file_remove(*, citizen: Any, public_id: UUID | str, file_id: int) -> str:
    """Remove one uploaded file from the draft; returns its name for the confirmation message."""
    application = lock_draft(citizen=citizen, public_id=public_id)
    found = selectors.application_file_get(application=application, file_id=file_id)
    delete_stored_files(ApplicationFile.objects.filter(pk=found.pk))
    _touch(application)
    return found.original_name


@transaction.atomic
def application_answer_cases(*, citizen: Any, public_id: UUID | str, answers: dict[str, bool]) -> Application:
    """Keep the applicant's yes/no answers to the cases of conditional papers ("Trường hợp trẻ em bị
    bỏ rơi": yes or no); the papers of a case answered "yes" are then asked for. A draft's answers,
    like its e-form answers, are the applicant's own and are not audited until submission."""
    application = lock_draft(citizen=citizen, public_id=public_id)
    known = {question.key for question in selectors.application_paper_plan(application).questions}
    unknown = sorted(set(answers) - known)
    if unknown:
        raise ApplicationError(
            _("This application asks no such question about its papers."), code="application_case_unknown", status=400
        )
    stored = application.paper_answers if isinstance(application.paper_answers, dict) else {}
    application.paper_answers = {**stored, **answers}
    application.expires_at = retention_end(clock.now())
    application.save(update_fields=["paper_answers", "expires_at", "updated_at"])
    return application
