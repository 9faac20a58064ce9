"""Shaped text with reportlab: widths to measure with, and strings to draw.

A text is shaped once (charts/shaping.py, HarfBuzz) and both measured and
drawn from that result, so a width the layout uses is the width the page
prints. Each glyph is written as a character of the font's embedded subset
(ligatures and other substituted glyphs with the private codes of
layout/fonts.py's ShapingTTFont) and each kerning as a TJ adjustment, so a
kerned line is still one text string a reader finds words in.

reportlab can draw shaped text itself (a ShapedStr in a text object), but it
works glyph by glyph, which made drawing the page's text take twice as long;
`show` writes a string whose glyphs are only kerned (all our text) as one TJ
per font subset, and leaves anything else (a glyph moved up or sideways, as a
combining accent is) to reportlab's ShapedStr.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr

from monitor_pdf import theme
from monitor_pdf.charts import shaping
from monitor_pdf.layout.fonts import ShapingTTFont, font_file, font_name, shaping_font


def face_file(face: str) -> str:
    """The font file of the current theme's face ("regular", "bold")."""
    return _face_file(theme.current().faces, face)


@cache
def _face_file(faces: tuple[tuple[str, theme.FontFace], ...], face: str) -> str:
    return font_file(dict(faces)[face])


def text_width(text: str, face: str, size: float) -> float:
    """Points: the advance width of `text` as it is drawn."""
    return shaping.width(face_file(face), text, size)


class Kerned(str):
    """A shaped text as the font's characters, one per glyph, with the TJ
    adjustment after each glyph (1/1000 em: its width in the font less its
    shaped advance), written out ("" for none)."""
    adjust: tuple[str, ...]


def glyph_string(text: str, face: str) -> Kerned | ShapedStr:
    """`text` shaped, as ShapedText draws it. Cached per font."""
    font = shaping_font(face)
    found = font.glyph_strings.get(text)
    if found is None:
        found = font.glyph_strings[text] = _glyph_string(font, shaping.shape(face_file(face), text))
    return found


def _glyph_string(font: ShapingTTFont, shaped: shaping.Shaped) -> Kerned | ShapedStr:
    scale = 1000 / shaped.units_per_em
    widths, default = font.face.charWidths, font.face.defaultWidth
    chars = [font.character(glyph.gid, glyph.text) for glyph in shaped.glyphs]
    if any(glyph.dx or glyph.dy for glyph in shaped.glyphs):
        return ShapedStr("".join(chars), shapeData=[
            ShapeData(index, glyph.advance * scale, 0, glyph.dx * scale, glyph.dy * scale,
                      widths.get(ord(char), default))
            for index, (glyph, char) in enumerate(zip(shaped.glyphs, chars))])
    kerned = Kerned("".join(chars))
    adjust = (round(widths.get(ord(char), default) - glyph.advance * scale, 3)
              for glyph, char in zip(shaped.glyphs, chars))
    kerned.adjust = tuple(fp_str(a) if a else "" for a in adjust)
    return kerned


def show(text_object, string: Kerned | ShapedStr, line_end: bool = False) -> None:
    """Write `string` (from glyph_string) at the current point of a reportlab
    text object, as its textOut does (textLine with `line_end`): a Kerned
    string as one TJ per font subset, anything else by reportlab itself. The
    text object is the canvas's own (canvas.beginText), whatever its class."""
    if not isinstance(string, Kerned):
        (text_object.textLine if line_end else text_object.textOut)(string)
        return
    code = _tj(text_object, string)
    text_object._code.append(f"{code} T*" if line_end else code)


def _tj(text_object, string: Kerned) -> str:
    canvas, font = text_object._canvas, getFont(text_object._fontname)
    code, done = [], 0
    for subset, chunk in font.splitString(string, canvas._doc):
        if subset != text_object._curSubset:
            code.append(f"{font.getSubsetInternalName(subset, canvas._doc)} {fp_str(text_object._fontsize)} Tf "
                        f"{fp_str(text_object._leading)} TL")
            text_object._curSubset = subset
        parts, start = [], 0
        for index in range(len(chunk)):
            adjust = string.adjust[done + index]
            if adjust:
                parts.append(f"({canvas._escape(chunk[start:index + 1])}) {adjust}")
                start = index + 1
        if not parts:
            code.append(f"({canvas._escape(chunk)}) Tj")
        else:
            if start < len(chunk):
                parts.append(f"({canvas._escape(chunk[start:])})")
            code.append(f"[{' '.join(parts)}] TJ")
        done += len(chunk)
    return " ".join(code)


def draw_string(canvas, x: float, y: float, text: str, face: str, size: float, anchor: str = "start") -> float:
    """Draw `text` with its baseline at y, starting (anchor "start"), centred
    ("middle") or ending ("end") at x, in the fill colour already set, as
    canvas.drawString draws a line. Returns the drawn width."""
    width = text_width(text, face, size)
    start = x - {"start": 0.0, "middle": width / 2, "end": width}[anchor]
    line = canvas.beginText(start, y)
    line.setFont(font_name(face), size)
    show(line, glyph_string(text, face), line_end=True)
    canvas.drawText(line)
    return width
