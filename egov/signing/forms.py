"""The uploaded PDF of the public verifier: checks shared by the page and the API, and the page's form.

The type is read from the content (``%PDF-``), never trusted from the browser or the file name; the
size is bounded before and while reading (``EGOV_SIGNING_VERIFY_MAX_BYTES``). Nothing is stored.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from egov.core.errors import ApplicationError

PDF_MAGIC = b"%PDF-"
# One budget of verifications per client for the API and the page: SIGNATURE_VERIFY_RATE_LIMIT a minute.
RATE_LIMIT_SCOPE = "signature-verify"
RATE_LIMIT_WINDOW_SECONDS = 60
MULTIPART_OVERHEAD = 64 * 1024  # boundaries and part headers around the one file


def verify_rate_limit() -> int:
    return int(getattr(settings, "SIGNATURE_VERIFY_RATE_LIMIT", 20))


def verify_max_bytes() -> int:
    return int(settings.EGOV_SIGNING_VERIFY_MAX_BYTES)


def max_megabytes() -> str:
    return f"{verify_max_bytes() / 1048576:g}"


def _too_large() -> ApplicationError:
    return ApplicationError(
        format_lazy(_("The file is larger than {size} MB."), size=max_megabytes()),
        code="signing.file_too_large",
        status=413,
        fields={"file": [_("The file is too large.")]},
    )


def check_request_size(content_length: str | None) -> None:
    """Refuse an oversized body from its declared length, before the multipart body is parsed
    (the reverse proxy's ``client_max_body_size`` is the first line of defence)."""
    try:
        declared = int(content_length or 0)
    except ValueError:
        return
    if declared > verify_max_bytes() + MULTIPART_OVERHEAD:
        raise _too_large()


def read_pdf_upload(upload: UploadedFile[bytes] | None) -> bytes:
    """The file's bytes if it is a non-empty PDF within the size limit; else an ``ApplicationError``."""
    if upload is None:
        raise ApplicationError(
            _("Choose a PDF file to check."), code="signing.no_file", fields={"file": [_("Choose a PDF file.")]}
        )
    limit = verify_max_bytes()
    if upload.size is not None and upload.size > limit:
        raise _too_large()
    data = upload.read(limit + 1)  # one byte past the limit: memory stays bounded whatever the client says
    if not data:
        raise ApplicationError(
            _("The file is empty."), code="signing.file_empty", fields={"file": [_("The file is empty.")]}
        )
    if len(data) > limit:
        raise _too_large()
    if not data.startswith(PDF_MAGIC):
        raise ApplicationError(
            _("The file is not a PDF file. Only PDF documents can be checked."),
            code="signing.not_pdf",
            fields={"file": [_("Choose a PDF file.")]},
        )
    return bytes(data)


class VerifyForm(forms.Form):
    """One PDF; after ``is_valid()`` its bytes are in ``pdf`` and a refusal's HTTP status in ``status``."""

    file = forms.FileField(
        label=_("PDF document to check"),
        max_length=255,
        allow_empty_file=True,  # read_pdf_upload says “empty” in its own words
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
        error_messages={"required": _("Choose a PDF file to check."), "invalid": _("Choose a PDF file to check.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = format_lazy(
            _("A PDF file of at most {size} MB. It is checked on the spot and not kept."), size=max_megabytes()
        )
        self.pdf = b""
        self.file_name = ""
        self.status = 400

    def clean_file(self) -> UploadedFile[bytes]:
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        try:
            self.pdf = read_pdf_upload(upload)
        except ApplicationError as error:
            self.status = error.status
            raise forms.ValidationError(str(error.message), code=error.code) from error
        self.file_name = (upload.name or "")[:255]
        return upload
