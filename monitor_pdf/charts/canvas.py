"""A thin layer over a matplotlib Figure: add artists in points.

The factsheet's charts are simple geometry (bars, lines, labels) in a box of
fixed size, so they are laid out in points by our own arithmetic and drawn as
figure-level matplotlib artists (Rectangle, Line2D, Text). Axes are not used:
an Axes costs ~20 ms to create, most of a chart's time, for ticks and spines
the factsheet never shows. The transform maps points at any dpi, so the same
figure renders alike through the recorder (72 dpi) and through Agg.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.transforms import Affine2D

from monitor_pdf.charts.style import font_properties

DPI = 72.0


class PointCanvas:
    def __init__(self, figure: Figure):
        self.figure = figure
        w, h = figure.get_size_inches()
        self.width, self.height = w * DPI, h * DPI
        # points -> inches -> display units (pixels at the figure's dpi)
        self.transform = Affine2D().scale(1 / DPI) + figure.dpi_scale_trans

    def rect(self, x: float, y: float, w: float, h: float, colour: str, zorder: float = 1) -> None:
        self.figure.add_artist(Rectangle((x, y), w, h, transform=self.transform, facecolor=colour,
                                         edgecolor="none", linewidth=0, zorder=zorder))

    def line(self, xs, ys, colour: str, width: float, marker: str | None = None, markersize: float = 0,
             markevery=None, zorder: float = 2) -> None:
        self.figure.add_artist(Line2D(xs, ys, transform=self.transform, color=colour, linewidth=width,
                                      marker=marker, markersize=markersize, markeredgewidth=0,
                                      markevery=markevery, solid_joinstyle="round",
                                      solid_capstyle="butt", zorder=zorder))

    def text(self, x: float, y: float, s: str, face: str, size: float, colour: str,
             ha: str = "left", va: str = "baseline", zorder: float = 3) -> None:
        self.figure.add_artist(Text(x, y, s, transform=self.transform,
                                    fontproperties=font_properties(face, size), color=colour,
                                    ha=ha, va=va, zorder=zorder))

    def lines_of_text(self, x: float, y_centre: float, lines: list[str], face: str, size: float,
                      leading: float, colour: str, ha: str) -> None:
        """Lines centred as a block on y_centre. One Text per line: matplotlib hands
        a multi-line Text to the renderer without its alignment."""
        for i, line in enumerate(lines):
            dy = ((len(lines) - 1) / 2 - i) * leading
            self.text(x, y_centre + dy, line, face, size, colour, ha=ha, va="center_baseline")
