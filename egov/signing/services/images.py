"""Default appearance images for certificates that have none uploaded (demo and tests).

ND 30/2020 Phụ lục I: the signer's image is the handwritten signature, blue, transparent PNG (§II.7d);
the agency's image is its seal, red, transparent PNG, printed at the seal's actual size (§II.8a). A real
agency uploads scans of both; these drawings are clearly not scans (the seal says "MẪU THỬ").
"""

import functools
import hashlib
import math
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

_BLUE = (20, 50, 160, 255)
_RED = (214, 30, 36, 255)
_FONT_DIRS = [Path("/usr/share/fonts/truetype/liberation2"), Path("/usr/share/fonts/truetype/liberation")]


def _font(size: int, bold: bool = True) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    name = "LiberationSerif-Bold.ttf" if bold else "LiberationSerif-Regular.ttf"
    for folder in _FONT_DIRS:
        if (folder / name).exists():
            return ImageFont.truetype(str(folder / name), size)
    return ImageFont.load_default()


def _png(img: Image.Image) -> bytes:
    buf = BytesIO()
    img.save(buf, format="PNG")  # optimize=True: 4 % smaller, five times slower
    return buf.getvalue()


@functools.lru_cache(maxsize=32)  # deterministic: the demo and the tests draw the same ones again
def signature_png(name: str) -> bytes:
    """A blue flourish, different per name (deterministic), 2:1, transparent."""
    seed = hashlib.sha256(name.encode()).digest()
    w, h = 400, 200
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    points = []
    for i in range(90):
        t = i / 89
        amp = 40 + seed[1] % 30
        x = 30 + t * 340
        y = 100 + amp * math.sin(t * math.pi * (3 + seed[0] % 3)) * (1 - t * 0.6)
        points.append((x, y))
    draw.line(points, fill=_BLUE, width=7, joint="curve")
    loop = [(110 + 50 * math.cos(a / 10), 90 + 45 * math.sin(a / 10)) for a in range(0, 63)]
    draw.line(loop, fill=_BLUE, width=6, joint="curve")
    draw.line([(40, 165), (380, 140)], fill=_BLUE, width=5)
    return _png(img)


def _text_on_arc(img: Image.Image, text: str, centre: float, radius: float, size: int, top: bool) -> None:
    font = _font(size)
    widths = [font.getlength(ch) for ch in text]
    total = sum(widths)
    span = total / radius  # radians the text covers
    angle = -math.pi / 2 - span / 2 if top else math.pi / 2 + span / 2
    for ch, width in zip(text, widths, strict=True):
        step = width / radius
        mid = angle + (step / 2 if top else -step / 2)
        tile = Image.new("RGBA", (size * 2, size * 2), (0, 0, 0, 0))
        ImageDraw.Draw(tile).text((size, size), ch, font=font, fill=_RED, anchor="mm")
        rotation = -math.degrees(mid) - 90 if top else -math.degrees(mid) + 90
        tile = tile.rotate(rotation, resample=Image.Resampling.BICUBIC)
        x = centre + radius * math.cos(mid) - size
        y = centre + radius * math.sin(mid) - size
        img.alpha_composite(tile, (round(x), round(y)))
        angle += step if top else -step


@functools.lru_cache(maxsize=32)
def seal_png(agency_name: str, place: str = "") -> bytes:
    """A round red seal: two rings, the agency's name along the top, the place along the bottom, a star."""
    size = 720
    c = size / 2
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.ellipse((8, 8, size - 8, size - 8), outline=_RED, width=14)
    draw.ellipse((150, 150, size - 150, size - 150), outline=_RED, width=6)
    name = agency_name.upper()
    font_size = 54 if len(name) <= 28 else max(30, int(54 * 28 / len(name)))
    _text_on_arc(img, name, c, c - 75, font_size, top=True)
    if place:
        _text_on_arc(img, place.upper(), c, c - 75, 46, top=False)
    star = []
    for i in range(10):
        r = 95 if i % 2 == 0 else 38
        a = -math.pi / 2 + i * math.pi / 5
        star.append((c + r * math.cos(a), c + r * math.sin(a)))
    draw.polygon(star, fill=_RED)
    draw.text((c, c + 140), "MẪU THỬ", font=_font(40), fill=_RED, anchor="mm")
    return _png(img)
