"""The QR code of a dossier's tracking page (TT 01/2018/TT-VPCP Điều 19: a barcode or QR code may
accompany the dossier code; rules digest §1.4)."""

import base64
import io

import qrcode
import qrcode.constants
from qrcode.image.pil import PilImage


def qr_matrix(data: str) -> list[list[bool]]:
    """The modules of the QR code, quiet zone of 4 included (True = dark)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(data)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]


def qr_png_data_uri(data: str) -> str:
    """One pixel per module: the PDF scales it with ``image-rendering: pixelated`` (sharp, tiny file)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=1, border=4)
    code.add_data(data)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image(image_factory=PilImage).save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
