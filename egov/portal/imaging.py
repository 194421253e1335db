"""Uploaded papers: what a file really is, and photos of papers turned into PDF.

The type is read from the file's first bytes (its "magic number"), never from its name or from what
the browser says, so a program or a text file renamed ``.pdf`` is refused. Photos (JPEG, PNG) become
one-page PDFs, so every paper of a dossier opens the same way for the officer (ND 45/2020/NĐ-CP
Điều 9: papers of an online dossier are electronic copies the officer can read and keep).
"""

import io
import warnings
from enum import StrEnum

from PIL import Image, ImageOps, UnidentifiedImageError

# A4's long side in inches: a converted photo is printed at the resolution that fits it on A4.
_A4_LONG_SIDE_INCHES = 11.69
# 300 dpi on A4: more pixels make the PDF larger without making the paper easier to read.
_MAX_LONG_SIDE_PIXELS = 3508
_JPEG_QUALITY = 85


class UploadKind(StrEnum):
    PDF = "pdf"
    JPEG = "jpeg"
    PNG = "png"


_SIGNATURES = (
    (b"%PDF-", UploadKind.PDF),
    (b"\xff\xd8\xff", UploadKind.JPEG),
    (b"\x89PNG\r\n\x1a\n", UploadKind.PNG),
)


class ImageRejectedError(Exception):
    """A photo that cannot become a PDF; ``reason`` is ``unreadable`` or ``too_many_pixels``."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def sniff_kind(content: bytes) -> UploadKind | None:
    """PDF, JPEG or PNG by the file's first bytes; None for anything else."""
    for magic, kind in _SIGNATURES:
        if content.startswith(magic):
            return kind
    return None


def _flatten(image: Image.Image) -> Image.Image:
    """RGB or greyscale without transparency: a transparent PNG is laid on white paper."""
    if image.mode in ("RGB", "L"):
        return image
    if image.mode == "P":
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA", "PA"):
        background = Image.new("RGB", image.size, "white")
        background.paste(image.convert("RGBA"), mask=image.convert("RGBA").getchannel("A"))
        return background
    if image.mode in ("1", "I;16", "I", "F"):
        return image.convert("L")
    return image.convert("RGB")


def image_to_pdf(content: bytes, *, max_pixels: int) -> bytes:
    """A one-page PDF of a JPEG or PNG photo: turned upright (EXIF orientation, as phones store it),
    flattened onto white, at most 300 dpi on A4. Raises ImageRejectedError."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as opened:
                width, height = opened.size
                if width * height > max_pixels:  # checked on the header, before decoding anything
                    raise ImageRejectedError("too_many_pixels")
                opened.load()
                image = _flatten(ImageOps.exif_transpose(opened) or opened)
    except ImageRejectedError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ImageRejectedError("too_many_pixels") from error
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as error:  # corrupt or truncated
        raise ImageRejectedError("unreadable") from error
    if max(image.size) > _MAX_LONG_SIDE_PIXELS:
        image.thumbnail((_MAX_LONG_SIDE_PIXELS, _MAX_LONG_SIDE_PIXELS), Image.Resampling.LANCZOS)
    resolution = max(72.0, max(image.size) / _A4_LONG_SIDE_INCHES)
    output = io.BytesIO()
    image.save(output, "PDF", resolution=resolution, quality=_JPEG_QUALITY)
    return output.getvalue()
