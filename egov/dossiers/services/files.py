"""Files of a dossier (papers, supplements, working files, results): strict type, size and count.

The type is read from the content (magic bytes), never trusted from the browser: PDF, JPEG, PNG.
"""

import hashlib
import re
import unicodedata
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from egov.core.errors import ApplicationError
from egov.dossiers.choices import FileKind
from egov.dossiers.contracts import UploadedFile
from egov.dossiers.models import Dossier, DossierFile, DossierTask

_SIGNATURES = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
)


def sniff_type(content: bytes) -> tuple[str, str] | None:
    for magic, content_type, extension in _SIGNATURES:
        if content.startswith(magic):
            return content_type, extension
    return None


def safe_name(name: str, extension: str) -> str:
    base = unicodedata.normalize("NFC", name).rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    stem = re.sub(r"[^\w\- .()]+", "_", base.rsplit(".", 1)[0]).strip(" ._") or "tep"
    return f"{stem[:120]}{extension}"


def validate_uploads(files: tuple[UploadedFile, ...]) -> list[tuple[UploadedFile, str, str]]:
    """Check every file before anything is written; one bad file rejects the request."""
    max_files = settings.EGOV_DOSSIER_UPLOAD_MAX_FILES
    max_bytes = settings.EGOV_DOSSIER_UPLOAD_MAX_BYTES
    if len(files) > max_files:
        raise ApplicationError(
            format_lazy(_("Too many files: at most {count} at a time."), count=max_files),
            code="dossier.too_many_files",
            fields={"files": [_("Too many files.")]},
        )
    checked = []
    for item in files:
        if not item.content:
            raise ApplicationError(
                format_lazy(_("The file “{name}” is empty."), name=item.name),
                code="dossier.file_empty",
                fields={"files": [item.name]},
            )
        if len(item.content) > max_bytes:
            raise ApplicationError(
                format_lazy(
                    _("The file “{name}” is larger than {size} MB."), name=item.name, size=max_bytes // 1048576
                ),
                code="dossier.file_too_large",
                fields={"files": [item.name]},
            )
        sniffed = sniff_type(item.content)
        if sniffed is None:
            raise ApplicationError(
                format_lazy(_("The file “{name}” is not a PDF, JPG or PNG file."), name=item.name),
                code="dossier.file_type",
                fields={"files": [item.name]},
            )
        checked.append((item, *sniffed))
    return checked


def store_files(
    dossier: Dossier,
    files: tuple[UploadedFile, ...],
    *,
    actor: Any,
    now: datetime,
    kind: str = FileKind.PAPER,
    task: DossierTask | None = None,
) -> list[DossierFile]:
    stored = []
    for item, content_type, extension in validate_uploads(files):
        digest = hashlib.sha256(item.content).hexdigest()
        record = DossierFile(
            dossier=dossier,
            kind=kind,
            name=safe_name(item.name, extension),
            content_type=content_type,
            size=len(item.content),
            sha256=digest,
            paper_index=item.paper_index,
            task=task,
            uploaded_by=actor if getattr(actor, "pk", None) else None,
            uploaded_at=now,
        )
        record.file.save(record.name, ContentFile(item.content), save=False)
        record.save()
        stored.append(record)
    return stored


def store_signed_file(
    dossier: Dossier,
    name: str,
    content: bytes,
    *,
    actor: Any,
    now: datetime,
    source: DossierFile,
    task: DossierTask | None = None,
) -> DossierFile:
    """A result PDF produced by the system (signed), stored like an upload but marked as signed."""
    record = DossierFile(
        dossier=dossier,
        kind=FileKind.RESULT,
        name=safe_name(name, ".pdf"),
        content_type="application/pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        task=task,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
        uploaded_at=now,
        is_signed=True,
        signed_from=source,
    )
    record.file.save(record.name, ContentFile(content), save=False)
    record.save()
    return record
