"""Colour on the press: the theme's sRGB colours as CMYK for the print file's
printing condition, and the overprint rule for black.

Conversion: LittleCMS (through Pillow's ImageCms) from sRGB to the committed
FOGRA39 profile (monitor_pdf/icc/README.md), relative colorimetric with black
point compensation, rounded to whole percent. Greys (r = g = b) and black are
printed with black ink alone: the K value whose lightness in the profile is
that of the colorimetric conversion (black text must not be a rich black that
shows colour fringes when the plates are slightly off register). No colour
exceeds TAC_LIMIT total area coverage. Each conversion is cached per process.

Overprint: text and strokes whose colour is pure K (no C, M, Y) overprint the
inks below them (OPM 1), so misregistration cannot open a white gap around
black type or a rule; every other object, and every filled area, knocks out.
PrintCanvas applies that rule as colours are set; the screen file uses the
plain reportlab Canvas.
"""

from __future__ import annotations

from functools import cache
from importlib import resources as importlib_resources
from math import ceil
from typing import Any

from reportlab.lib.colors import CMYKColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

CMYK = tuple[float, float, float, float]

PROFILE_FILE = "icc/FOGRA39-TAC300.icc"
TAC_LIMIT = 3.0   # 300 %: the ink limit the profile was made with (colprof -l300)


def print_profile() -> bytes:
    """The CMYK ICC profile of the print condition (embedded as the PDF/X output intent)."""
    return importlib_resources.files("monitor_pdf").joinpath(PROFILE_FILE).read_bytes()


@cache
def _transforms() -> tuple[Any, Any]:
    """sRGB -> CMYK (relative colorimetric, black point compensation) and CMYK -> Lab."""
    from io import BytesIO

    from PIL import ImageCms

    cmyk = ImageCms.ImageCmsProfile(BytesIO(print_profile()))
    to_cmyk = ImageCms.buildTransform(ImageCms.createProfile("sRGB"), cmyk, "RGB", "CMYK",
                                      renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
                                      flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)
    to_lab = ImageCms.buildTransform(cmyk, ImageCms.createProfile("LAB"), "CMYK", "LAB",
                                     renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    return to_cmyk, to_lab


def _apply(transform: Any, mode: str, value: tuple[int, ...]) -> tuple[int, ...]:
    from PIL import Image, ImageCms

    pixel = ImageCms.applyTransform(Image.new(mode, (1, 1), value), transform)
    assert pixel is not None
    return tuple(pixel.getpixel((0, 0)))  # type: ignore[arg-type]


def _lightness(ink: tuple[int, int, int, int]) -> float:
    """L* (0..100) of an ink combination (0..255 each) printed in the profile's condition."""
    return _apply(_transforms()[1], "CMYK", ink)[0] * 100 / 255


@cache
def _black_ramp() -> tuple[float, ...]:
    """L* of black ink alone at 0, 1, ..., 100 %."""
    return tuple(_lightness((0, 0, 0, round(k * 2.55))) for k in range(101))


@cache
def srgb_to_cmyk(hex_colour: str) -> CMYK:
    """The CMYK (0..1, whole percent) of an sRGB "#rrggbb" in the print condition."""
    rgb = tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    ink = _apply(_transforms()[0], "RGB", rgb)
    if rgb[0] == rgb[1] == rgb[2]:
        return 0.0, 0.0, 0.0, _black_only(ink)
    c, m, y, k = (round(v * 100 / 255) for v in ink)
    over = c + m + y + k - round(TAC_LIMIT * 100)
    if over > 0:                      # never more ink than the limit: take it from C, M and Y
        cmy = c + m + y
        c, m, y = (v - ceil(over * v / cmy) for v in (c, m, y))
    return c / 100, m / 100, y / 100, k / 100


def _black_only(ink: tuple[int, ...]) -> float:
    """The black ink (0..1) with the lightness of the four-ink conversion `ink`."""
    target = _lightness((ink[0], ink[1], ink[2], ink[3]))
    ramp = _black_ramp()
    best = min(range(101), key=lambda k: (abs(ramp[k] - target), k))
    return best / 100


def is_pure_black(colour: object) -> bool:
    """Black ink only (any amount): the colours that overprint."""
    return (isinstance(colour, CMYKColor) and colour.black > 0
            and colour.cyan == colour.magenta == colour.yellow == 0)


def _overprint(target: Canvas | PDFTextObject, canvas: Canvas, stroke: bool, fill: bool) -> None:
    """Set stroke (OP) and fill (op) overprint, with OPM 1 whenever one is on.

    An ExtGState with only /OP also sets op (PDF 32000-1, table 58), which
    reportlab does not track: after writing OP, its record of op is made to
    say what the PDF now has, so the op that follows is written when needed."""
    state = canvas._extgstate
    if (stroke or fill) and state.getValue("OPM") != 1:
        state.set(target, "OPM", 1)
    if state.getValue("OP") != stroke:
        state.set(target, "OP", stroke)
        state._d["op"] = stroke
    if state.getValue("op") != fill:
        state.set(target, "op", fill)


class _PrintText(PDFTextObject):
    """A text object whose colour changes carry the overprint rule into the text."""

    def setFillColor(self, aColor: Any, alpha: float | None = None) -> None:
        super().setFillColor(aColor, alpha)
        canvas: PrintCanvas = self._canvas
        canvas._text_overprint = is_pure_black(self._fillColorObj)
        _overprint(self, canvas, canvas._extgstate.getValue("OP"), canvas._text_overprint)


class PrintCanvas(Canvas):
    """reportlab's Canvas with the print file's overprint rule (see the module docstring).

    Fills knock out, except text in pure K; strokes in pure K overprint."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._text_overprint = False
        self._saved_overprint: list[bool] = []
        super().__init__(*args, **kwargs)

    def setFillColor(self, aColor: Any, alpha: float | None = None) -> None:
        super().setFillColor(aColor, alpha)
        self._text_overprint = is_pure_black(self._fillColorObj)

    def setStrokeColor(self, aColor: Any, alpha: float | None = None) -> None:
        super().setStrokeColor(aColor, alpha)
        _overprint(self, self, is_pure_black(self._strokeColorObj), self._extgstate.getValue("op"))

    def beginText(self, x: float = 0, y: float = 0, direction: Any = None) -> PDFTextObject:
        return _PrintText(self, x, y, direction=direction)

    def drawText(self, aTextObject: PDFTextObject) -> None:
        stroke = self._extgstate.getValue("OP")
        _overprint(self, self, stroke, self._text_overprint)
        super().drawText(aTextObject)
        _overprint(self, self, self._extgstate.getValue("OP"), False)   # areas drawn next knock out

    def saveState(self) -> None:
        super().saveState()
        self._saved_overprint.append(self._text_overprint)

    def restoreState(self) -> None:
        super().restoreState()
        self._text_overprint = self._saved_overprint.pop()

    def showPage(self) -> None:
        super().showPage()
        self._text_overprint = False
