"""Fonts and matplotlib settings for every chart, set up once per process."""

from __future__ import annotations

from functools import lru_cache

import matplotlib
from matplotlib import font_manager
from matplotlib.font_manager import FontProperties

from monitor_pdf import resources, theme

# rcParams used while a chart is made and drawn (see draw.py). Label text is
# data from a CSV, so "$" must never switch to mathtext.
RC = {
    "font.family": theme.FONT_FAMILY,
    # Measure text with the font's true advances: hinting at 72 dpi rounds each
    # glyph to whole points and made labels up to 14% narrower than printed.
    "text.hinting": "no_hinting",
    "text.parse_math": False,
    "axes.unicode_minus": False,
    "path.simplify": False,
    "lines.solid_capstyle": "butt",
    "svg.hashsalt": "monitor-pdf",
}


@lru_cache(maxsize=None)
def register_fonts() -> None:
    """Make the bundled fonts known to matplotlib (once per process)."""
    for face in theme.FONT_FACES.values():
        font_manager.fontManager.addfont(str(resources.fonts_dir() / face.file))


@lru_cache(maxsize=256)
def font_properties(face: str, size: float) -> FontProperties:
    register_fonts()
    return FontProperties(family=theme.FONT_FAMILY, size=size,
                          weight="bold" if face == "bold" else "normal",
                          style="italic" if face == "italic" else "normal")


@lru_cache(maxsize=4096)
def text_width(text: str, face: str, size: float) -> float:
    """Advance width in points, measured as the recording renderer measures it."""
    from matplotlib.font_manager import findfont, get_font

    from matplotlib.ft2font import LoadFlags

    font = get_font(findfont(font_properties(face, size)))
    font.set_size(size, 72)
    font.set_text(text, 0.0, flags=LoadFlags.NO_HINTING)
    return font.get_width_height()[0] / 64.0


def font_extent(font) -> tuple[float, float]:
    """Ascent and descent of a line of an FT2Font, as fractions of the em: the
    typographic metrics (OS/2, else hhea), which hold every glyph a label uses."""
    em = font.get_sfnt_table("head")["unitsPerEm"]
    for table_name, ascent_key, descent_key in (("OS/2", "sTypoAscender", "sTypoDescender"),
                                                ("hhea", "ascent", "descent")):
        table = font.get_sfnt_table(table_name)
        if table is not None:
            return table[ascent_key] / em, -table[descent_key] / em
    return 0.8, 0.2


@lru_cache(maxsize=256)
def text_extent(face: str, size: float) -> tuple[float, float]:
    """Ascent and descent in points of a line of text: with text_width, the box a
    label occupies around its baseline (the Label artist aligns by the same)."""
    from matplotlib.font_manager import findfont, get_font

    ascent, descent = font_extent(get_font(findfont(font_properties(face, size))))
    return ascent * size, descent * size


def wrap(text: str, width: float, face: str, size: float) -> list[str]:
    """Greedy word wrap to `width` points. A single word wider than the width
    stays on its own line; the caller checks the result still fits."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and text_width(candidate, face, size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines or [""]


def rc_context():
    register_fonts()
    return matplotlib.rc_context(RC)
