"""Register the bundled fonts with reportlab, once per process.

reportlab falls back to its built-in (never embedded) Helvetica for the
canvas's initial font and for graphics text unless told otherwise, so the base
font names are set here before any canvas exists; the PDF then holds only
embedded subsets of the bundled family.
"""

from __future__ import annotations

from functools import cache

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from monitor_pdf import resources, theme

USED_FACES = ("regular", "bold")   # the only faces shipped; each TTF parsed once


def register_fonts() -> None:
    """The current theme's fonts, registered once per process each."""
    _register(theme.current().faces)


@cache
def _register(theme_faces: tuple[tuple[str, theme.FontFace], ...]) -> None:
    faces = dict(theme_faces)
    for key in USED_FACES:
        pdfmetrics.registerFont(TTFont(faces[key].name, str(resources.fonts_dir() / faces[key].file)))
    pdfmetrics.registerFontFamily(faces["regular"].name, normal=faces["regular"].name,
                                  bold=faces["bold"].name, italic=faces["regular"].name,
                                  boldItalic=faces["bold"].name)
    rl_config.canvas_basefontname = faces["regular"].name
    rl_config.defaultGraphicsFontName = faces["regular"].name
    # Binary (Flate only) streams: ASCII85 on top makes every stream 25% larger
    # and costs time to encode; no reader of ours needs 7-bit-clean PDF.
    rl_config.useA85 = 0


def font_name(face: str) -> str:
    return theme.current().face(face).name


def unprintable(text: str, face: str = "regular") -> list[str]:
    """Characters of `text` the bundled font has no glyph for (they would print as boxes)."""
    register_fonts()
    glyphs = pdfmetrics.getFont(font_name(face)).face.charToGlyph
    return sorted({ch for ch in text if ord(ch) not in glyphs and ch not in "\n\r\t"})


def describe(chars: list[str]) -> str:
    return ", ".join(f"'{ch}' (U+{ord(ch):04X})" for ch in chars)
