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
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont, makeToUnicodeCMap

from monitor_pdf import resources, theme

USED_FACES = ("regular", "bold")   # the only faces shipped; each TTF parsed once
PRIVATE_USE = range(0xE000, 0xF900)   # code points for glyphs that are no character's own


class ShapingTTFont(TTFont):
    """A TrueType font that also prints glyphs no character maps to.

    reportlab writes text as characters, each printed with the glyph the font's
    cmap gives it. A shaped text also has ligatures ("fi", "ti", "tt") and other
    substituted glyphs: each gets a private-use code point here that maps to
    its glyph, and the PDF's ToUnicode map gives that code the characters the
    glyph stands for ("f" "i"), so the text is read, copied and searched as
    it was written (a ligature with a code point of its own, U+FB01, is also
    written out as "fi").
    """

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self._codes: dict[tuple[int, str], int] = {}
        self._stands_for: dict[int, str] = {}
        self.glyph_strings: dict[str, object] = {}    # text -> what layout/shaped.py draws for it

    def character(self, gid: int, text: str) -> str:
        """The character to write for glyph `gid` printing `text`."""
        if len(text) == 1 and self.face.charToGlyph.get(ord(text)) == gid:
            return text
        code = self._codes.get((gid, text))
        if code is None:
            code = next(c for c in PRIVATE_USE[len(self._codes):] if c not in self.face.charToGlyph)
            self.face.charToGlyph[code] = gid
            self.face.charWidths[code] = self.face._pdfScale(self.face.hmetrics[gid][0])
            self._codes[(gid, text)] = code
            self._stands_for[code] = text
        return chr(code)

    def addObjects(self, doc) -> None:
        """reportlab's font objects, then the ToUnicode map of each subset with
        a private code rewritten to say what those codes stand for."""
        state = self.state.get(doc)
        subsets = [list(subset) for subset in state.subsets] if state else []
        super().addObjects(doc)
        for number, subset in enumerate(subsets):
            if not any(code in self._stands_for for code in subset):
                continue
            base_name = b"".join((SUBSETN(number), b"+", self.face.name, self.face.subfontNameX)).decode("pdfdoc")
            stream = doc.idToObject["toUnicodeCMap:" + base_name]
            stream.content = _to_unicode(makeToUnicodeCMap(base_name, subset), subset, self._stands_for)


def _to_unicode(cmap: str, subset: list[int], stands_for: dict[int, str]) -> str:
    """reportlab's ToUnicode CMap with each private code's entry giving its text
    (UTF-16BE, several characters for a ligature)."""
    for index, code in enumerate(subset):
        if code in stands_for:
            # a second glyph of one character (rare: a decomposition) reads as nothing visible
            text = stands_for[code].encode("utf-16-be").hex().upper() or "200B"
            cmap = cmap.replace(f"<{index:02X}> <{code:04X}>", f"<{index:02X}> <{text}>", 1)
    return cmap


def register_fonts() -> None:
    """The current theme's fonts, registered once per process each."""
    _register(theme.current().faces)


@cache
def _register(theme_faces: tuple[tuple[str, theme.FontFace], ...]) -> None:
    faces = dict(theme_faces)
    for key in USED_FACES:
        pdfmetrics.registerFont(ShapingTTFont(faces[key].name, font_file(faces[key])))
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


@cache
def font_file(face: theme.FontFace) -> str:
    """The path of a face's font file (what shaping reads)."""
    return str(resources.fonts_dir() / face.file)


def shaping_font(face: str) -> ShapingTTFont:
    """The registered reportlab font of the current theme's face ("regular", "bold")."""
    register_fonts()
    font = pdfmetrics.getFont(font_name(face))
    assert isinstance(font, ShapingTTFont), "register_fonts registers every face as a ShapingTTFont"
    return font


def unprintable(text: str, face: str = "regular") -> list[str]:
    """Characters of `text` the bundled font has no glyph for (they would print as boxes)."""
    register_fonts()
    glyphs = pdfmetrics.getFont(font_name(face)).face.charToGlyph
    return sorted({ch for ch in text if ord(ch) not in glyphs and ch not in "\n\r\t"})


def describe(chars: list[str]) -> str:
    return ", ".join(f"'{ch}' (U+{ord(ch):04X})" for ch in chars)
