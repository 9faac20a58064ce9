"""Fonts and matplotlib settings for every chart.

The family comes from the theme of the factsheet a chart belongs to (its
ChartStyle): `use_style` makes it the one measuring and drawing use, and
registers its files with matplotlib (once per file). Widths are measured by
shaping (charts/shaping.py: kerning and ligatures, as the page draws a label),
not by matplotlib's own text layout."""

from __future__ import annotations

from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

import matplotlib
from matplotlib import font_manager
from matplotlib.font_manager import FontProperties

from monitor_pdf import resources, theme
from monitor_pdf.charts import text as chart_text

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

_FAMILY = [theme.DEFAULT_THEME.chart.family]
_FACES = [dict(theme.DEFAULT_THEME.chart.faces)]

# rcParams used while a chart is made and drawn (see draw.py). Label text is
# data from a CSV, so "$" must never switch to mathtext.
RC: dict[RcKeyType, Any] = {
    # Measure text with the font's true advances: hinting at 72 dpi rounds each
    # glyph to whole points and made labels up to 14% narrower than printed.
    "text.hinting": "no_hinting",
    "text.parse_math": False,
    "axes.unicode_minus": False,
    "path.simplify": False,
    "lines.solid_capstyle": "butt",
    "svg.hashsalt": "monitor-pdf",
}


@cache
def _register(file: str) -> None:
    font_manager.fontManager.addfont(str(resources.fonts_dir() / file))


def register_fonts(style: theme.ChartStyle = theme.DEFAULT_THEME.chart) -> None:
    """Make a theme's fonts known to matplotlib (each file once per process)."""
    for _, face in style.faces:
        _register(face.file)


def use_style(style: theme.ChartStyle) -> None:
    """Measure and draw the following charts in this style's font family."""
    register_fonts(style)
    _FAMILY[0] = style.family
    _FACES[0] = dict(style.faces)


def font_properties(face: str, size: float) -> FontProperties:
    return _font_properties(face, size, _FAMILY[0])


@lru_cache(maxsize=256)
def _font_properties(face: str, size: float, family: str) -> FontProperties:
    return FontProperties(family=family, size=size, weight="bold" if face == "bold" else "normal")


def text_width(text: str, face: str, size: float) -> float:
    """Advance width in points of `text` as the page draws it: shaped (kerned,
    with ligatures) in the file of the current style's face."""
    return chart_text.text_width(text, face, size, _faces())


def font_file(face: str) -> str:
    """The path of the current style's font file for a face ("regular", "bold")."""
    return chart_text.face_file(_faces(), face)


def _faces() -> chart_text.Faces:
    return tuple(sorted(_FACES[0].items()))


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


def text_extent(face: str, size: float) -> tuple[float, float]:
    """Ascent and descent in points of a line of text: with text_width, the box a
    label occupies around its baseline (the Label artist aligns by the same)."""
    return _text_extent(face, size, _FAMILY[0])


@lru_cache(maxsize=256)
def _text_extent(face: str, size: float, family: str) -> tuple[float, float]:
    from matplotlib.font_manager import findfont, get_font

    ascent, descent = font_extent(get_font(findfont(_font_properties(face, size, family))))
    return ascent * size, descent * size


def wrap(text: str, width: float, face: str, size: float) -> list[str]:
    """Word wrap to `width` points in the current style's font (charts/text.py)."""
    return chart_text.wrap(text, width, face, size, _faces())


def rc_context(style: theme.ChartStyle = theme.DEFAULT_THEME.chart):
    use_style(style)
    return matplotlib.rc_context({**RC, "font.family": style.family})
