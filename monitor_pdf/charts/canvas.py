"""A thin layer over a matplotlib Figure: add artists in points.

The factsheet's charts are simple geometry (bars, lines, labels) in a box of
fixed size, so they are laid out in points by our own arithmetic and drawn as
figure-level matplotlib artists (Rectangle, Line2D, Text). Axes are not used:
creating an Axes was most of a chart's time (docs/benchmarks.md), spent on
ticks and spines the factsheet never shows. The transform maps points at any dpi, so the same
figure renders alike through the recorder (72 dpi) and through Agg.
"""

from __future__ import annotations

from functools import lru_cache
from typing import ClassVar

from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.font_manager import fontManager, get_font
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.transforms import Affine2D

from monitor_pdf.charts.style import font_extent, font_properties

DPI = 72.0


class PointCanvas:
    def __init__(self, figure: Figure):
        self.figure = figure
        w, h = figure.get_size_inches()
        self.width, self.height = w * DPI, h * DPI
        # points -> inches -> display units (pixels at the figure's dpi)
        self.transform = Affine2D().scale(1 / DPI) + figure.dpi_scale_trans

    def rect(self, x: float, y: float, w: float, h: float, colour: str, zorder: float = 1,
             edge: str | None = None, edge_width: float = 0.0) -> None:
        """A filled rectangle; with `edge`, a keyline `edge_width` points wide on its outline."""
        self.figure.add_artist(Rectangle((x, y), w, h, transform=self.transform, facecolor=colour,
                                         edgecolor=edge or "none", linewidth=edge_width if edge else 0,
                                         zorder=zorder))

    def line(self, xs, ys, colour: str, width: float, marker: str | None = None, markersize: float = 0,
             markevery=None, zorder: float = 2) -> None:
        self.figure.add_artist(Line2D(xs, ys, transform=self.transform, color=colour, linewidth=width,
                                      marker=marker, markersize=markersize, markeredgewidth=0,
                                      markevery=markevery, solid_joinstyle="round",
                                      solid_capstyle="butt", zorder=zorder))

    def text(self, x: float, y: float, s: str, face: str, size: float, colour: str,
             ha: str = "left", va: str = "baseline", zorder: float = 3) -> None:
        self.figure.add_artist(Label(x, y, s, font_properties(face, size), colour, ha, va,
                                     self.transform, zorder))

    def lines_of_text(self, x: float, y_centre: float, lines: list[str], face: str, size: float,
                      leading: float, colour: str, ha: str) -> None:
        """Lines centred as a block on y_centre. One Text per line: matplotlib hands
        a multi-line Text to the renderer without its alignment."""
        for i, line in enumerate(lines):
            dy = ((len(lines) - 1) / 2 - i) * leading
            self.text(x, y_centre + dy, line, face, size, colour, ha=ha, va="center_baseline")


class Label(Artist):
    """One line of text, aligned as matplotlib's Text aligns a single line.

    A chart has many labels; a full `Text` artist spends time on each
    (property handling, multi-line layout, bounding boxes) that one line at a
    fixed point never needs. A Label measures through the renderer and hands
    the text straight to `renderer.draw_text`, so every backend (the recorder,
    Agg) still draws it. Alignment follows `Text._get_layout` for one line with
    'normal' line spacing: ascent and descent are at least the font's own.
    """

    _SHIFT_X: ClassVar[dict[str, float]] = {"left": 0.0, "center": 0.5, "right": 1.0}

    def __init__(self, x, y, text, prop, colour, ha, va, transform, zorder):
        super().__init__()
        self.set_transform(transform)
        self.set_zorder(zorder)
        self._xy, self._text, self._prop, self._colour = (x, y), text, prop, colour
        self._ha, self._va = ha, va

    # what backends ask of the text object they draw
    def get_horizontalalignment(self) -> str:
        return self._ha

    def get_fontfeatures(self):
        return None

    def get_language(self):
        return None

    def draw(self, renderer) -> None:
        if not self.get_visible() or not self._text:
            return
        x, y = self.get_transform().transform(self._xy)
        width, height, descent = renderer.get_text_width_height_descent(self._text, self._prop, False)
        figure = self.get_figure(root=True)
        assert figure is not None, "a Label is drawn as part of its figure"
        min_ascent, min_descent = _font_extent(self._prop, figure.dpi)
        ascent, descent = max(height - descent, min_ascent), max(descent, min_descent)
        y += {"baseline": 0.0, "bottom": descent, "top": -ascent, "center": (descent - ascent) / 2,
              "center_baseline": -ascent / 2}[self._va]
        x -= width * self._SHIFT_X[self._ha]
        if renderer.flipy():                 # raster backends count y from the top
            y = renderer.get_canvas_width_height()[1] - y
        gc = renderer.new_gc()
        gc.set_foreground(self._colour)
        renderer.draw_text(gc, x, y, self._text, self._prop, 0.0, ismath=False, mtext=self)
        gc.restore()


@lru_cache(maxsize=64)
def _font_extent(prop, dpi: float) -> tuple[float, float]:
    """The font's typographic ascent and descent at this size, in display units."""
    ascent, descent = font_extent(get_font(fontManager._find_fonts_by_props(prop)))
    size = prop.get_size_in_points() * dpi / 72
    return ascent * size, descent * size
