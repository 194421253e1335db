"""PAdES signing with pyHanko: one signature per incremental update, so earlier signatures stay valid.

``sign_pdf_bytes`` is the mechanism (signer already opened, box already placed); who signs, with which
image and where is decided by ``services/signing.py``. PAdES B-B by default; B-T when a timestamp
authority is configured (``EGOV_TSA_URL``).
"""

import tempfile
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from pyhanko.pdf_utils import layout
from pyhanko.pdf_utils.content import ImportedPdfPage, PdfContent
from pyhanko.pdf_utils.images import PdfImage
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfReadError
from pyhanko.sign.fields import SigFieldSpec, SigSeedSubFilter
from pyhanko.sign.signers.pdf_cms import Signer
from pyhanko.sign.signers.pdf_signer import PdfSignatureMetadata, PdfSigner
from pyhanko.sign.timestamps import HTTPTimeStamper, TimeStamper
from pyhanko.stamp import StaticStampStyle

from egov.core.errors import ApplicationError


@dataclass(frozen=True)
class Box:
    """A rectangle on a page in PDF points (origin bottom-left); ``page`` is 0-based."""

    page: int
    x1: float
    y1: float
    x2: float
    y2: float

    @property
    def width(self) -> float:
        return self.x2 - self.x1

    @property
    def height(self) -> float:
        return self.y2 - self.y1

    def as_ints(self) -> tuple[int, int, int, int]:
        return (round(self.x1), round(self.y1), round(self.x2), round(self.y2))


@dataclass(frozen=True)
class Appearance:
    """What a visible signature shows: a PNG (signature or seal image) or a one-page PDF (text stamp)."""

    png: bytes | None = None
    pdf: bytes | None = None


def default_timestamper() -> TimeStamper | None:
    url = getattr(settings, "EGOV_TSA_URL", "")
    return HTTPTimeStamper(url) if url else None


def _content(appearance: Appearance, scratch: list[str]) -> PdfContent:
    if appearance.png is not None:
        from PIL import Image

        return PdfImage(Image.open(BytesIO(appearance.png)))
    # pyHanko imports a page from a file name; the stamp is public text, never key material.
    with tempfile.NamedTemporaryFile(suffix=".pdf", delete=False) as tmp:
        tmp.write(appearance.pdf or b"")
    scratch.append(tmp.name)
    return ImportedPdfPage(tmp.name)


def _style(content: PdfContent) -> StaticStampStyle:
    return StaticStampStyle(
        background=content,
        border_width=0,
        background_opacity=1.0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins.uniform(0),
            inner_content_scaling=layout.InnerScaling.STRETCH_TO_FIT,
        ),
    )


def open_writer(pdf: bytes) -> IncrementalPdfFileWriter:
    try:
        return IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    except (PdfReadError, ValueError, KeyError, IndexError) as exc:
        raise ApplicationError(
            _("The file is not a readable PDF."), code="signing.bad_pdf", fields={"file": [str(exc)[:200]]}
        ) from exc


def sign_pdf_bytes(
    pdf: bytes,
    signer: Signer,
    *,
    field_name: str,
    reason: str = "",
    location: str = "",
    name: str = "",
    box: Box | None = None,
    appearance: Appearance | None = None,
    timestamper: TimeStamper | None = None,
) -> bytes:
    """Append one PAdES signature to ``pdf``; visible in ``box`` when given."""
    import os

    writer = open_writer(pdf)
    meta = PdfSignatureMetadata(
        field_name=field_name,
        reason=reason or None,
        location=location or None,
        name=name or None,
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
    )
    spec = SigFieldSpec(field_name, on_page=box.page, box=box.as_ints()) if box else SigFieldSpec(field_name)
    scratch: list[str] = []
    try:
        style = _style(_content(appearance, scratch)) if (box and appearance) else None
        signer_ = PdfSigner(meta, signer, timestamper=timestamper, stamp_style=style, new_field_spec=spec)
        out = BytesIO()
        signer_.sign_pdf(writer, output=out)
        return out.getvalue()
    finally:
        for path in scratch:
            os.unlink(path)
