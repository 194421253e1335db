"""Signing services: who signs what, where the image goes, and the audit of every key use.

- ``sign_as_person``: an official signs with his personal certificate; image between position and name.
- ``seal_as_agency``: the agency's seal signature over the signer's image (ND 30/2020 Phụ lục I §II.8a),
  only on a document a competent person already signed (Điều 32 k2c).
- ``stamp_as_agency``: an attachment or e-copy: invisible image, text stamp top right of page one.
- ``sign_result``: the one-stop engine's call: the leader signs, then the agency seals.
"""

import hashlib
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from egov.core import clock
from egov.core.errors import ApplicationError
from egov.signing.choices import CertificateKind
from egov.signing.models import Certificate
from egov.signing.services import placement
from egov.signing.services.documents import STAMP_HEIGHT_MM, STAMP_WIDTH_MM, text_stamp_pdf
from egov.signing.services.images import seal_png, signature_png
from egov.signing.services.keys import (
    authorise,
    check_usable,
    open_signer,
    personal_certificate,
    record_key_use,
    seal_certificate,
)
from egov.signing.services.pdf_sign import Appearance, Box, default_timestamper, sign_pdf_bytes


@dataclass(frozen=True)
class Signed:
    pdf: bytes
    certificate_id: int
    box: Box | None


def _reader(pdf: bytes) -> PdfReader:
    try:
        reader = PdfReader(BytesIO(pdf), strict=False)
        _ = len(reader.pages)
        return reader
    except (PyPdfError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise ApplicationError(_("The file is not a readable PDF."), code="signing.bad_pdf") from exc


def _signature_count(reader: PdfReader) -> int:
    fields = reader.get_fields() or {}
    return sum(1 for f in fields.values() if f.get("/FT") == "/Sig")


def _image(cert: Certificate) -> bytes:
    if cert.image_png:
        return bytes(cert.image_png)
    if cert.kind == CertificateKind.SEAL:
        return seal_png(cert.organisation or cert.subject_name)
    return signature_png(cert.subject_name)


def _aspect(png: bytes) -> float:
    from PIL import Image

    with Image.open(BytesIO(png)) as img:
        return img.width / img.height if img.height else 3.0


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _sign(
    pdf: bytes,
    cert: Certificate,
    actor: Any,
    *,
    field: str,
    reason: str,
    location: str,
    box: Box | None,
    appearance: Appearance | None,
    purpose: str,
) -> bytes:
    with open_signer(cert) as signer:
        signed = sign_pdf_bytes(
            pdf,
            signer,
            field_name=field,
            reason=reason,
            location=location,
            name=cert.subject_name,
            box=box,
            appearance=appearance,
            timestamper=default_timestamper(),
        )
    with transaction.atomic():
        record_key_use(cert, actor, purpose=purpose, document_sha256=_sha(pdf), detail=f"{field}: {reason}")
    return signed


def sign_as_person(
    pdf: bytes,
    *,
    actor: Any,
    reason: str = "",
    location: str = "",
    position: str = "",
    certificate: Certificate | None = None,
) -> Signed:
    cert = certificate or personal_certificate(actor)
    if cert is None:
        raise ApplicationError(
            _("You have no valid personal signing certificate."), code="signing.no_certificate", status=409
        )
    authorise(cert, actor)
    check_usable(cert)
    reader = _reader(pdf)
    png = _image(cert)
    aspect = _aspect(png)
    name = (actor.get_full_name() if actor is not None else "") or cert.subject_name
    box = placement.signer_box(reader, name, aspect, position) or placement.fallback_signer_box(reader, aspect)
    field = f"Signature{_signature_count(reader) + 1}"
    signed = _sign(
        pdf,
        cert,
        actor,
        field=field,
        reason=reason or str(_("Signed")),
        location=location,
        box=box,
        appearance=Appearance(png=png),
        purpose="sign",
    )
    return Signed(signed, cert.pk, box)


def _agency_seal(agency_id: int) -> Certificate:
    cert = seal_certificate(agency_id)
    if cert is None:
        raise ApplicationError(
            _("The agency has no valid seal certificate."), code="signing.no_seal_certificate", status=409
        )
    return cert


def last_signature_box(reader: PdfReader) -> Box | None:
    """The widget rectangle of the newest visible signature (the one the seal goes over)."""
    found: Box | None = None
    for index, page in enumerate(reader.pages):
        for annot in page.get("/Annots") or []:
            obj = annot.get_object()
            if obj.get("/FT") == "/Sig" or obj.get("/Parent", {}).get("/FT") == "/Sig":
                x1, y1, x2, y2 = (float(v) for v in obj.get("/Rect", [0, 0, 0, 0]))
                if x2 - x1 > 1 and y2 - y1 > 1:
                    found = Box(index, min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))
    return found


def seal_as_agency(
    pdf: bytes,
    *,
    actor: Any,
    agency_id: int,
    reason: str = "",
    location: str = "",
    signer_box: Box | None = None,
    sealing_for_signer: Any = None,
) -> Signed:
    cert = _agency_seal(agency_id)
    authorise(cert, actor, sealing_for_signer=sealing_for_signer)
    check_usable(cert)
    reader = _reader(pdf)
    if _signature_count(reader) == 0:
        # ND 30/2020 Điều 32 k2c: the clerk seals only documents the competent person has signed.
        raise ApplicationError(
            _("Only a document already signed by the competent person can be sealed."),
            code="signing.not_signed_yet",
            status=409,
        )
    under = signer_box or last_signature_box(reader) or placement.fallback_signer_box(reader, 3.0)
    box = placement.seal_box(under, float(cert.image_width_mm), float(cert.image_height_mm))
    field = f"Seal{_signature_count(reader) + 1}"
    signed = _sign(
        pdf,
        cert,
        actor,
        field=field,
        reason=reason or str(_("Issued")),
        location=location,
        box=box,
        appearance=Appearance(png=_image(cert)),
        purpose="seal",
    )
    return Signed(signed, cert.pk, box)


def stamp_as_agency(pdf: bytes, *, actor: Any, agency_id: int, first_line: str, location: str = "") -> Signed:
    """Attachment / appendix / e-copy: the agency signs with a text stamp at the top right of page one.

    ``first_line`` is the document's number and notation (attachments) or the copy form ("SAO Y").
    """
    cert = _agency_seal(agency_id)
    authorise(cert, actor)
    check_usable(cert)
    reader = _reader(pdf)
    when = timezone.localtime(clock.now()).replace(microsecond=0).isoformat()
    lines = [first_line, cert.organisation or cert.subject_name, when]
    box = placement.text_stamp_box(reader, STAMP_WIDTH_MM, STAMP_HEIGHT_MM)
    field = f"Stamp{_signature_count(reader) + 1}"
    signed = _sign(
        pdf,
        cert,
        actor,
        field=field,
        reason=first_line,
        location=location,
        box=box,
        appearance=Appearance(pdf=text_stamp_pdf(lines)),
        purpose="stamp",
    )
    return Signed(signed, cert.pk, box)


def sign_result(pdf: bytes, *, leader: Any, agency_id: int, reason: str = "", position: str = "") -> bytes:
    """The leader signs the result, then the agency's seal goes over the signature (two revisions)."""
    personal = sign_as_person(pdf, actor=leader, reason=reason, position=position)
    sealed = seal_as_agency(
        personal.pdf,
        actor=leader,
        agency_id=agency_id,
        reason=reason,
        signer_box=personal.box,
        sealing_for_signer=leader,
    )
    return sealed.pdf
